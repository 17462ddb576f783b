// The floors of Figs. 3 to 5 in the bench: every primitive the rules need, with their group
// operations and AES-GCM alone as the core beside them.
import { describe, expect, it } from 'vitest';
import { decryptFloor, decryptOperands, encryptFloor, keygenFloor, partInfos } from '../bench/floor.js';
import { phrOfSize } from '../bench/fixture.js';
import { DEFAULT_LABELS, deterministicRandom } from '../impl/index.js';

describe('the floors of the figures', () => {
  it('key generation draws each x from the source it is given, and counts the draws and encodings beyond g1^x', () => {
    const f = keygenFloor(50, deterministicRandom('floor/keys'));
    expect(f.core).toBeGreaterThan(0);
    expect(f.total).toBeGreaterThan(f.core);
    // after 50 keys the source is where Gen_Key for 50 principals leaves it
    const rng = deterministicRandom('floor/keys2');
    keygenFloor(50, rng);
    const again = deterministicRandom('floor/keys2');
    for (let i = 0; i < 50; i++) again.scalar();
    expect(rng.scalar()).toBe(again.scalar());
  });

  it("a record of a given size has a partition for each of the paper's labels and exactly its bytes", () => {
    // 1 KB + 3 bytes does not split evenly: the first partitions take one byte more
    const phr = phrOfSize(1 + 3 / 1024, deterministicRandom('floor/size'));
    expect(Object.keys(phr)).toEqual([...DEFAULT_LABELS]);
    const sizes = Object.values(phr).map((b) => b.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1024 + 3);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('encryption and decryption count the draws, the encodings and the HKDF keys beyond their core', () => {
    const parts = Object.values(phrOfSize(8, deterministicRandom('floor/phr')));
    const infos = partInfos(parts);
    expect(new Set(infos.map((i) => Buffer.from(i).toString('hex'))).size).toBe(parts.length);
    const enc = encryptFloor(parts, infos, deterministicRandom('floor/enc'));
    expect(enc.core).toBeGreaterThan(0);
    expect(enc.total).toBeGreaterThan(enc.core);
    const dec = decryptFloor(decryptOperands(parts, deterministicRandom('floor/dec')), infos);
    expect(dec.core).toBeGreaterThan(0);
    expect(dec.total).toBeGreaterThan(dec.core);
  });
});
