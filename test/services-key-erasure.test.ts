// Revoke deletes the departing user's keys (Sec. 3.7), and the durable SRS keeps no copy of them:
// the draw its key generation recorded and the key it was sent leave srs.db and its write-ahead
// log in the transaction that stores the revocation. A restart replays the erased draw as a
// stand-in and reaches the state acknowledged; the owner's key, still held, stays as drawn.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRP, rpGroup } from '../impl/index.js';
import { ServiceClient } from '../services/client.js';
import { newIdentity } from '../services/identity.js';
import { serve, type Running } from '../services/serve.js';
import { signRequest } from '../services/wire.js';
import { tempDir } from './support/temp-dir.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Every byte the SRS keeps on disk: srs.db and its companions (write-ahead log, shared memory). */
const onDisk = (dir: string): string =>
  readdirSync(dir).filter((f) => f.startsWith('srs.db')).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');

describe('a revoked user\'s secret key at the durable SRS', () => {
  it('is erased from the store with the revocation, and a restart reaches the same state', async () => {
    const dir = tempDir('sesphr-key-erasure-');
    const start = () => serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir: dir, variant: 'srs-keys', policy: 'history', inspection: true });
    running = await start();
    const P = newIdentity('P');
    const d = newIdentity('d');
    const as = (id: typeof P) => new ServiceClient({ srsUrl: running!.srsUrl!, cloudUrl: running!.cloudUrl!, identity: id });
    const state = async () => ((await (await fetch(`${running!.srsUrl}/test/state`)).json()) as { digest: string }).digest;
    const rp = Buffer.from(encodeRP(rpGroup.mul(7n))).toString('base64');

    await as(P).srs('registerOwner', { owner: 'P', signingKey: P.publicKey });
    await as(d).srs('register', { user: 'd', owner: 'P', role: 'family', signingKey: d.publicKey });
    await as(P).srs('approve', { owner: 'P', user: 'd' });
    const sent: Record<string, string> = {};
    for (const [id, x] of [[P, 'P'], [d, 'd']] as const) {
      await as(id).srs('genKey', { x });
      sent[x] = (await as(id).srs<{ sk: string }>('sendKeys', { x })).sk;
    }
    // d's first granted R_U forms RK from d's key, which the store logs and a replay forms again
    await as(P).srs('storeRP', { owner: 'P', file: 'f1', label: 'personal', version: 1, rp });
    expect(await as(d).srs('requestRU', { user: 'd', file: 'f1', label: 'personal' })).toMatchObject({ granted: true });

    // The forms a key is stored in: the draw in hex (as drawn, no leading zeros) and the answer's base64.
    const forms = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      return [BigInt('0x' + bytes.toString('hex')).toString(16), b64];
    };
    const before = onDisk(dir);
    for (const f of [...forms(sent.d!), ...forms(sent.P!)]) expect(before.includes(f), 'a stored key before the revocation').toBe(true);

    await as(P).srs('revoke', { owner: 'P', user: 'd' });
    const after = onDisk(dir);
    for (const f of forms(sent.d!)) expect(after.includes(f), 'd\'s key after its revocation').toBe(false);
    // the owner's key is still held, so its draw stays: a restart must give P the same key
    for (const f of forms(sent.P!)) expect(after.includes(f), 'P\'s key, still held').toBe(true);

    const acknowledged = await state();
    await running.close();
    running = await start();
    expect(await state()).toBe(acknowledged);
    expect((await as(P).srs<{ sk: string }>('sendKeys', { x: 'P' })).sk).toBe(sent.P);
    // d may re-join: a new generation, a fresh key, none of the erased one
    await as(d).srs('register', { user: 'd', owner: 'P', role: 'family', signingKey: d.publicKey, generation: 2 });
    await as(d).srs('genKey', { x: 'd', generation: 2 });
    const again = (await as(d).srs<{ sk: string }>('sendKeys', { x: 'd', generation: 2 })).sk;
    expect(again).not.toBe(sent.d);
    // and a restart over the erased generation 1 and the live generation 2 gives d the same key
    const rejoined = await state();
    await running.close();
    running = await start();
    expect(await state()).toBe(rejoined);
    expect((await as(d).srs<{ sk: string }>('sendKeys', { x: 'd', generation: 2 })).sk).toBe(again);
  }, 60_000);

  it('is kept while another owner\'s membership holds it, and a retried Send_Keys is refused once it is gone', async () => {
    const dir = tempDir('sesphr-key-erasure-');
    running = await serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir: dir, variant: 'srs-keys', policy: 'history' });
    const [P, Q, d] = [newIdentity('P'), newIdentity('Q'), newIdentity('d')];
    const as = (id: typeof P) => new ServiceClient({ srsUrl: running!.srsUrl!, cloudUrl: running!.cloudUrl!, identity: id });
    for (const [id, o] of [[P, 'P'], [Q, 'Q']] as const) await as(id).srs('registerOwner', { owner: o, signingKey: id.publicKey });
    await as(d).srs('register', { user: 'd', owner: 'P', role: 'family', signingKey: d.publicKey });
    await as(d).srs('register', { user: 'd', owner: 'Q', role: 'family', signingKey: d.publicKey });
    for (const [id, o] of [[P, 'P'], [Q, 'Q']] as const) await as(id).srs('approve', { owner: o, user: 'd' });
    await as(d).srs('genKey', { x: 'd' });
    // Send_Keys with a request id of its own, so that it can be retried as a client would
    const path = '/v1/principals/d/keys/send';
    const sendKeys = async () => {
      const res = await fetch(running!.srsUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(d, 'POST', path, '{}', 'send-1') }, body: '{}' });
      return { status: res.status, body: (await res.json()) as { sk?: string; error?: { code: string } } };
    };
    const first = await sendKeys();
    expect(first.status).toBe(200);
    const hex = BigInt('0x' + Buffer.from(first.body.sk!, 'base64').toString('hex')).toString(16);
    await as(P).srs('revoke', { owner: 'P', user: 'd' });
    // Q's circle still holds d: the key, its draw and the answer that sent it stay
    expect(onDisk(dir).includes(hex)).toBe(true);
    expect(await sendKeys()).toEqual(first);
    // A reader of the file holds the write-ahead log: the erasure commits, and the wipe of the log
    // waits for the reader instead of stalling the service, then follows the next commit.
    const reader = new Database(join(dir, 'srs.db'), { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM commands').get();
    await as(Q).srs('revoke', { owner: 'Q', user: 'd' });
    reader.prepare('COMMIT').run();
    reader.close();
    const e = newIdentity('e');
    await as(e).srs('register', { user: 'e', owner: 'P', role: 'family', signingKey: e.publicKey });
    expect(onDisk(dir).includes(hex)).toBe(false);
    expect(onDisk(dir).includes(first.body.sk!)).toBe(false);
    const retried = await sendKeys();
    expect(retried.status).toBeGreaterThanOrEqual(400);
    expect(retried.status).toBeLessThan(500);
    expect(retried.body.error?.code).toBe('MISSING_KEY');
  }, 60_000);
});
