// A test deployment whose SRS draws its keys from a seeded source (the conformance suite's resets)
// keeps drawing keys no principal holds across restarts: the stored commands replay their own
// draws, and the source the restarted SRS draws new ones from does not start over at the draws
// those commands already hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceClient } from '../services/client.js';
import { newIdentity, type SigningIdentity } from '../services/identity.js';
import { serve, type Running } from '../services/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'sesphr-seeded-restart-'));
let running: Running | undefined;
afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = () => serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir: dir, variant: 'srs-keys', policy: 'history', inspection: true });

describe('a seeded SRS across restarts', () => {
  it('gives each principal a secret key of its own, before and after each restart', async () => {
    running = await start();
    const reset = await fetch(`${running.srsUrl}/test/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variant: 'srs-keys', policy: 'history', seed: 'restart' }) });
    expect(reset.status).toBe(200);
    const as = (id: SigningIdentity) => new ServiceClient({ srsUrl: running!.srsUrl!, cloudUrl: running!.cloudUrl!, identity: id });
    const keyOf = async (id: SigningIdentity, x: string) => {
      await as(id).srs('genKey', { x });
      return (await as(id).srs<{ sk: string }>('sendKeys', { x })).sk;
    };
    const P = newIdentity('P');
    await as(P).srs('registerOwner', { owner: 'P', signingKey: P.publicKey });
    const sks = [await keyOf(P, 'P')];
    for (const name of ['a', 'b', 'c']) {
      const u = newIdentity(name);
      await as(u).srs('register', { user: name, owner: 'P', role: 'family', signingKey: u.publicKey });
      sks.push(await keyOf(u, name));
      // a restart after each key, twice over the same stored commands for the last
      await running.close();
      running = await start();
    }
    await running.close();
    running = await start();
    const d = newIdentity('d');
    await as(d).srs('register', { user: 'd', owner: 'P', role: 'family', signingKey: d.publicKey });
    sks.push(await keyOf(d, 'd'));
    expect(new Set(sks).size).toBe(sks.length);
  }, 60_000);
});
