// The audit chain (seed 001: "auditability and traceability of access and data sharing
// events"; seed 002: a tamper-evident, "blockchain" record). The SRS appends one entry per
// security-relevant event to an append-only log of JSON lines; each entry carries the SHA-256 of
// the previous entry, so a modified, removed, reordered or inserted entry breaks the chain at the
// first bad line. Entries hold ids, labels, codes and epochs only: never a key, an R value or
// plaintext (append() accepts nothing else). Writes are append + fsync; a new SRS reopens the
// same file and continues the chain. Removing the LAST entries leaves a valid shorter chain: only
// an anchor (the head the SRS published earlier: entry count and hash) detects that.
import { sha256Hex } from '../digest.js';
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { utf8Text } from '../../input/text.js';
import { SesphrError } from '../errors.js';

/** What the SRS logs. */
export type AuditEvent =
  | 'srs-start' | 'register-owner' | 'register' | 'key-generated' | 'key-issued' | 'public-key-deposited'
  | 'approve' | 'grant' | 'ungrant' | 'except' | 'window' | 'revoke' | 'rp-stored' | 'r-granted' | 'r-refused';

const AUDIT_EVENTS: readonly AuditEvent[] = [
  'srs-start', 'register-owner', 'register', 'key-generated', 'key-issued', 'public-key-deposited',
  'approve', 'grant', 'ungrant', 'except', 'window', 'revoke', 'rp-stored', 'r-granted', 'r-refused',
];

/** The facts of one event: who (actor), about whom (subject), what (file, label), outcome code. */
export interface AuditFacts {
  readonly event: AuditEvent;
  /** SRS epoch the event happened at */
  readonly epoch: number;
  readonly actor?: string;
  readonly subject?: string;
  readonly file?: string;
  readonly label?: string;
  /** refusal code (r-refused) or role (register) */
  readonly code?: string;
  /** r-granted: the partition version; window: start and end epochs */
  readonly version?: number;
  readonly start?: number;
  readonly end?: number | null;
}

export interface AuditEntry extends AuditFacts {
  /** 0-based position in the chain */
  readonly seq: number;
  /** SHA-256 (hex) of the previous entry's line, GENESIS for the first */
  readonly prev: string;
  /** SHA-256 (hex) of this entry with `hash` left out (canonical JSON) */
  readonly hash: string;
}

const GENESIS = '0'.repeat(64);

/** The head of a chain: how many entries and the last one's hash. Publishing it anchors the log. */
export interface AuditHead {
  readonly entries: number;
  readonly hash: string;
}

const TEXT = /^[A-Za-z0-9_.:@-]{1,64}$/;
const STRING_FIELDS = ['actor', 'subject', 'file', 'label', 'code'] as const;
const NUMBER_FIELDS = ['version', 'start'] as const;
const KEYS = ['seq', 'epoch', 'event', 'actor', 'subject', 'file', 'label', 'code', 'version', 'start', 'end', 'prev'] as const;

/** Canonical JSON of an entry without its hash: fixed key order, absent fields left out. */
function canonical(e: Omit<AuditEntry, 'hash'>): string {
  const o: Record<string, unknown> = {};
  for (const k of KEYS) if ((e as unknown as Record<string, unknown>)[k] !== undefined) o[k] = (e as unknown as Record<string, unknown>)[k];
  return JSON.stringify(o);
}


/** Checks the shape of an event's facts: ids and codes only, so nothing secret can be logged. */
function checkFacts(f: AuditFacts): string | undefined {
  // a value that is not text is named by its kind: turning a deeply nested one into text would
  // run out of stack
  if (typeof f.event !== 'string') return `event is not a name (${f.event === null ? 'null' : Array.isArray(f.event) ? 'an array' : typeof f.event})`;
  if (!AUDIT_EVENTS.includes(f.event)) return `unknown event ${JSON.stringify(f.event).slice(0, 40)}`;
  if (!Number.isSafeInteger(f.epoch) || f.epoch < 0) return 'epoch is not a whole number >= 0';
  for (const k of STRING_FIELDS) if (f[k] !== undefined && (typeof f[k] !== 'string' || !TEXT.test(f[k]))) return `${k} is not an id (1-64 of [A-Za-z0-9_.:@-])`;
  for (const k of NUMBER_FIELDS) if (f[k] !== undefined && !Number.isSafeInteger(f[k])) return `${k} is not a whole number`;
  if (f.end !== undefined && f.end !== null && !Number.isSafeInteger(f.end)) return 'end is not a whole number or null';
  return undefined;
}

export type VerifyResult =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | { readonly ok: false; readonly entries: number; readonly line: number; readonly problem: string };

/** Reading failed (missing file, a directory, no permission): not a verdict on the log. */
export class AuditReadError extends Error {}

function readLog(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new AuditReadError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return utf8Text('audit log', path, bytes, (m) => new AuditReadError(m));
}

/**
 * Verifies a log's text. `entries` counts the valid entries before the first bad line. With an
 * anchor (a head published earlier), a log that lost entries at its end is detected too.
 */
export function verifyText(text: string, anchor?: AuditHead): VerifyResult {
  const bad = (entries: number, line: number, problem: string): VerifyResult => ({ ok: false, entries, line, problem });
  if (text === '') return anchorCheck(0, GENESIS, anchor);
  const lines = text.split('\n');
  const torn = !text.endsWith('\n');
  if (!torn) lines.pop();
  let prev = GENESIS;
  for (let k = 0; k < lines.length; k++) {
    const n = k + 1;
    if (torn && k === lines.length - 1) return bad(k, n, 'torn last line: the final write did not complete (no line end)');
    let e: AuditEntry;
    try {
      e = JSON.parse(lines[k]);
    } catch {
      return bad(k, n, 'not a JSON entry');
    }
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return bad(k, n, 'not a JSON object');
    const extra = Object.keys(e).filter((x) => x !== 'hash' && !(KEYS as readonly string[]).includes(x));
    if (extra.length) return bad(k, n, `unexpected field ${extra[0].slice(0, 40)}`);
    const shape = checkFacts(e);
    if (shape) return bad(k, n, shape);
    if (e.seq !== k) return bad(k, n, `sequence number ${JSON.stringify(e.seq)} where ${k} belongs (an entry was removed, inserted or moved)`);
    if (e.prev !== prev) return bad(k, n, 'previous-hash link broken (an entry before it was removed, inserted, moved or changed)');
    const { hash, ...rest } = e;
    if (typeof hash !== 'string' || sha256Hex(canonical(rest)) !== hash) return bad(k, n, 'entry hash does not match its content (the entry was modified)');
    prev = hash;
  }
  return anchorCheck(lines.length, prev, anchor);
}

function anchorCheck(entries: number, head: string, anchor?: AuditHead): VerifyResult {
  if (anchor) {
    if (entries < anchor.entries) return { ok: false, entries, line: entries + 1, problem: `the log ends after ${entries} entries, but the anchor has ${anchor.entries} (entries were removed from the end)` };
    if (anchor.entries === entries && anchor.hash !== head) return { ok: false, entries, line: entries, problem: 'the last entry differs from the anchored head' };
  }
  return { ok: true, entries, head };
}

/** Verifies the log file at `path` (throws AuditReadError when it cannot be read). */
export function verifyLog(path: string, anchor?: AuditHead): VerifyResult {
  const text = readLog(path);
  const r = verifyText(text, anchor);
  if (!r.ok || !anchor || anchor.entries === 0 || r.entries === anchor.entries) return r;
  // The chain is longer than the anchor: the anchored entry must still carry the anchored hash.
  const at = JSON.parse(text.split('\n')[anchor.entries - 1]) as AuditEntry;
  return at.hash === anchor.hash ? r : { ok: false, entries: anchor.entries - 1, line: anchor.entries, problem: 'the entry at the anchor differs from the anchored head' };
}

/** An append-only, hash-chained log file. `open` continues an existing chain after verifying it. */
export class AuditLog {
  private seq: number;
  private last: string;
  /** the lines of an in-memory log (no file) */
  private readonly memory: string[] | undefined;

  private constructor(readonly path: string | undefined, head: AuditHead) {
    this.seq = head.entries;
    this.last = head.hash;
    this.memory = path === undefined ? [] : undefined;
  }

  /** A log kept in memory, same chain and checks, no file (conformance runs make thousands of SRSs). */
  static inMemory(): AuditLog {
    return new AuditLog(undefined, { entries: 0, hash: GENESIS });
  }

  /** The log's text, as the file holds it (read back from the file, or the in-memory lines). */
  text(): string {
    return this.memory ? this.memory.join('') : readLog(this.path!);
  }

  /** Opens (or creates) the log at `path`. A broken or torn log is refused, never extended. */
  static open(path: string): AuditLog {
    let text = '';
    try {
      text = utf8Text('audit log', path, readFileSync(path), (m) => new AuditReadError(m));
    } catch (e) {
      if (e instanceof AuditReadError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new AuditReadError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code}`);
    }
    const r = verifyText(text);
    if (!r.ok) throw new SesphrError('AUDIT_CORRUPT', `audit log ${path}: line ${r.line}: ${r.problem}; refusing to extend it`, 'audit');
    return new AuditLog(path, { entries: r.entries, hash: r.head });
  }

  /** entries so far and the last hash: publish it to anchor the log against truncation */
  head(): AuditHead {
    return { entries: this.seq, hash: this.last };
  }

  /** Appends one entry (append + fsync). Throws before writing anything if the facts are not ids and codes. */
  append(facts: AuditFacts): AuditEntry {
    const problem = checkFacts(facts);
    if (problem) throw new SesphrError('INVALID_CONFIG', `audit entry: ${problem}`, 'audit');
    const body = { ...facts, seq: this.seq, prev: this.last };
    const entry: AuditEntry = { ...body, hash: sha256Hex(canonical(body)) };
    const o: Record<string, unknown> = JSON.parse(canonical(body));
    o.hash = entry.hash;
    const line = JSON.stringify(o) + '\n';
    if (this.memory) this.memory.push(line);
    else {
      const fd = openSync(this.path!, 'a');
      try {
        writeSync(fd, line);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.seq++;
    this.last = entry.hash;
    return entry;
  }
}
