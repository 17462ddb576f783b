// The SRS's store on PostgreSQL, for several stateless SRS instances over one database. The
// state is the same fold of acknowledged operations as with SQLite (srs-store.ts); here every
// request runs in a transaction holding one advisory lock, in which the instance first applies
// the operations other instances appended since it last looked, then decides, then appends its
// own. So all instances' acknowledgements form one serial order, and any instance answers from
// the latest state.
import pg from 'pg';
import { erasedDraws, principalOf, type Command, type KeyBinding, type Principal, type SrsConfig, type StoredResponse } from './srs-store.js';

/** The advisory lock every instance's request takes (one SRS deployment per database). */
const LOCK = 0x5e5_9a7;

export interface LedgerTx {
  /** operations appended by anyone after the caller's last sequence number, in order */
  readonly news: ReadonlyArray<Command & { seq: number }>;
  response(principal: string, requestId: string): Promise<StoredResponse | undefined>;
  /** as SrsStore.commit: with `erase`, every stored copy of those principals' secret keys goes */
  append(c: Command, bind?: KeyBinding, answer?: { principal: string; requestId: string; response: StoredResponse }, erase?: readonly string[]): Promise<number>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS srs_config (id INTEGER PRIMARY KEY CHECK (id = 1), variant TEXT NOT NULL, policy TEXT NOT NULL, seed TEXT);
  CREATE TABLE IF NOT EXISTS srs_commands (seq BIGSERIAL PRIMARY KEY, op TEXT NOT NULL, input JSONB NOT NULL, random JSONB NOT NULL);
  CREATE TABLE IF NOT EXISTS srs_principals (id TEXT PRIMARY KEY, signing_key TEXT NOT NULL, kind TEXT);
  ALTER TABLE srs_principals ADD COLUMN IF NOT EXISTS kind TEXT;
  CREATE TABLE IF NOT EXISTS srs_responses (principal TEXT NOT NULL, request_id TEXT NOT NULL, status INTEGER NOT NULL, body JSONB NOT NULL, request TEXT, PRIMARY KEY (principal, request_id));
  ALTER TABLE srs_responses ADD COLUMN IF NOT EXISTS request TEXT;
`;

export class PgLedger {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string): Promise<PgLedger> {
    const pool = new pg.Pool({ connectionString, max: 4 });
    // a database that cannot be reached or used leaves no pool behind to keep the process alive
    await pool.query(SCHEMA).catch(async (e: unknown) => {
      await pool.end().catch(() => undefined);
      throw e;
    });
    return new PgLedger(pool);
  }

  async config(): Promise<SrsConfig | undefined> {
    const r = await this.pool.query('SELECT variant, policy, seed FROM srs_config WHERE id = 1');
    const row = r.rows[0] as { variant: SrsConfig['variant']; policy: SrsConfig['policy']; seed: string | null } | undefined;
    return row && { variant: row.variant, policy: row.policy, ...(row.seed !== null && { seed: row.seed }) };
  }

  /** Sets the configuration of a new deployment; an existing one keeps its own. */
  async init(cfg: SrsConfig): Promise<void> {
    await this.pool.query('INSERT INTO srs_config (id, variant, policy, seed) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING', [cfg.variant, cfg.policy, cfg.seed ?? null]);
  }

  /** The principal's bound signing key and what it registered as, if it is registered. */
  async principal(id: string): Promise<Principal | undefined> {
    const r = await this.pool.query('SELECT signing_key, kind FROM srs_principals WHERE id = $1', [id]);
    return principalOf(r.rows[0] as { signing_key: string; kind: string | null } | undefined);
  }

  /** Runs `step` under the deployment-wide lock, in one transaction: all of it is committed or none. */
  async exclusive<T>(after: number, step: (tx: LedgerTx) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      const r = await c.query('SELECT seq, op, input, random FROM srs_commands WHERE seq > $1 ORDER BY seq', [after]);
      const news = r.rows.map((x: { seq: string; op: string; input: Record<string, unknown>; random: Command['random'] }) => ({ seq: Number(x.seq), op: x.op, input: x.input, random: x.random }));
      const tx: LedgerTx = {
        news,
        response: async (p, id) => {
          const q = await c.query('SELECT status, body, request FROM srs_responses WHERE principal = $1 AND request_id = $2', [p, id]);
          const row = q.rows[0] as { status: number; body: unknown; request: string | null } | undefined;
          return row && { status: row.status, body: row.body, ...(row.request !== null && { request: row.request }) };
        },
        append: async (cmd, bind, answer, erase) => {
          const q = await c.query('INSERT INTO srs_commands (op, input, random) VALUES ($1, $2, $3) RETURNING seq', [cmd.op, JSON.stringify(cmd.input), JSON.stringify(cmd.random)]);
          if (bind) await c.query('INSERT INTO srs_principals (id, signing_key, kind) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [bind.principal, bind.signingKey, bind.kind]);
          if (answer) await c.query('INSERT INTO srs_responses (principal, request_id, status, body, request) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (principal, request_id) DO UPDATE SET status = $3, body = $4, request = $5', [answer.principal, answer.requestId, answer.response.status, JSON.stringify(answer.response.body), answer.response.request ?? null]);
          for (const p of erase ?? []) {
            const keyGens = "SELECT seq, random FROM srs_commands WHERE op = 'genKey' AND input->>'x' = $1";
            for (const r of (await c.query(keyGens, [p])).rows as Array<{ seq: string; random: Command['random'] }>) {
              const erased = JSON.stringify(erasedDraws(r.random));
              await c.query('UPDATE srs_commands SET random = $1 WHERE seq = $2', [erased, r.seq]);
            }
            // a retry of Send_Keys after its key is gone is decided again (and refused), not answered
            await c.query("DELETE FROM srs_responses WHERE principal = $1 AND body ? 'sk'", [p]);
          }
          return Number((q.rows[0] as { seq: string }).seq);
        },
      };
      const out = await step(tx);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
