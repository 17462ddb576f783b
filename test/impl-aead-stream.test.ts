// Sealing and opening stream through AES-GCM in 1 MiB slices written straight into the output:
// the bytes must equal a one-shot AES-GCM of the same key, nonce and associated data laid out as
// encodeSealed does, at every slice boundary, and opening must give back the plaintext.
import { createCipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HKDF_SALT, encodeAAD, encodeGT, encodeInfo, encodeSealed, hkdfSha256, openPartition, partitionKey, sealPartition, zPow, type Binding } from '../impl/index.js';

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

describe('the partition key: HKDF-SHA256 from two HMAC calls', () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
  it("RFC 5869 test case 1: the first 32 bytes of its OKM", () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const okm = hkdfSha256(ikm, hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'));
    expect(Buffer.from(okm).toString('hex')).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf');
  });
  it("the same bytes as node's hkdfSync, for masks, salts and infos of many lengths", () => {
    for (let n = 0; n < 40; n++) {
      const ikm = Uint8Array.from({ length: 576 + n * 13 - 200 }, (_, i) => (i * 17 + n) & 0xff);
      const salt = Uint8Array.from({ length: n * 3 }, (_, i) => (i * 5 + n) & 0xff);
      const info = Uint8Array.from({ length: n * 7 }, (_, i) => (i * 11 + n) & 0xff);
      expect(Buffer.from(hkdfSha256(ikm, salt, info))).toEqual(Buffer.from(hkdfSync('sha256', ikm, salt, info, 32)));
    }
    expect(Buffer.from(partitionKey(mask, b))).toEqual(Buffer.from(hkdfSync('sha256', encodeGT(mask), HKDF_SALT, encodeInfo(b), 32)));
  });
});
