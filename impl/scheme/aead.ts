// Replaces the paper's C = Z^r * PHR in 64-byte chunks (one known chunk would unmask the rest,
// and nothing was authenticated) by: key = HKDF-SHA256(Z^r, salt, info(binding)), then
// AES-256-GCM with the binding as associated data (design.md "Cryptography").
import { createHmac } from 'node:crypto';
import { encodeGT, type GT } from '../group/group.js';
import { HKDF_SALT, NONCE_BYTES, TAG_BYTES, encodeInfo, infoAndAAD, sealedLayout, type Binding } from './binding.js';
import { SesphrError } from '../errors.js';
import { AES_KEY_BYTES, gcm, uninitialised } from './gcm.js';

/** Z^r, or its canonical bytes (encodeGT) as a worker computed them (group/parallel.ts powGT) */
export type Mask = GT | Uint8Array;

const HKDF_BLOCK = Uint8Array.of(1);

/**
 * HKDF-SHA256 (RFC 5869) of `ikm` for a 32-byte key, one block of the expansion: PRK = HMAC(salt,
 * ikm), OKM = HMAC(PRK, info || 0x01). The same bytes as node's hkdfSync (test/impl-aead-stream.test.ts
 * checks both, and RFC 5869's test case 1), from two calls of node's HMAC: hkdfSync makes a key object
 * and a crypto job on every call, which took ~55-90 µs where this takes ~20-33 (bench/README.md, Fig. 4).
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array): Uint8Array {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const okm = createHmac('sha256', prk).update(info).update(HKDF_BLOCK).digest();
  return new Uint8Array(okm.subarray(0, AES_KEY_BYTES)); // a copy of its own, not a view of node's buffer
}

/** Eq. 6-9 / 21-22 key step: a 32-byte AES key from the canonical bytes of Z^r. */
export function partitionKey(mask: Mask, b: Binding): Uint8Array {
  return keyFrom(mask, encodeInfo(b));
}

function keyFrom(mask: Mask, info: Uint8Array): Uint8Array {
  return hkdfSha256(mask instanceof Uint8Array ? mask : encodeGT(mask), HKDF_SALT, info);
}

/** Eq. 6-9 (adapted): seal one partition. `nonce` comes from the caller's RandomSource. */
export function sealPartition(mask: GT, b: Binding, plaintext: Uint8Array, nonce: Uint8Array): Uint8Array {
  if (nonce.length !== NONCE_BYTES) throw new SesphrError('INVALID_ENCODING', `nonce: expected ${NONCE_BYTES} bytes`, 'nonce');
  const { info, aad } = infoAndAAD(b);
  // C = aad || nonce || ciphertext || tag (binding.ts encodeSealed), written in place.
  const out = uninitialised(aad.length + NONCE_BYTES + plaintext.length + TAG_BYTES);
  out.set(aad, 0);
  out.set(nonce, aad.length);
  gcm().sealInto(keyFrom(mask, info), nonce, aad, plaintext, out, aad.length + NONCE_BYTES);
  return out;
}

/**
 * Eq. 21-22 (adapted): open C with the mask Z^r, authenticating against the binding the reader
 * expects (from the SRS's record), not the one written in C's header: a swapped or replayed C
 * fails here with AUTH_FAILED.
 */
export function openPartition(mask: Mask, expected: Binding, c: Uint8Array): Uint8Array {
  const field = `C(${expected.file},${expected.label})`;
  const fail = (why: string) =>
    new SesphrError('AUTH_FAILED', `${field}: authentication failed for owner ${expected.owner}, version ${expected.version} (${why})`, field);
  const { nonceAt } = sealedLayout(c, field);
  const nonce = c.subarray(nonceAt, nonceAt + NONCE_BYTES);
  const ct = c.subarray(nonceAt + NONCE_BYTES, c.length - TAG_BYTES);
  const tag = c.subarray(c.length - TAG_BYTES);
  // Every byte of C is covered: the header must be exactly the expected AAD, the rest is GCM's.
  const { info, aad } = infoAndAAD(expected);
  if (!Buffer.from(c.buffer, c.byteOffset, Math.min(aad.length, c.length)).equals(aad)) throw fail('header names another owner, file, label or version');
  const plaintext = gcm().open(keyFrom(mask, info), nonce, aad, ct, tag);
  if (!plaintext) throw fail('tampered, swapped, replayed, or wrong key');
  return plaintext;
}
