// Sealing and opening stream through AES-GCM in 1 MiB slices written straight into the output:
// the bytes must equal a one-shot AES-GCM of the same key, nonce and associated data laid out as
// encodeSealed does, at every slice boundary, and opening must give back the plaintext.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeAAD, encodeSealed, openPartition, partitionKey, sealPartition, zPow, type Binding } from '../impl/index.js';

const SLICE = 1 << 20;
const b: Binding = { owner: 'patient', file: 'f1', label: 'medical', version: 3 };
const mask = zPow(123456789n);
const nonce = Uint8Array.from({ length: 12 }, (_, i) => i * 7);

function oneShot(pt: Uint8Array): Uint8Array {
  const aad = encodeAAD(b);
  const c = createCipheriv('aes-256-gcm', partitionKey(mask, b), nonce);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(pt), c.final()]);
  return encodeSealed(aad, nonce, ct, c.getAuthTag());
}

describe('streamed AES-GCM seal and open', () => {
  for (const n of [0, 1, 4095, SLICE - 1, SLICE, SLICE + 1, 3 * SLICE + 5]) {
    it(`${n} bytes: same C as one-shot GCM, and opens to the plaintext`, () => {
      const pt = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      const c = sealPartition(mask, b, pt, nonce);
      expect(Buffer.from(c).equals(Buffer.from(oneShot(pt)))).toBe(true);
      const back = openPartition(mask, b, c);
      expect(back).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back).equals(Buffer.from(pt))).toBe(true);
    });
  }

  it('refuses a flipped byte at the end of the last slice, and a C shorter than its header', () => {
    const pt = new Uint8Array(SLICE + 10).fill(9);
    const c = sealPartition(mask, b, pt, nonce);
    const bad = Uint8Array.from(c);
    bad[bad.length - 17] = bad[bad.length - 17]! ^ 1;
    expect(() => openPartition(mask, b, bad)).toThrow(/authentication failed/);
    const longer: Binding = { ...b, owner: 'p'.repeat(64) };
    expect(() => openPartition(mask, longer, c.subarray(0, 40))).toThrow(/AUTH|authentication|malformed/i);
  });
});
