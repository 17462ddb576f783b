// The worker pool changes where the arithmetic runs, never what comes out: batch key generation
// and batch R_U requests leave the SRS exactly as the sequential calls do, answer for answer.
import { afterAll, describe, expect, it } from 'vitest';
import { Cloud, PatientClient, Srs, UserClient, deterministicRandom, encodeG1, encodeG2, g1, g2 } from '../impl/index.js';
import { CryptoPool } from '../impl/tools/pool.js';

const pool = new CryptoPool(2);
afterAll(() => pool.close());

function srsWithMembers(seed: string, n: number): { srs: Srs; ids: string[] } {
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(seed) });
  srs.registerOwner('patient');
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  for (const id of ids) srs.register(id, 'patient', 'family');
  return { srs, ids };
}

describe('CryptoPool', () => {
  it('mulBase gives the encoded g1.mul(k) and g2.mul(k), in order', async () => {
    const ks = [1n, 2n, 123456789n, 2n ** 200n + 7n, 99n];
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect((await pool.mulBase('g1', ks)).map(hex)).toEqual(ks.map((k) => hex(encodeG1(g1.mul(k)))));
    expect((await pool.mulBase('g2', ks)).map(hex)).toEqual(ks.map((k) => hex(encodeG2(g2.mul(k)))));
  });

  it('genKeys leaves the SRS as genKey on each in order', async () => {
    const a = srsWithMembers('pool-keys', 7);
    const b = srsWithMembers('pool-keys', 7);
    for (const id of ['patient', ...a.ids]) a.srs.genKey(id);
    await b.srs.genKeys(['patient', ...b.ids], pool);
    expect(b.srs.stateDigest()).toBe(a.srs.stateDigest());
    await expect(b.srs.genKeys(['u0'], pool)).rejects.toThrow(/already generated/);
    expect(b.srs.stateDigest()).toBe(a.srs.stateDigest());
  });

  it('requestRUBatch answers as requestRU does, refusals included, and changes nothing else', async () => {
    const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('pool-ru') });
    const cloud = new Cloud();
    const owner = new PatientClient('patient', { srs, cloud, rng: deterministicRandom('pool-ru/owner') });
    owner.register();
    owner.genKey();
    owner.sendKeys();
    for (const [id, role] of [['fam', 'family'], ['doc', 'doctor'], ['ins', 'insurer']] as const) {
      const u = new UserClient(id, { srs, cloud });
      u.register('patient', role);
      u.genKey();
      u.sendKeys();
      owner.approve(id);
    }
    owner.upload('f1', { personal: 'a', medical: 'b', insurance: 'c', prescription: 'd' });
    owner.upload('f2', { medical: 'e', insurance: 'f' });
    const reqs = ['fam', 'doc', 'ins', 'nobody'].flatMap((user) =>
      ['f1', 'f2', 'f3'].flatMap((file) => ['personal', 'medical', 'insurance', 'prescription'].map((label) => ({ user, file, label }))),
    );
    const before = srs.stateDigest();
    const batch = await srs.requestRUBatch(reqs, pool);
    const afterBatch = srs.stateDigest();
    const one = reqs.map((r) => srs.requestRU(r.user, r.file, r.label));
    expect(batch).toEqual(one);
    expect(batch.filter((r) => r.granted).length).toBeGreaterThan(5);
    expect(batch.filter((r) => !r.granted).length).toBeGreaterThan(5);
    expect(afterBatch).toBe(before);
  });
});
