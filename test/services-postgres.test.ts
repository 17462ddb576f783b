// Several stateless SRS instances on one PostgreSQL database: an operation acknowledged by one is
// seen by the next request to any other, revocations included; concurrent clients spread over the
// instances get answers of one serial order; a new instance starts from the database alone; an
// operation the database would not store leaves no trace in the instance that applied it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeRP, decodeScalar, deterministicRandom, encodeRP } from '../impl/index.js';
import pgClient from 'pg';
import { ServiceClient } from '../services/client.js';
import { newIdentity, type SigningIdentity } from '../services/identity.js';
import { serve, type Running } from '../services/serve.js';
import { type Postgres, startPostgres } from './support/postgres.js';

const pg = await startPostgres();
if ('skip' in pg) console.warn(pg.skip);
const server = 'skip' in pg ? undefined : (pg as Postgres);
const dirs: string[] = [];
const instances: Running[] = [];

afterAll(async () => {
  for (const r of instances) await r.close();
  server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 120_000);

async function instance(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'sesphr-pgsrs-'));
  dirs.push(dir);
  const r = await serve({ host: '127.0.0.1', srsPort: 0, dataDir: dir, variant: 'srs-keys', policy: 'history', only: 'srs', cloudUrl: 'http://127.0.0.1:9', postgres: server!.url });
  instances.push(r);
  return r;
}

describe.skipIf(!server)('PostgreSQL store, several SRS instances', () => {
  it('shares every acknowledged operation between instances and with a new one', async () => {
    const [A, B] = [await instance(), await instance()];
    const at = (r: Running, id: SigningIdentity) => new ServiceClient({ srsUrl: r.srsUrl!, cloudUrl: 'http://127.0.0.1:9', identity: id });
    const P = newIdentity('P');
    const users = Array.from({ length: 16 }, (_, k) => newIdentity(`u${k}`));
    await at(A, P).srs('registerOwner', { owner: 'P', signingKey: P.publicKey });
    await at(B, P).srs('genKey', { x: 'P' });
    const sk = decodeScalar(Buffer.from((await at(A, P).srs<{ sk: string }>('sendKeys', { x: 'P' })).sk, 'base64'), 'sk(P)');
    const rp = Buffer.from(encodeRP(computeRP(deterministicRandom('pg/r').scalar(), sk))).toString('base64');
    await at(B, P).srs('storeRP', { owner: 'P', file: 'f1', label: 'medical', version: 1, rp });
    for (const [k, u] of users.entries()) {
      const [mine, other] = k % 2 ? [A, B] : [B, A];
      await at(mine, u).srs('register', { user: u.principal, owner: 'P', role: 'doctor', signingKey: u.publicKey });
      await at(other, u).srs('genKey', { x: u.principal });
      await at(other, P).srs('approve', { owner: 'P', user: u.principal });
    }
    // Concurrent R_U requests on both instances while half the users are revoked through either.
    type Op = { user: string; kind: 'ru' | 'revoke'; s: number; e: number; granted?: boolean };
    const ops: Op[] = [];
    const revoked = users.filter((_, k) => k % 2 === 0);
    await Promise.all([
      ...users.map(async (u, k) => {
        for (let i = 0; i < 4; i++) {
          const s = performance.now();
          const r = await at(i % 2 ? A : B, u).srs<{ granted: boolean; code?: string }>('requestRU', { user: u.principal, file: 'f1', label: 'medical' });
          if (!r.granted) expect(r.code).toBe('REVOKED');
          ops.push({ user: u.principal, kind: 'ru', s, e: performance.now(), granted: r.granted });
          void k;
        }
      }),
      ...revoked.map(async (u, k) => {
        await new Promise((r) => setTimeout(r, 10 * k));
        const s = performance.now();
        await at(k % 2 ? A : B, P).srs('revoke', { owner: 'P', user: u.principal });
        ops.push({ user: u.principal, kind: 'revoke', s, e: performance.now() });
      }),
    ]);
    for (const u of users) {
      const reads = ops.filter((o) => o.user === u.principal && o.kind === 'ru');
      const rev = ops.find((o) => o.user === u.principal && o.kind === 'revoke');
      if (!rev) { expect(reads.every((r) => r.granted)).toBe(true); continue; }
      const lo = Math.max(rev.s, ...reads.filter((r) => r.granted).map((r) => r.s));
      const hi = Math.min(rev.e, ...reads.filter((r) => !r.granted).map((r) => r.e));
      expect(lo, `${u.principal}: no serial order fits`).toBeLessThanOrEqual(hi);
    }
    // A new instance starts from the database alone: revocations and grants are there.
    const C = await instance();
    for (const [k, u] of users.entries()) {
      const r = await at(C, u).srs<{ granted: boolean; code?: string }>('requestRU', { user: u.principal, file: 'f1', label: 'medical' });
      expect(r.granted, u.principal).toBe(k % 2 === 1);
    }
  }, 300_000);

  it('erases a revoked user\'s secret key from the ledger in the revocation\'s transaction', async () => {
    const [A, B] = [await instance(), await instance()];
    const at = (r: Running, id: SigningIdentity) => new ServiceClient({ srsUrl: r.srsUrl!, cloudUrl: 'http://127.0.0.1:9', identity: id });
    const [Q, w] = [newIdentity('Q'), newIdentity('w')];
    await at(A, Q).srs('registerOwner', { owner: 'Q', signingKey: Q.publicKey });
    await at(B, w).srs('register', { user: 'w', owner: 'Q', role: 'doctor', signingKey: w.publicKey });
    await at(A, Q).srs('approve', { owner: 'Q', user: 'w' });
    const sent: Record<string, string> = {};
    for (const [id, x] of [[Q, 'Q'], [w, 'w']] as const) {
      await at(A, id).srs('genKey', { x });
      sent[x] = (await at(B, id).srs<{ sk: string }>('sendKeys', { x })).sk;
    }
    const skQ = decodeScalar(Buffer.from(sent.Q!, 'base64'), 'sk(Q)');
    const rp = Buffer.from(encodeRP(computeRP(deterministicRandom('pg/q').scalar(), skQ))).toString('base64');
    await at(A, Q).srs('storeRP', { owner: 'Q', file: 'g1', label: 'medical', version: 1, rp });
    // w's first R_U forms RK from w's key: logged, so every replay forms it again
    const ru = (r: Running) => at(r, w).srs<{ granted: boolean; code?: string }>('requestRU', { user: 'w', file: 'g1', label: 'medical' });
    expect(await ru(B)).toMatchObject({ granted: true });
    const db = new pgClient.Client({ connectionString: server!.url });
    await db.connect();
    try {
      // the stored forms of a key: its draw (hex, as drawn) and the answer that sent it (base64)
      const stored = async (x: string) => {
        const r = await db.query("SELECT (SELECT string_agg(random::text, ' ') FROM srs_commands WHERE op = 'genKey' AND input->>'x' = $1) AS draws, (SELECT string_agg(body::text, ' ') FROM srs_responses WHERE principal = $1) AS answers", [x]);
        return `${r.rows[0].draws} ${r.rows[0].answers}`;
      };
      const hexOf = (b64: string) => BigInt('0x' + Buffer.from(b64, 'base64').toString('hex')).toString(16);
      expect(await stored('w')).toContain(hexOf(sent.w!));
      expect(await stored('w')).toContain(sent.w);
      await at(B, Q).srs('revoke', { owner: 'Q', user: 'w' });
      expect(await stored('w')).not.toContain(hexOf(sent.w!));
      expect(await stored('w')).not.toContain(sent.w);
      expect(await stored('Q')).toContain(hexOf(sent.Q!));
    } finally {
      await db.end();
    }
    // Instances that replay the erased draw, the one that saw it live and a new one, agree: the
    // owner's key is the one sent, and w is refused as revoked.
    for (const r of [A, await instance()]) {
      expect((await at(r, Q).srs<{ sk: string }>('sendKeys', { x: 'Q' })).sk).toBe(sent.Q);
      expect(await ru(r)).toMatchObject({ granted: false, code: 'REVOKED' });
    }
  }, 120_000);

  it('answers 503 to an operation the ledger refuses to store, and serves what the ledger holds', async () => {
    const A = await instance();
    // a short retry: the client asks again while the store keeps failing, then gives the 503 back
    const at = (id: SigningIdentity) => new ServiceClient({ srsUrl: A.srsUrl!, cloudUrl: 'http://127.0.0.1:9', identity: id, retryMs: 300 });
    const [O, v] = [newIdentity('O'), newIdentity('v')];
    await at(O).srs('registerOwner', { owner: 'O', signingKey: O.publicKey });
    await at(v).srs('register', { user: 'v', owner: 'O', role: 'doctor', signingKey: v.publicKey });
    await at(O).srs('approve', { owner: 'O', user: 'v' });
    await at(O).srs('genKey', { x: 'O' });
    await at(v).srs('genKey', { x: 'v' });
    const sk = decodeScalar(Buffer.from((await at(O).srs<{ sk: string }>('sendKeys', { x: 'O' })).sk, 'base64'), 'sk(O)');
    const rp = Buffer.from(encodeRP(computeRP(deterministicRandom('pg/o').scalar(), sk))).toString('base64');
    // a doctor's default access leaves out insurance: only a grant opens it
    await at(O).srs('storeRP', { owner: 'O', file: 'h1', label: 'insurance', version: 1, rp });
    const ru = () => at(v).srs<{ granted: boolean; code?: string }>('requestRU', { user: 'v', file: 'h1', label: 'insurance' });
    expect(await ru()).toMatchObject({ granted: false, code: 'NOT_GRANTED' });
    const db = new pgClient.Client({ connectionString: server!.url });
    await db.connect();
    try {
      // The grant is applied to the instance's Srs, then its row is refused by the database.
      await db.query("CREATE FUNCTION refuse_grant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$");
      await db.query("CREATE TRIGGER refuse_grant BEFORE INSERT ON srs_commands FOR EACH ROW WHEN (NEW.op = 'grant') EXECUTE FUNCTION refuse_grant()");
      await expect(at(O).srs('grant', { owner: 'O', user: 'v', label: 'insurance' })).rejects.toMatchObject({ status: 503, code: 'STORE_FAILED' });
      // the instance went back to what the ledger holds: no grant
      expect(await ru()).toMatchObject({ granted: false, code: 'NOT_GRANTED' });
    } finally {
      await db.query('DROP TRIGGER IF EXISTS refuse_grant ON srs_commands');
      await db.query('DROP FUNCTION IF EXISTS refuse_grant');
      await db.end();
    }
    await at(O).srs('grant', { owner: 'O', user: 'v', label: 'insurance' });
    expect(await ru()).toMatchObject({ granted: true });
  }, 120_000);
});
