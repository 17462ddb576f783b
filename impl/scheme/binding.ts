// Canonical byte encodings of what an AEAD seal is bound to, and of the sealed partition C.
// A partition is bound to (format version, owner, file, label, partition version): swapping C
// between files or labels, or replaying an older version, changes the associated data and the
// derived key, so authentication fails. Layouts are documented in impl/README.md.
import { SesphrError } from '../errors.js';

/** Version of these byte layouts; bump on any change. */
export const FORMAT_VERSION = 2;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** HKDF salt: a fixed domain separator (r is fresh per partition, so no per-seal salt is needed). */
export const HKDF_SALT = new TextEncoder().encode('SeSPHR/v1 hkdf salt');
const INFO_PREFIX = new TextEncoder().encode('SeSPHR/v1 partition key');

export interface Binding {
  owner: string;
  file: string;
  label: string;
  /** 1 for the first upload of a file, +1 on every re-upload. */
  version: number;
}

/** Ids are short printable names: they appear in tokens "C(f,i)" and in encodings. */
const ID = /^[A-Za-z0-9_.:@-]{1,64}$/;
export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw new SesphrError('INVALID_CONFIG', `${field}: expected 1-64 characters of [A-Za-z0-9_.:@-], got ${JSON.stringify(String(value)).slice(0, 80)}`, field);
  }
  return value;
}

const utf8 = new TextEncoder();

/** AAD = u8 format || u32be version || lp(owner) || lp(file) || lp(label); lp = u16be length || UTF-8.
 *  Written into one buffer: the spread-and-copy form took ~14 µs a call on the encryption path
 *  (bench/README.md, Fig. 4), as much as the rest of the header work together. */
export function encodeAAD(b: Binding): Uint8Array {
  return aadInto(b, 0);
}

/** HKDF info = "SeSPHR/v1 partition key" || AAD: the key itself is bound to the same tuple. */
export function encodeInfo(b: Binding): Uint8Array {
  const out = aadInto(b, INFO_PREFIX.length);
  out.set(INFO_PREFIX, 0);
  return out;
}

/** info and AAD of `b` from one encoding: the AAD is the tail of the info. */
export function infoAndAAD(b: Binding): { info: Uint8Array; aad: Uint8Array } {
  const info = encodeInfo(b);
  return { info, aad: info.subarray(INFO_PREFIX.length) };
}

/** The AAD of `b` written at offset `at` of a fresh buffer (bytes before `at` left for a prefix). */
function aadInto(b: Binding, at: number): Uint8Array {
  const v = b.version;
  if (!Number.isInteger(v) || v < 1 || v > 0xffffffff) throw new SesphrError('INVALID_CONFIG', 'version: expected an integer >= 1', 'version');
  const parts = [utf8.encode(b.owner), utf8.encode(b.file), utf8.encode(b.label)];
  const out = new Uint8Array(at + 5 + parts.reduce((n, p) => n + 2 + p.length, 0));
  out[at] = FORMAT_VERSION;
  out[at + 1] = v >>> 24;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 8) & 0xff;
  out[at + 4] = v & 0xff;
  let off = at + 5;
  for (const p of parts) {
    out[off] = p.length >> 8;
    out[off + 1] = p.length & 0xff;
    out.set(p, off + 2);
    off += 2 + p.length;
  }
  return out;
}

/** The length of C sealing `plaintextBytes` under `b` (encodeSealed), known before it is sealed. */
export const sealedLength = (b: Binding, plaintextBytes: number): number => encodeAAD(b).length + NONCE_BYTES + plaintextBytes + TAG_BYTES;

/** C = AAD || nonce (12) || AES-256-GCM ciphertext || tag (16). The AAD prefix makes C
 *  self-describing; a reader nevertheless authenticates against the binding it expects. */
export function encodeSealed(aad: Uint8Array, nonce: Uint8Array, ct: Uint8Array, tag: Uint8Array): Uint8Array {
  const out = new Uint8Array(aad.length + nonce.length + ct.length + tag.length);
  out.set(aad, 0);
  out.set(nonce, aad.length);
  out.set(ct, aad.length + nonce.length);
  out.set(tag, aad.length + nonce.length + ct.length);
  return out;
}

/** Where the parts of C lie, after C's structural checks (no bytes copied). */
export interface SealedLayout {
  header: Binding;
  /** offset of the nonce; the ciphertext follows it and the tag ends C */
  nonceAt: number;
}

/** Splits C; errors name the structural defect (never the contents). */
export function sealedLayout(c: Uint8Array, field: string): SealedLayout {
  const bad = (why: string) => new SesphrError('AUTH_FAILED', `${field}: malformed sealed partition (${why})`, field);
  if (!(c instanceof Uint8Array) || c.length < 5 + 6 + NONCE_BYTES + TAG_BYTES) throw bad('too short');
  if (c[0] !== FORMAT_VERSION) throw bad(`format ${c[0]}, expected ${FORMAT_VERSION}`);
  const version = ((c[1]! << 24) >>> 0) + (c[2]! << 16) + (c[3]! << 8) + c[4]!;
  let off = 5;
  const dec = new TextDecoder('utf-8', { fatal: true });
  const str = (): string => {
    if (off + 2 > c.length) throw bad('truncated header');
    const n = (c[off]! << 8) | c[off + 1]!;
    if (off + 2 + n > c.length) throw bad('truncated header');
    try {
      return dec.decode(c.subarray(off + 2, off + 2 + n));
    } catch {
      throw bad('header is not UTF-8');
    } finally {
      off += 2 + n;
    }
  };
  const header = { version, owner: str(), file: str(), label: str() };
  if (c.length - off < NONCE_BYTES + TAG_BYTES) throw bad('truncated body');
  return { header, nonceAt: off };
}

/**
 * The binding C's header names, after the same checks; errors name the structural defect (never
 * the contents). Nothing of C is copied: a party reads the header of every C it downloads or
 * stores, and a copy of the rest would be a second C in memory until the collector ran.
 */
export function sealedHeader(c: Uint8Array, field: string): Binding {
  return sealedLayout(c, field).header;
}
