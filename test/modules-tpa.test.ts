// The third-party auditor (impl/modules/tpa.ts, impl/modules/merkle.ts): commitments at upload, random block
// challenges, detection of corruption and deletion at the stated rate, and a TPA that reads nothing.
import { describe, expect, it } from 'vitest';
import {
  BLOCK_SIZE, Cloud, PatientClient, Srs, Tpa, UserClient, commit, deterministicRandom, detectionProbability,
  isSesphrError, prove, tryRead, verifyProof,
} from '../impl/index.js';

/** An owner on an SRS and a cloud with a TPA; one file whose medical partition spans ~12 blocks. */
function world() {
  const rng = (w: string) => deterministicRandom(`tpa-test/${w}`);
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: rng('srs') });
  const cloud = new Cloud({ merkleTrees: true });
  const tpa = new Tpa();
  const owner = new PatientClient('patient', { srs, cloud, tpa, rng: rng('patient') });
  owner.register();
  owner.genKey();
  owner.sendKeys();
  const doc = new UserClient('doc', { srs, cloud, rng: rng('doc') });
  doc.register('patient', 'doctor');
  doc.genKey();
  doc.sendKeys();
  owner.approve('doc');
  owner.upload('f1', { medical: 'x'.repeat(11 * BLOCK_SIZE + 123), insurance: 'policy 42' });
  return { srs, cloud, tpa, owner, doc, rng };
}

describe('Merkle commitments over 4 KiB blocks', () => {
  const c = deterministicRandom('merkle').bytes(5 * BLOCK_SIZE + 7);
  const com = commit(c);

  it('every block proves against the root; nothing else does', () => {
    expect(com).toMatchObject({ blocks: 6, bytes: c.length });
    const all = prove(c, [0, 1, 2, 3, 4, 5]);
    all.forEach((p, k) => expect(verifyProof(com, k, p)).toBe(true));
    // a proof for one index does not pass for another, nor with a changed block or path
    expect(verifyProof(com, 1, all[0])).toBe(false);
    expect(verifyProof(com, 2, { ...all[2], index: 2, block: all[3].block })).toBe(false);
    const flipped = Uint8Array.from(all[4].block);
    flipped[0] ^= 1;
    expect(verifyProof(com, 4, { ...all[4], block: flipped })).toBe(false);
    expect(verifyProof(com, 4, { ...all[4], path: all[4].path.slice(1) })).toBe(false);
    expect(verifyProof(com, 4, { ...all[4], path: [...all[4].path, all[4].path[0]] })).toBe(false);
    // a truncated last block, or an index beyond the commitment
    expect(verifyProof(com, 5, { ...all[5], block: all[5].block.subarray(1) })).toBe(false);
    expect(verifyProof(com, 6, { ...all[5], index: 6 })).toBe(false);
  });

  it('the root binds the length: an extended or truncated C has another root', () => {
    expect(commit(c.subarray(0, c.length - 1)).root).not.toBe(com.root);
    expect(commit(Uint8Array.of(...c, 0)).root).not.toBe(com.root);
  });
});

describe('the TPA checks that the cloud still holds each upload intact', () => {
  it('an intact partition passes any challenge', () => {
    const { cloud, tpa, rng } = world();
    for (const k of [1, 5, 'all'] as const) expect(tpa.challenge(cloud, 'f1', 'medical', k, rng('c')).intact).toBe(true);
    expect(tpa.challenge(cloud, 'f1', 'insurance', 'all', rng('c')).intact).toBe(true);
  });

  it('detects a corrupted partition (a full challenge names the bad block) and a deleted one', () => {
    const { cloud, tpa, rng } = world();
    cloud.corruptForTest('f1', 'medical', 7 * BLOCK_SIZE + 10);
    const r = tpa.challenge(cloud, 'f1', 'medical', 'all', rng('c'));
    expect(r).toMatchObject({ intact: false, problem: 'block 7 does not verify against the commitment' });
    // the other partition is unaffected
    expect(tpa.challenge(cloud, 'f1', 'insurance', 'all', rng('c')).intact).toBe(true);
    cloud.deleteForTest('f1', 'insurance');
    const d = tpa.challenge(cloud, 'f1', 'insurance', 1, rng('c'));
    expect(d.intact).toBe(false);
    expect(d.problem).toMatch(/did not answer: C\(f1,insurance\): not stored/);
  });

  it('a cloud that recomputes its own digest after corrupting is still caught (the commitment is the owner\'s)', () => {
    const { cloud, tpa, rng } = world();
    const c = cloud.get('f1', 'insurance');
    c[c.length - 1] ^= 0x80;
    cloud.put({ owner: 'patient', file: 'f1', label: 'insurance', c });
    expect(cloud.get('f1', 'insurance')).toEqual(c); // the cloud's own check passes
    expect(tpa.challenge(cloud, 'f1', 'insurance', 'all', rng('c')).intact).toBe(false);
  });

  it('detects c corrupted of n blocks with probability 1-(1-c/n)^k per challenge (seeded, empirical)', () => {
    const { cloud, tpa } = world();
    const n = tpa.commitment('f1', 'medical')!.blocks;
    expect(n).toBe(12);
    const bad = [2, 9];
    for (const b of bad) cloud.corruptForTest('f1', 'medical', b * BLOCK_SIZE + 1);
    const rng = deterministicRandom('tpa-rate');
    const trials = 1500;
    for (const k of [1, 3, 8]) {
      let caught = 0;
      for (let t = 0; t < trials; t++) if (!tpa.challenge(cloud, 'f1', 'medical', k, rng).intact) caught++;
      const p = detectionProbability(bad.length, n, k);
      const sigma = Math.sqrt((p * (1 - p)) / trials);
      expect(Math.abs(caught / trials - p), `k=${k}: ${caught}/${trials} against ${p.toFixed(3)}`).toBeLessThan(4 * sigma + 1e-9);
    }
    // the stated figures for the README table
    expect(detectionProbability(1, 100, 300)).toBeGreaterThan(0.95);
    expect(detectionProbability(10, 1000, 460)).toBeGreaterThan(0.99);
  });

  it('the TPA can read nothing: it holds only commitments, and with every block it was shown (or the cloud) it opens nothing', () => {
    const { cloud, tpa, doc, rng } = world();
    expect(tpa.holdings().map((h) => h.token).sort()).toEqual(['Com(f1,insurance)', 'Com(f1,medical)']);
    tpa.challenge(cloud, 'f1', 'medical', 'all', rng('c'));
    for (const label of ['medical', 'insurance']) {
      expect(tryRead([...tpa.holdings(), ...cloud.holdings()], 'f1', label).readable).toBe(false);
    }
    // the doctor, granted medical, still reads it: the TPA changed nothing
    expect(doc.readAll('f1').find((r) => r.label === 'medical')?.status).toBe('read');
  });

  it('bad input: unknown partition, a challenge size below 1', () => {
    const { cloud, tpa, rng } = world();
    expect(() => tpa.challenge(cloud, 'f1', 'prescription', 1, rng('c'))).toThrow(/no commitment for C\(f1,prescription\)/);
    for (const k of [0, -1, 1.5, Number.NaN]) {
      let caught: unknown;
      try {
        tpa.challenge(cloud, 'f1', 'medical', k, rng('c'));
      } catch (e) {
        caught = e;
      }
      expect(isSesphrError(caught, 'INVALID_CONFIG'), String(k)).toBe(true);
    }
  });
});
