// Replaces the paper's C = Z^r * PHR in 64-byte chunks (one known chunk would unmask the rest,
// and nothing was authenticated) by: key = HKDF-SHA256(Z^r, salt, info(binding)), then
// AES-256-GCM with the binding as associated data (design.md "Cryptography").
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { encodeGT, type GT } from './group.js';
import { HKDF_SALT, NONCE_BYTES, decodeSealed, encodeAAD, encodeInfo, encodeSealed, type Binding } from './binding.js';
import { SesphrError } from './errors.js';

/** Eq. 6-9 / 21-22 key step: a 32-byte AES key from the canonical bytes of Z^r. */
export function partitionKey(mask: GT, b: Binding): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', encodeGT(mask), HKDF_SALT, encodeInfo(b), 32));
}

/** Eq. 6-9 (adapted): seal one partition. `nonce` comes from the caller's RandomSource. */
export function sealPartition(mask: GT, b: Binding, plaintext: Uint8Array, nonce: Uint8Array): Uint8Array {
  if (nonce.length !== NONCE_BYTES) throw new SesphrError('INVALID_ENCODING', `nonce: expected ${NONCE_BYTES} bytes`, 'nonce');
  const aad = encodeAAD(b);
  const cipher = createCipheriv('aes-256-gcm', partitionKey(mask, b), nonce);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return encodeSealed(aad, nonce, ct, cipher.getAuthTag());
}

/**
 * Eq. 21-22 (adapted): open C with the mask Z^r, authenticating against the binding the reader
 * expects (from the SRS's record), not the one written in C's header: a swapped or replayed C
 * fails here with AUTH_FAILED.
 */
export function openPartition(mask: GT, expected: Binding, c: Uint8Array): Uint8Array {
  const field = `C(${expected.file},${expected.label})`;
  const fail = (why: string) =>
    new SesphrError('AUTH_FAILED', `${field}: authentication failed for owner ${expected.owner}, version ${expected.version} (${why})`, field);
  const { nonce, ct, tag } = decodeSealed(c, field);
  // Every byte of C is covered: the header must be exactly the expected AAD, the rest is GCM's.
  const aad = encodeAAD(expected);
  if (!Buffer.from(c.subarray(0, aad.length)).equals(Buffer.from(aad))) throw fail('header names another owner, file, label or version');
  try {
    const d = createDecipheriv('aes-256-gcm', partitionKey(mask, expected), nonce);
    d.setAAD(aad);
    d.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
  } catch {
    throw fail('tampered, swapped, replayed, or wrong key');
  }
}
