// Integrity: a malicious cloud (which can recompute its own digests) that flips a byte, swaps
// partitions between labels or files, or replays an older version is caught by the AEAD against
// the binding the SRS stated; accidental storage corruption is caught by the cloud's digest.
import { describe, expect, it } from 'vitest';
import { VARIANTS, isSesphrError } from '../impl/index.js';
import { makeWorld, text } from './impl-fixtures.js';

function authFails(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (e) {
    return isSesphrError(e, 'AUTH_FAILED');
  }
}

describe.each(VARIANTS)('tampering: %s', (variant) => {
  it('flipping any single byte of a small sealed partition fails authentication', () => {
    const w = makeWorld(variant);
    const fam = w.join('fam', 'family');
    w.owner.upload('f1', { medical: 'hi!' });
    const good = w.cloud.get('f1', 'medical');
    expect(fam.requestRU('f1', 'medical').granted).toBe(true);
    for (let n = 0; n < good.length; n++) {
      for (const bit of [0x01, 0x80]) {
        const bad = Uint8Array.from(good);
        bad[n] ^= bit;
        w.cloud.put({ owner: 'patient', file: 'f1', label: 'medical', c: bad }); // a malicious cloud
        // the whole read (rules 30-33): caught on download (C's structure), against the version the
        // SRS binds (C's header), or by the AEAD on decryption; never a plaintext
        const [got] = fam.readAll('f1');
        expect(got!.status === 'refused' && got!.code, `byte ${n} bit ${bit}`).toBe('AUTH_FAILED');
      }
    }
    w.cloud.put({ owner: 'patient', file: 'f1', label: 'medical', c: good });
    fam.downloadC('f1', 'medical');
    expect(text(fam.decrypt('f1', 'medical'))).toBe('hi!');
  });

  it('swapping partitions between labels or between files fails authentication', () => {
    const w = makeWorld(variant);
    const fam = w.join('fam', 'family');
    w.owner.upload('f1', { personal: 'p1', medical: 'm1' });
    w.owner.upload('f2', { personal: 'p2', medical: 'm2' });
    const swaps: [string, string, string, string][] = [
      ['f1', 'medical', 'f1', 'personal'], // label swap within a file
      ['f2', 'medical', 'f1', 'medical'], // same label, other file
    ];
    for (const [fromF, fromL, toF, toL] of swaps) {
      w.cloud.put({ owner: 'patient', file: toF, label: toL, c: w.cloud.get(fromF, fromL) });
      fam.downloadC(toF, toL);
      expect(fam.requestRU(toF, toL).granted).toBe(true);
      expect(authFails(() => fam.decrypt(toF, toL)), `${fromF}/${fromL} -> ${toF}/${toL}`).toBe(true);
    }
  });

  it('replaying an old version of a partition fails authentication', () => {
    const w = makeWorld(variant);
    const fam = w.join('fam', 'family');
    w.owner.upload('f1', { medical: 'v1' });
    const v1 = w.cloud.get('f1', 'medical');
    w.owner.upload('f1', { medical: 'v2' });
    w.cloud.put({ owner: 'patient', file: 'f1', label: 'medical', c: v1 }); // rolled back by the cloud
    const got = fam.readAll('f1');
    expect(got).toMatchObject([{ label: 'medical', status: 'refused', code: 'AUTH_FAILED' }]);
    expect(got[0]!.status === 'refused' && got[0]!.reason).toContain('version 2');
  });

  it('storage corruption is detected by the cloud on read', () => {
    const w = makeWorld(variant);
    w.owner.upload('f1', { medical: 'm' });
    w.cloud.corruptForTest('f1', 'medical', 7);
    expect(() => w.cloud.get('f1', 'medical')).toThrow(/corrupted/);
    const fam = w.join('fam', 'family');
    expect(fam.readAll('f1')).toMatchObject([{ status: 'refused', code: 'CLOUD_CORRUPT' }]);
  });
});
