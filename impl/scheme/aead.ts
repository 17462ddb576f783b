// Replaces the paper's C = Z^r * PHR in 64-byte chunks (one known chunk would unmask the rest,
// and nothing was authenticated) by: key = HKDF-SHA256(Z^r, salt, info(binding)), then
// AES-256-GCM with the binding as associated data (design.md "Cryptography").
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { encodeGT, type GT } from '../group/group.js';
import { HKDF_SALT, NONCE_BYTES, TAG_BYTES, encodeInfo, infoAndAAD, sealedLayout, type Binding } from './binding.js';
import { SesphrError } from '../errors.js';
import { releaseNow } from './release.js';

/** AES-GCM streams through node's cipher in slices of this size, each copied straight into the
 *  output and its buffer freed at once (release.ts): no whole-size intermediate buffer and no
 *  slices waiting for the collector (a 64 MB record costs its output, not three copies). */
const SLICE = 1 << 18;

/**
 * An output buffer left uninitialised: zero-filling it cost ~0.1 ms per 512 KB, some 8% of
 * encrypting 2 MB (bench/README.md). Each caller writes every byte before returning it, and checks
 * that it did (filled).
 */
function uninitialised(n: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(n);
  return new Uint8Array(b.buffer, b.byteOffset, n);
}

function filled(out: Uint8Array, at: number): Uint8Array {
  if (at !== out.length) throw new Error(`AES-GCM wrote ${at} of ${out.length} bytes`);
  return out;
}

/** Runs `update` over `input` slice by slice, writing the output into `out` from `at`. */
function streamInto(update: (b: Uint8Array) => Buffer, input: Uint8Array, out: Uint8Array, at: number): number {
  for (let i = 0; i < input.length; i += SLICE) {
    const chunk = update(input.subarray(i, Math.min(input.length, i + SLICE)));
    out.set(chunk, at);
    at += chunk.length;
    releaseNow(chunk);
  }
  return at;
}

/** Z^r, or its canonical bytes (encodeGT) as a worker computed them (group/parallel.ts powGT) */
export type Mask = GT | Uint8Array;

const KEY_BYTES = 32;
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
  return new Uint8Array(okm.subarray(0, KEY_BYTES)); // a copy of its own, not a view of node's buffer
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
  const cipher = createCipheriv('aes-256-gcm', keyFrom(mask, info), nonce);
  cipher.setAAD(aad);
  // C = aad || nonce || ciphertext || tag (binding.ts encodeSealed), written in place.
  const out = uninitialised(aad.length + NONCE_BYTES + plaintext.length + TAG_BYTES);
  out.set(aad, 0);
  out.set(nonce, aad.length);
  let at = streamInto((x) => cipher.update(x), plaintext, out, aad.length + NONCE_BYTES);
  const last = cipher.final(); // empty for GCM, kept for form
  out.set(last, at);
  const tag = cipher.getAuthTag();
  out.set(tag, at + last.length);
  return filled(out, at + last.length + tag.length);
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
  try {
    const d = createDecipheriv('aes-256-gcm', keyFrom(mask, info), nonce);
    d.setAAD(aad);
    d.setAuthTag(tag);
    const out = uninitialised(ct.length);
    const at = streamInto((x) => d.update(x), ct, out, 0);
    const last = d.final(); // empty for GCM; throws unless the tag authenticates aad and ciphertext: nothing is returned before
    out.set(last, at);
    return filled(out, at + last.length);
  } catch {
    throw fail('tampered, swapped, replayed, or wrong key');
  }
}
