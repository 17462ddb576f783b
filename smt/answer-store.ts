// Answers z3 gave in earlier processes, kept on disk: the reuse of what is already proved across
// runs of `sesphr`. smt/answered.ts keys each command by a hash of every command of its session up
// to it, and a session runs in a fresh context, so z3's output to a command is a function of its
// key (the files of two runs are equal byte for byte). A key answered by the same z3 build in an
// earlier run therefore needs no solving now: the session gets the recorded output, writes the
// same transcript, and makes a context only where its commands part ways with every recorded
// session. Only complete answers are recorded (no time limit reached, no error).
//
// The store is one file per z3 build (its version text is part of the name), an append-only log
// of JSON lines, each carrying a checksum of its own key and output: threads and processes append
// whole lines, and a line cut short by a crash or changed by hand fails its checksum and is
// skipped. `compactStore` rewrites the file (atomically: a temporary file renamed over it) when
// it holds duplicates or broken lines, or more than its bound. The build's full version text is
// kept beside the log (`versionFile`), so that a run answered wholly from the store never loads
// the solver.
import { createHash, hash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../output/atomic-file.js';
import { join } from 'node:path';

/** Entries a store keeps (the most recently written win); a catalogue on `paper` adds about 7,000. */
export const STORE_ENTRIES = 400_000;

export class AnswerStoreError extends Error {}

// one-shot hashing (`hash`): a Hash object made for each of a store's lines took about half the
// time of reading the store whole; the digest of the joined text is the same
const check = (key: string, output: string) => hash('sha256', `${key}\0${output}`, 'base64').slice(0, 16);

/** The file of `dir` holding the answers of the z3 build described by `version`. */
export function storeFile(dir: string, version: string): string {
  const tag = createHash('sha256').update(version).digest('hex').slice(0, 16);
  return join(dir, `z3-answers.${tag}.jsonl`);
}

export interface StoreRead {
  readonly entries: Map<string, string>;
  /** lines skipped: cut short, not JSON, or failing their checksum */
  readonly broken: number;
  /** lines whose key an earlier line already had */
  readonly repeated: number;
}

/** A store file's lines; an absent file has none. */
function storeLines(file: string): string[] {
  if (!existsSync(file)) return [];
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch (e) {
    throw new AnswerStoreError(`cannot read the stored answers ${file}: ${(e as Error).message}`);
  }
}

/** Reads a store file; an absent file is an empty store. */
export function readStore(file: string): StoreRead {
  const entries = new Map<string, string>();
  let broken = 0;
  let repeated = 0;
  for (const line of storeLines(file)) {
    if (!line) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      broken++;
      continue;
    }
    const r = rec as { k?: unknown; o?: unknown; c?: unknown };
    if (typeof r.k !== 'string' || typeof r.o !== 'string' || r.c !== check(r.k, r.o)) {
      broken++;
      continue;
    }
    if (entries.has(r.k)) {
      repeated++;
      entries.delete(r.k); // the later line wins, and moves to the end (the most recent)
    }
    entries.set(r.k, r.o);
  }
  return { entries, broken, repeated };
}

const line = (k: string, o: string) => JSON.stringify({ k, o, c: check(k, o) }) + '\n';

/**
 * A store's lines by their keys, none of them checked yet: each thread of a catalogue opens the
 * store, and looks up only the commands its own runs send, a small part of a store that keeps
 * several catalogues' answers. Parsing and checking every line took each thread some 0.2 s for a
 * store of 25 000 entries; the key alone is read here, and `storedOutput` checks a line when its
 * key is asked for. An absent file is an empty store; the later of two lines with a key wins.
 */
export function indexStore(file: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const l of storeLines(file)) {
    const k = keyOfLine(l);
    if (k !== undefined) lines.set(k, l);
  }
  return lines;
}

const KEY_START = '{"k":"';
/** The key a line is filed under, read without parsing the line (undefined: not a line `line` writes). */
function keyOfLine(l: string): string | undefined {
  if (!l.startsWith(KEY_START)) return undefined;
  const end = l.indexOf('"', KEY_START.length);
  if (end < 0) return undefined;
  const raw = l.slice(KEY_START.length, end);
  if (!raw.includes('\\')) return raw;
  // a key with an escape in it (none of the commands' keys has one): the whole line parsed
  try {
    const k = (JSON.parse(l) as { k?: unknown }).k;
    return typeof k === 'string' ? k : undefined;
  } catch {
    return undefined;
  }
}

/** The output a line of `indexStore` records for `key`, or undefined if the line is cut short, changed or not that key's. */
export function storedOutput(l: string, key: string): string | undefined {
  let rec: unknown;
  try {
    rec = JSON.parse(l);
  } catch {
    return undefined;
  }
  const r = rec as { k?: unknown; o?: unknown; c?: unknown };
  return r.k === key && typeof r.o === 'string' && r.c === check(key, r.o) ? r.o : undefined;
}

/**
 * The file beside a store that names the z3 build whose answers it keeps. It is apart from the
 * log so that it is written whole, and once whatever the number of threads: each thread that finds
 * it absent writes the same text over it, where a line in the log would be repeated by each.
 */
export const versionFile = (file: string): string => file.replace(/\.jsonl$/, '') + '.version';

/** The build the store's version file names (undefined: absent, or not written by `writeStoreVersion`). */
export function readStoreVersion(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(versionFile(file), 'utf8');
  } catch {
    return undefined;
  }
  return storedOutput(text.trimEnd(), VERSION_KEY);
}

/** Names the build in the store's version file. */
export function writeStoreVersion(file: string, version: string): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileAtomic(versionFile(file), line(VERSION_KEY, version));
  } catch (e) {
    throw new AnswerStoreError(`cannot record the z3 build in ${versionFile(file)}: ${(e as Error).message}`);
  }
}

/** The key under which a store kept the full version text of its z3 build, in the version file and, in stores of earlier builds, as a line of the log (no command hash has this form). */
export const VERSION_KEY = 'z3 full version';

/** Appends entries as whole lines (one write). */
export function appendStore(file: string, entries: ReadonlyArray<readonly [string, string]>): void {
  if (!entries.length) return;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    appendFileSync(file, entries.map(([k, o]) => line(k, o)).join(''));
  } catch (e) {
    throw new AnswerStoreError(`cannot record answers in ${file}: ${(e as Error).message}`);
  }
}

/**
 * Rewrites the store without broken or repeated lines and within STORE_ENTRIES (the oldest
 * dropped), when it needs it; returns what it read. Run by one thread before any other opens
 * the store.
 */
export function compactStore(file: string, bound = STORE_ENTRIES): StoreRead {
  const read = readStore(file);
  if (!read.broken && !read.repeated && read.entries.size <= bound) return read;
  const keep = [...read.entries].slice(Math.max(0, read.entries.size - bound));
  try {
    writeFileAtomic(file, keep.map(([k, o]) => line(k, o)).join(''));
  } catch (e) {
    throw new AnswerStoreError(`cannot rewrite the stored answers ${file}: ${(e as Error).message}`);
  }
  return { entries: new Map(keep), broken: read.broken, repeated: read.repeated };
}

/** Size of the store file in bytes (0 if absent). */
export const storeBytes = (file: string): number => (existsSync(file) ? statSync(file).size : 0);
