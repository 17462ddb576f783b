// AES-256-GCM in place: OpenSSL's EVP interface reached through koffi must give exactly what
// node's cipher gives (ciphertext and tag), for every length and offset, refuse what node's cipher
// refuses, and be chosen as SESPHR_AES says.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gcm, gcmFor, type Gcm } from '../impl/scheme/gcm.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 7 + (i >> 8)) & 0xff);
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const node = gcmFor('node');
const evp = gcmFor('evp');
const paths: Array<[string, Gcm]> = [['node', node], ['evp', evp]];

/** C as node's cipher makes it in one shot: ciphertext || tag. */
function reference(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

describe('AES-256-GCM: node cipher and OpenSSL EVP in place', () => {
  it('the EVP path is reached on this node, and is the default', () => {
    expect(evp.name).toBe('openssl-evp');
    expect(gcmFor(undefined).name).toBe('openssl-evp');
    expect(gcmFor('').name).toBe('openssl-evp');
    expect(node.name).toBe('node-cipher');
    expect(gcm().name).toBe(process.env.SESPHR_AES === 'node' ? 'node-cipher' : 'openssl-evp');
  });

  it('refuses an unknown SESPHR_AES, naming the variable and the value', () => {
    expect(() => gcmFor('fast')).toThrow(/SESPHR_AES must be "evp" or "node", not "fast"/);
  });

  it("the McGrew-Viega test case 16 (AES-256, 60 bytes, 20 bytes of AAD) on both paths", () => {
    const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const nonce = hex('cafebabefacedbaddecaf888');
    const pt = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
    const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const want = '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' + '76fc6ece0f4e1768cddf8853bb2d551b';
    for (const [, aes] of paths) {
      const out = new Uint8Array(pt.length + 16);
      aes.sealInto(key, nonce, aad, pt, out, 0);
      expect(toHex(out)).toBe(want);
    }
  });

  for (const n of [0, 1, 15, 16, 17, 4096, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 3 * (1 << 18) + 5]) {
    it(`${n} bytes: both paths write node's one-shot bytes at an offset, leave the bytes around them alone, and open back`, () => {
      const key = bytes(32, n);
      const nonce = bytes(12, n + 1);
      const aad = bytes(n % 3 === 0 ? 0 : 57, n + 2);
      const pt = bytes(n, n + 3);
      const want = reference(key, nonce, aad, pt);
      for (const [name, aes] of paths) {
        const out = new Uint8Array(7 + n + 16 + 5).fill(0xa5);
        aes.sealInto(key, nonce, aad, pt, out, 7);
        expect(toHex(out.subarray(7, 7 + n + 16)), name).toBe(toHex(want));
        expect([...out.subarray(0, 7), ...out.subarray(7 + n + 16)].every((x) => x === 0xa5), name).toBe(true);
        const back = aes.open(key, nonce, aad, out.subarray(7, 7 + n), out.subarray(7 + n, 7 + n + 16));
        expect(back && toHex(back), name).toBe(toHex(pt));
      }
    });
  }

  it('both paths refuse a flipped bit in the ciphertext, the tag or the AAD, a wrong key and a wrong nonce', () => {
    const key = bytes(32, 1);
    const nonce = bytes(12, 2);
    const aad = bytes(40, 3);
    const pt = bytes(1000, 4);
    const c = reference(key, nonce, aad, pt);
    const ct = c.subarray(0, pt.length);
    const tag = c.subarray(pt.length);
    const flip = (b: Uint8Array, i: number) => {
      const x = Uint8Array.from(b);
      x[i] = x[i]! ^ 1;
      return x;
    };
    for (const [name, aes] of paths) {
      expect(aes.open(key, nonce, aad, ct, tag), name).not.toBe(false);
      expect(aes.open(key, nonce, aad, flip(ct, 999), tag), name).toBe(false);
      expect(aes.open(key, nonce, aad, ct, flip(tag, 0)), name).toBe(false);
      expect(aes.open(key, nonce, flip(aad, 39), ct, tag), name).toBe(false);
      expect(aes.open(flip(key, 31), nonce, aad, ct, tag), name).toBe(false);
      expect(aes.open(key, flip(nonce, 11), aad, ct, tag), name).toBe(false);
    }
  });

  it('EVP refuses a key, nonce or output of the wrong length before reading or writing past them', () => {
    const pt = bytes(100, 5);
    expect(() => evp.sealInto(bytes(16, 1), bytes(12, 2), new Uint8Array(0), pt, new Uint8Array(116), 0)).toThrow(/32-byte key and a 12-byte nonce/);
    expect(() => evp.sealInto(bytes(32, 1), bytes(16, 2), new Uint8Array(0), pt, new Uint8Array(116), 0)).toThrow(/32-byte key and a 12-byte nonce/);
    expect(() => evp.sealInto(bytes(32, 1), bytes(12, 2), new Uint8Array(0), pt, new Uint8Array(116), 1)).toThrow(/output buffer is too short/);
    expect(evp.open(bytes(32, 1), bytes(12, 2), new Uint8Array(0), pt, bytes(15, 3))).toBe(false);
  });
});
