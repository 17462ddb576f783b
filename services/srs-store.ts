// Durable SRS state. The SRS's state (keys and RK per variant, public keys, R_P, memberships,
// ACL, windows, epochs) is the result of the state-changing operations it acknowledged, applied in
// order to the implementation's Srs; the store keeps exactly those operations, each with the
// randomness it drew (key generation), plus the principals' signing keys and the responses of
// acknowledged requests by request id (a retry gets the same answer and changes nothing).
// A restart replays the operations into a fresh Srs and reaches the same state, so the rules stay
// defined once, in impl/. One transaction per acknowledged operation; the server answers only
// after it committed.
import Database from 'better-sqlite3';
import type { Policy, Variant } from '../impl/index.js';

/** One randomness draw of an operation: a scalar or a byte string, hex; null once erased (the key
 *  it made was deleted, so the store keeps no copy of it: tape-random.ts replays a stand-in). */
export interface Draw {
  readonly k: 's' | 'b';
  readonly v: string | null;
}

/** The draws of a key erased: their kinds stay, so a replay still finds the draws it expects. */
export const erasedDraws = (random: readonly Draw[]): Draw[] => random.map((d) => ({ k: d.k, v: null }));

export interface Command {
  readonly op: string;
  readonly input: Record<string, unknown>;
  readonly random: readonly Draw[];
}

export interface SrsConfig {
  readonly variant: Variant;
  readonly policy: Policy;
  /** test deployments only: the seed of the SRS's key randomness (none: the operating system's) */
  readonly seed?: string;
}

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  /** what the answer was to (srs-service.ts `requestOf`): a request id used again for another
   *  request is refused, not answered. Absent in answers stored before it was recorded. */
  readonly request?: string;
}

/** A principal's signing key, bound when its registration succeeds, and what it registered as:
 *  the cloud takes C only from owners (absent in stores made before it was recorded). */
export interface KeyBinding {
  readonly principal: string;
  readonly signingKey: string;
  readonly kind: 'owner' | 'user';
}

/** A registered principal: its signing key, and what it registered as where that was recorded. */
export interface Principal {
  readonly signingKey: string;
  readonly kind?: 'owner' | 'user';
}

/** A row of a principals table as a Principal: a kind of another value, or none, is not known. */
export const principalOf = (row: { signing_key: string; kind: string | null } | undefined): Principal | undefined =>
  row && { signingKey: row.signing_key, ...((row.kind === 'owner' || row.kind === 'user') && { kind: row.kind }) };

export interface SrsStore {
  config(): SrsConfig | undefined;
  /** every acknowledged command, in the order it was applied */
  commands(): Command[];
  /** the principal's bound signing key and what it registered as, if it is registered */
  principal(id: string): Principal | undefined;
  response(principal: string, requestId: string): StoredResponse | undefined;
  /** one transaction: the command, the principal's key binding if any, the response by request id,
   *  and the erasure of every stored copy of the secret keys of `erase` (whose keys the command
   *  deleted): the draws of their key generations and the keys in the answers they were sent */
  commit(c: Command, bind?: KeyBinding, answer?: { principal: string; requestId: string; response: StoredResponse }, erase?: readonly string[]): void;
  /** starts over with a new configuration (deployment set-up, and test resets) */
  reset(cfg: SrsConfig): void;
  close(): void;
}

export class SqliteSrsStore implements SrsStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(private readonly file: string) {
    this.db = SqliteSrsStore.open(file);
    this.stmts = {
      config: this.db.prepare('SELECT variant, policy, seed FROM config WHERE id = 1'),
      commands: this.db.prepare('SELECT seq, op, input, random FROM commands ORDER BY seq'),
      key: this.db.prepare('SELECT signing_key, kind FROM principals WHERE id = ?'),
      response: this.db.prepare('SELECT status, body, request FROM responses WHERE principal = ? AND request_id = ?'),
      addCommand: this.db.prepare('INSERT INTO commands (op, input, random) VALUES (?, ?, ?)'),
      bind: this.db.prepare('INSERT OR IGNORE INTO principals (id, signing_key, kind) VALUES (?, ?, ?)'),
      answer: this.db.prepare('INSERT OR REPLACE INTO responses (principal, request_id, status, body, request) VALUES (?, ?, ?, ?, ?)'),
      setConfig: this.db.prepare('INSERT INTO config (id, variant, policy, seed) VALUES (1, ?, ?, ?)'),
      keyDraws: this.db.prepare("SELECT seq, random FROM commands WHERE op = 'genKey' AND json_extract(input, '$.x') = ?"),
      setDraws: this.db.prepare('UPDATE commands SET random = ? WHERE seq = ?'),
      // a retry of Send_Keys after its key is gone is decided again (and refused), not answered
      dropSentKey: this.db.prepare("DELETE FROM responses WHERE principal = ? AND json_extract(body, '$.sk') IS NOT NULL"),
    };
  }

  config(): SrsConfig | undefined {
    const r = this.stmts.config.get() as { variant: Variant; policy: Policy; seed: string | null } | undefined;
    return r && { variant: r.variant, policy: r.policy, ...(r.seed !== null && { seed: r.seed }) };
  }

  commands(): Command[] {
    const rows = this.stmts.commands.all() as Array<{ seq: number; op: string; input: string; random: string }>;
    return rows.map((r) => {
      const where = `table commands, row seq ${r.seq}, column input`;
      const input = this.stored(r.input, where);
      const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
      if (!isObject) throw this.damaged(where, 'not a JSON object');
      return { op: r.op, input: input as Record<string, unknown>, random: this.storedDraws(r.seq, r.random) };
    });
  }

  private storedDraws(seq: number, text: string): Draw[] {
    const where = `table commands, row seq ${seq}, column random`;
    const random = this.stored(text, where);
    if (!Array.isArray(random)) throw this.damaged(where, 'not a JSON array');
    return random as Draw[];
  }

  principal(id: string): Principal | undefined {
    return principalOf(this.stmts.key.get(id) as { signing_key: string; kind: string | null } | undefined);
  }

  response(principal: string, requestId: string): StoredResponse | undefined {
    const r = this.stmts.response.get(principal, requestId) as { status: number; body: string; request: string | null } | undefined;
    if (!r) return undefined;
    return { status: r.status, body: this.stored(r.body, `table responses, row (${principal}, ${requestId}), column body`), ...(r.request !== null && { request: r.request }) };
  }

  /** A stored JSON column, parsed. Node's SyntaxError quotes the text around the fault, which can be
   *  key material or a record's input: the error names where the value is instead, never the value. */
  private stored(text: string, where: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw this.damaged(where, 'not valid JSON');
    }
  }

  /** The database, made ready; one that cannot be (not a SQLite file, a folder, unreadable) is
   *  named with SQLite's reason, which never quotes what the file holds. */
  private static open(file: string): Database.Database {
    let db: Database.Database | undefined;
    try {
      db = new Database(file);
      // WAL with a full sync on commit: an acknowledged operation survives a process or machine crash.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Erased keys leave no bytes behind in the file's free space (erase below).
      db.pragma('secure_delete = ON');
      db.exec(`
        CREATE TABLE IF NOT EXISTS config (id INTEGER PRIMARY KEY CHECK (id = 1), variant TEXT NOT NULL, policy TEXT NOT NULL, seed TEXT);
        CREATE TABLE IF NOT EXISTS commands (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, input TEXT NOT NULL, random TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS principals (id TEXT PRIMARY KEY, signing_key TEXT NOT NULL, kind TEXT);
        CREATE TABLE IF NOT EXISTS responses (principal TEXT NOT NULL, request_id TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, request TEXT, PRIMARY KEY (principal, request_id));
      `);
      // a database of an earlier version: its answers and keys stay, with no record of what they
      // answered or registered as
      for (const [table, column] of [['responses', 'request'], ['principals', 'kind']] as const) {
        const columns = db.pragma(`table_info(${table})`) as Array<{ name: string }>;
        if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`);
      }
      return db;
    } catch (e) {
      db?.close();
      const code = (e as { code?: string }).code;
      throw new Error(`${file}: cannot be opened as the SRS's database (${code ? `${code}: ` : ''}${(e as Error).message})`);
    }
  }

  private damaged(where: string, what: string): Error {
    return new Error(`${this.file}: ${where}: ${what} (the database is damaged)`);
  }

  commit(c: Command, bind?: KeyBinding, answer?: { principal: string; requestId: string; response: StoredResponse }, erase: readonly string[] = []): void {
    this.db.transaction(() => {
      this.stmts.addCommand.run(c.op, JSON.stringify(c.input), JSON.stringify(c.random));
      if (bind) this.stmts.bind.run(bind.principal, bind.signingKey, bind.kind);
      if (answer) this.stmts.answer.run(answer.principal, answer.requestId, answer.response.status, JSON.stringify(answer.response.body), answer.response.request ?? null);
      for (const p of erase) this.erase(p);
    })();
    if (erase.length) this.wipePending = true;
    if (this.wipePending) this.wipe();
  }

  /** Erased keys stay in the write-ahead log's pages until a checkpoint copies the new pages over
   *  the database's own and the log is truncated. A reader of the file (a backup, a shell) blocks
   *  that: then the wipe is tried again after each later commit, waiting for no reader meanwhile. */
  private wipePending = false;

  private wipe(): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      const [r] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      this.wipePending = r?.busy !== 0;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  /** Every stored copy of p's secret keys: the draws of its key generations, the keys it was sent. */
  private erase(p: string): void {
    for (const r of this.stmts.keyDraws.all(p) as Array<{ seq: number; random: string }>) {
      this.stmts.setDraws.run(JSON.stringify(erasedDraws(this.storedDraws(r.seq, r.random))), r.seq);
    }
    this.stmts.dropSentKey.run(p);
  }

  reset(cfg: SrsConfig): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM config; DELETE FROM commands; DELETE FROM principals; DELETE FROM responses;');
      this.stmts.setConfig.run(cfg.variant, cfg.policy, cfg.seed ?? null);
    })();
  }

  close(): void {
    if (this.wipePending) this.wipe();
    this.db.close();
  }
}
