// BLS12-381 as the scheme uses it (design.md "Cryptography"): e: G1 x G2 -> GT, generators g1, g2,
// Z = e(g1, g2). Canonical byte encodings of every element, and strict validation of every element
// read from outside: decoded, on the curve, in the prime-order subgroup, not the identity.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { SesphrError } from '../errors.js';
import { FixedBaseGT } from './fixed-base.js';
import { inGT } from './gt-membership.js';
import { gtPow, markGT } from './gt-pow.js';
import { pairCached } from './pairing-cache.js';
import { compressG1, compressG2, isMade, markMade } from './point-encoding.js';
import type { G1Point, G2Point, GT } from './types.js';

const { G1, G2, fields, pairing } = bls12_381;
const { Fp, Fp12, Fr } = fields;

export type { G1Point, G2Point, GT } from './types.js';

/** q, the prime order of G1, G2 and GT (the paper's Z_q). */
export const GROUP_ORDER: bigint = Fr.ORDER;
export const SCALAR_BYTES = 32;
export const G1_BYTES = 48; // compressed (ZCash flags)
export const G2_BYTES = 96; // compressed (ZCash flags)
export const GT_BYTES = 576; // 12 Fp limbs, 48 bytes big-endian each

// Fixed-base multiplications of g1 (R_P = g1^(r x_P)) and g2 (keys, RK) use 8- and 10-bit wNAF
// windows (noble's default is 6; measured fastest here): tables built on first use, same constant-time ladder, same points.
export const g1: G1Point = G1.Point.BASE.precompute(8, true);
export const g2: G2Point = G2.Point.BASE.precompute(10, true);

let zCache: GT | undefined;
/** Z = e(g1, g2), the asymmetric counterpart of the paper's Z = e(g, g). Computed once. */
export function Z(): GT {
  return (zCache ??= markGT(pairing(g1, g2)));
}

const zTable = new FixedBaseGT(Z);
/** Z^k for k in [0, q-1] from a fixed-base table (fixed-base.ts): equals Fp12.pow(Z(), k). */
export function zPow(k: bigint): GT {
  if (k < 0n || k >= GROUP_ORDER) throw new RangeError('zPow: exponent out of [0, q-1]');
  return markGT(zTable.pow(k));
}

export const gt = {
  /** a^k; for a in GT through the Frobenius split of k (gt-pow.ts), equal to Fp12.pow(a, k). */
  pow: (a: GT, k: bigint): GT => gtPow(a, k),
  eq: (a: GT, b: GT): boolean => Fp12.eql(a, b),
  isOne: (a: GT): boolean => Fp12.eql(a, Fp12.ONE),
  /** e(p, q), q's Miller-loop lines cached (pairing-cache.ts): equals noble's pairing(p, q). */
  pair: (p: G1Point, q: G2Point): GT => markGT(pairCached(p, q)),
};

export const scalar = {
  inv: (x: bigint): bigint => Fr.inv(x),
  mul: (a: bigint, b: bigint): bigint => Fr.mul(a, b),
};

// ---- encodings --------------------------------------------------------------------------------

/** Compressed G1; points computed here skip noble's re-validation (point-encoding.ts), same bytes. */
export const encodeG1 = (p: G1Point): Uint8Array => (isMade(p) && !p.is0() ? compressG1(p) : p.toBytes(true));
/** Compressed G2; points computed here skip noble's re-validation (point-encoding.ts), same bytes. */
export const encodeG2 = (p: G2Point): Uint8Array => (isMade(p) && !p.is0() ? compressG2(p) : p.toBytes(true));

/**
 * GT as Fp12 = c0 + c1 w with c0, c1 in Fp6 = b0 + b1 v + b2 v^2 and each b in Fp2 = a0 + a1 u:
 * the 12 Fp coefficients in that order (c0.b0.a0, c0.b0.a1, c0.b1.a0, ... c1.b2.a1), each 48-byte
 * big-endian. This is @noble/curves' Fp12.toBytes layout, fixed here as our canonical encoding.
 */
export const encodeGT = (z: GT): Uint8Array => Fp12.toBytes(z);

export function encodeScalar(x: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(x.toString(16).padStart(SCALAR_BYTES * 2, '0'), 'hex'));
}

function expectLength(bytes: Uint8Array, n: number, field: string, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : typeof bytes;
    throw new SesphrError('INVALID_ENCODING', `${field}: expected ${what} (${n} bytes), got ${got}`, field);
  }
}

/** Maps noble's validation messages onto our codes without echoing the input bytes. */
function decodePoint<P extends { is0(): boolean }>(
  decode: (b: Uint8Array) => P,
  bytes: Uint8Array,
  field: string,
  what: string,
): P {
  let p: P;
  try {
    p = decode(bytes);
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    const code = /subgroup/.test(m) ? 'NOT_IN_SUBGROUP' : /equation|curve|sqrt|square/i.test(m) ? 'NOT_ON_CURVE' : 'INVALID_ENCODING';
    throw new SesphrError(code, `${field}: not a valid ${what} (${code.toLowerCase().replace(/_/g, ' ')})`, field);
  }
  if (p.is0()) throw new SesphrError('IDENTITY_ELEMENT', `${field}: ${what} must not be the identity`, field);
  return p;
}

/** A compressed G1 point from outside (R_P): on curve, in G1, not the identity. */
export function decodeG1(bytes: Uint8Array, field: string): G1Point {
  expectLength(bytes, G1_BYTES, field, 'a compressed G1 point');
  return markMade(decodePoint((b) => G1.Point.fromBytes(b), bytes, field, 'G1 point'));
}

/** A compressed G2 point from outside (pk, RK): on curve, in G2, not the identity. */
export function decodeG2(bytes: Uint8Array, field: string): G2Point {
  expectLength(bytes, G2_BYTES, field, 'a compressed G2 point');
  return markMade(decodePoint((b) => G2.Point.fromBytes(b), bytes, field, 'G2 point'));
}

/** A GT element from outside (R_U): canonical limbs, order q (z^q = 1), not the identity. */
export function decodeGT(bytes: Uint8Array, field: string): GT {
  expectLength(bytes, GT_BYTES, field, 'a GT element');
  for (let off = 0; off < GT_BYTES; off += 48) {
    const limb = BigInt('0x' + Buffer.from(bytes.subarray(off, off + 48)).toString('hex'));
    if (limb >= Fp.ORDER) throw new SesphrError('INVALID_ENCODING', `${field}: GT coefficient out of range`, field);
  }
  const z = Fp12.fromBytes(bytes);
  if (gt.isOne(z)) throw new SesphrError('IDENTITY_ELEMENT', `${field}: GT element must not be the identity`, field);
  // z^q = 1, tested through Frobenius maps and a 64-bit exponent (gt-membership.ts).
  if (!inGT(z)) {
    throw new SesphrError('NOT_IN_SUBGROUP', `${field}: not in GT (order-q subgroup of Fp12)`, field);
  }
  return markGT(z);
}

/** A 32-byte big-endian scalar in [1, q-1] (secret keys, r). */
export function decodeScalar(bytes: Uint8Array, field: string): bigint {
  expectLength(bytes, SCALAR_BYTES, field, 'a scalar');
  const x = BigInt('0x' + Buffer.from(bytes).toString('hex'));
  if (x === 0n || x >= GROUP_ORDER) throw new SesphrError('INVALID_SCALAR', `${field}: scalar must be in [1, q-1]`, field);
  return x;
}
