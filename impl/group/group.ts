// BLS12-381 as the scheme uses it (design.md "Cryptography"): e: G1 x G2 -> GT, generators g1, g2,
// Z = e(g1, g2). Canonical byte encodings of every element, and strict validation of every element
// read from outside: decoded, on the curve, in the prime-order subgroup, not the identity. The
// arithmetic comes from one backend (backend.ts), chosen once per process: native blst by default
// (with mcl-wasm for GT elements read from bytes), mcl-wasm alone, or @noble/curves, the
// reference; all give the same elements and the same bytes.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { SesphrError } from '../errors.js';
import { BACKENDS, BackendUnavailableError, DEFAULT_BACKEND, FALLBACK_BACKEND, PointDecodeError, type BackendName, type GroupBackend } from './backend.js';
import { blstBackend } from './blst.js';
import { mclBackend } from './mcl.js';
import { nobleBackend } from './noble.js';
import type { G1Point, G2Point, GT } from './types.js';

export type { G1Point, G2Point, GT } from './types.js';
export { BACKENDS, BackendUnavailableError, DEFAULT_BACKEND, type BackendName } from './backend.js';

// Scalars (Z_q) and the field prime come from noble's field definitions whatever the backend.
const { Fp, Fr } = bls12_381.fields;

/** q, the prime order of G1, G2 and GT (the paper's Z_q). */
export const GROUP_ORDER: bigint = Fr.ORDER;
/** p, the field prime of BLS12-381 */
const FIELD_PRIME: bigint = Fp.ORDER;
export const SCALAR_BYTES = 32;
export const G1_BYTES = 48; // compressed (ZCash flags)
export const G2_BYTES = 96; // compressed (ZCash flags)
export const GT_BYTES = 576; // 12 Fp limbs, 48 bytes big-endian each

const makers: Record<BackendName, () => Promise<GroupBackend>> = { blst: blstBackend, mcl: mclBackend, noble: nobleBackend };
const loaded = new Map<BackendName, Promise<GroupBackend>>();

/** A backend, made once per process; a library that cannot run here rejects with BackendUnavailableError. */
function load(name: BackendName): Promise<GroupBackend> {
  let b = loaded.get(name);
  if (!b) loaded.set(name, (b = makers[name]()));
  return b;
}

/** Why the default backend could not be used here, when it could not. */
let defaultRefused: BackendUnavailableError | undefined;
let B: GroupBackend = await load(DEFAULT_BACKEND).catch((e: unknown) => {
  if (!(e instanceof BackendUnavailableError)) throw e;
  defaultRefused = e;
  return load(FALLBACK_BACKEND);
});

/** The backend used when none is named: the default, or where its library does not run here, the
 *  fallback, with why (for a command to say so). */
export function defaultBackend(): { name: BackendName; refused?: string } {
  return defaultRefused ? { name: FALLBACK_BACKEND, refused: defaultRefused.message } : { name: DEFAULT_BACKEND };
}

export function isBackendName(s: string): s is BackendName {
  return (BACKENDS as readonly string[]).includes(s);
}

/** Selects the backend for everything computed from now on; elements made before stay with theirs. */
export async function useBackend(name: BackendName): Promise<void> {
  B = await load(name);
}

/** The backend in use and the package behind it. */
export function backend(): { name: BackendName; library: string } {
  return { name: B.name, library: B.library };
}

function checkExponent(k: bigint, what: string): void {
  if (k < 0n || k >= GROUP_ORDER) throw new RangeError(`${what}: exponent out of [0, q-1]`);
}

export const g1 = {
  /** the generator g1 */
  base: (): G1Point => B.g1Base(),
  /** g1^k */
  mul: (k: bigint): G1Point => (checkExponent(k, 'g1'), B.g1Mul(k)),
  /** p^k */
  mulPoint: (p: G1Point, k: bigint): G1Point => (checkExponent(k, 'G1'), B.g1MulPoint(p, k)),
  eq: (a: G1Point, b: G1Point): boolean => B.g1Eq(a, b),
};

export const g2 = {
  /** the generator g2 */
  base: (): G2Point => B.g2Base(),
  /** g2^k */
  mul: (k: bigint): G2Point => (checkExponent(k, 'g2'), B.g2Mul(k)),
  /** p^k */
  mulPoint: (p: G2Point, k: bigint): G2Point => (checkExponent(k, 'G2'), B.g2MulPoint(p, k)),
  eq: (a: G2Point, b: G2Point): boolean => B.g2Eq(a, b),
};

/** Z = e(g1, g2), the asymmetric counterpart of the paper's Z = e(g, g). */
export function Z(): GT {
  return B.Z();
}

/** Z^k for k in [0, q-1]. */
export function zPow(k: bigint): GT {
  checkExponent(k, 'zPow');
  return B.zPow(k);
}

export const gt = {
  /** a^k for a in GT */
  pow: (a: GT, k: bigint): GT => (checkExponent(k, 'GT'), B.gtPow(a, k)),
  eq: (a: GT, b: GT): boolean => B.gtEq(a, b),
  isOne: (a: GT): boolean => B.gtIsOne(a),
  /** e(p, q), normalised as the Miller loop to the power 3(p^12-1)/q (impl/README.md) */
  pair: (p: G1Point, q: G2Point): GT => B.pair(p, q),
};

export const scalar = {
  inv: (x: bigint): bigint => Fr.inv(x),
  mul: (a: bigint, b: bigint): bigint => Fr.mul(a, b),
};

// ---- encodings --------------------------------------------------------------------------------

/** 48-byte ZCash-compressed G1. */
export const encodeG1 = (p: G1Point): Uint8Array => B.encodeG1(p);
/** 96-byte ZCash-compressed G2 (x.c1 || x.c0). */
export const encodeG2 = (p: G2Point): Uint8Array => B.encodeG2(p);

/**
 * GT as Fp12 = c0 + c1 w with c0, c1 in Fp6 = b0 + b1 v + b2 v^2 and each b in Fp2 = a0 + a1 u:
 * the 12 Fp coefficients in that order (c0.b0.a0, c0.b0.a1, c0.b1.a0, ... c1.b2.a1), each 48-byte
 * big-endian. This is @noble/curves' Fp12.toBytes layout, fixed here as our canonical encoding.
 */
export const encodeGT = (z: GT): Uint8Array => B.encodeGT(z);

/** x as SCALAR_BYTES big-endian bytes, written into `out` at `at` (x in [0, 2^256): nothing wider
 *  is a scalar of this format). */
export function encodeScalarInto(x: bigint, out: Uint8Array, at: number): void {
  if (x < 0n || x >> BigInt(8 * SCALAR_BYTES) !== 0n) throw new RangeError(`a scalar is ${SCALAR_BYTES} bytes: this one does not fit`);
  const view = new DataView(out.buffer, out.byteOffset + at, SCALAR_BYTES);
  for (let w = SCALAR_BYTES / 8 - 1; w >= 0; w--) {
    view.setBigUint64(w * 8, x & 0xffff_ffff_ffff_ffffn);
    x >>= 64n;
  }
}

export function encodeScalar(x: bigint): Uint8Array {
  const out = new Uint8Array(SCALAR_BYTES);
  encodeScalarInto(x, out, 0);
  return out;
}

/** Throws unless x is a scalar of the scheme: in [1, q-1] (secret keys, r). */
export function checkScalar(x: bigint, field: string): void {
  if (x <= 0n || x >= GROUP_ORDER) throw new SesphrError('INVALID_SCALAR', `${field}: scalar must be in [1, q-1]`, field);
}

function expectLength(bytes: Uint8Array, n: number, field: string, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : typeof bytes;
    throw new SesphrError('INVALID_ENCODING', `${field}: expected ${what} (${n} bytes), got ${got}`, field);
  }
}

const fpAt = (b: Uint8Array, off: number, mask = 0xff): bigint =>
  BigInt('0x' + ((b[off]! & mask).toString(16).padStart(2, '0') + Buffer.from(b.subarray(off + 1, off + 48)).toString('hex')));

/**
 * The ZCash flags and coordinate range, the same for every backend: the compression bit set; with
 * the infinity bit, every other bit zero; every x coordinate below p. What a backend still refuses
 * after this is a coordinate off the curve or a point outside the subgroup.
 */
function checkCompressed(bytes: Uint8Array): boolean {
  const flags = bytes[0]! >> 5;
  if ((flags & 0b100) === 0) return false;
  if (flags & 0b010) return (flags & 0b001) === 0 && (bytes[0]! & 0x1f) === 0 && bytes.subarray(1).every((x) => x === 0);
  for (let off = 0; off < bytes.length; off += 48) if (fpAt(bytes, off, off === 0 ? 0x1f : 0xff) >= FIELD_PRIME) return false;
  return true;
}

const FAULT_CODE = { encoding: 'INVALID_ENCODING', curve: 'NOT_ON_CURVE', subgroup: 'NOT_IN_SUBGROUP' } as const;

function decodePoint<P>(decode: (b: Uint8Array) => P, isZero: (p: P) => boolean, bytes: Uint8Array, field: string, what: string): P {
  let p: P;
  try {
    if (!checkCompressed(bytes)) throw new PointDecodeError('encoding');
    p = decode(bytes);
  } catch (e) {
    const code = e instanceof PointDecodeError ? FAULT_CODE[e.fault] : 'INVALID_ENCODING';
    throw new SesphrError(code, `${field}: not a valid ${what} (${code.toLowerCase().replace(/_/g, ' ')})`, field);
  }
  if (isZero(p)) throw new SesphrError('IDENTITY_ELEMENT', `${field}: ${what} must not be the identity`, field);
  return p;
}

/** A compressed G1 point from outside (pk, RK: scheme/placement.ts): on curve, in G1, not the identity. */
export function decodeG1(bytes: Uint8Array, field: string): G1Point {
  expectLength(bytes, G1_BYTES, field, 'a compressed G1 point');
  return decodePoint((b) => B.decodeG1(b), (p) => B.g1IsZero(p), bytes, field, 'G1 point');
}

/** A compressed G2 point from outside (R_P): on curve, in G2, not the identity. */
export function decodeG2(bytes: Uint8Array, field: string): G2Point {
  expectLength(bytes, G2_BYTES, field, 'a compressed G2 point');
  return decodePoint((b) => B.decodeG2(b), (p) => B.g2IsZero(p), bytes, field, 'G2 point');
}


/** A GT element from outside (R_U): canonical limbs, order q (z^q = 1), not the identity. */
export function decodeGT(bytes: Uint8Array, field: string): GT {
  expectLength(bytes, GT_BYTES, field, 'a GT element');
  for (let off = 0; off < GT_BYTES; off += 48) {
    if (fpAt(bytes, off) >= FIELD_PRIME) throw new SesphrError('INVALID_ENCODING', `${field}: GT coefficient out of range`, field);
  }
  const z = B.decodeFp12(bytes);
  if (B.gtIsOne(z)) throw new SesphrError('IDENTITY_ELEMENT', `${field}: GT element must not be the identity`, field);
  // z^q = 1: by the definition on the noble reference, by Frobenius maps and a 64-bit exponent on
  // the others (mcl-gt-membership.ts).
  if (!B.gtInGroup(z)) {
    throw new SesphrError('NOT_IN_SUBGROUP', `${field}: not in GT (order-q subgroup of Fp12)`, field);
  }
  return z;
}

/** Any valid G1 point (the identity included) or undefined: what an observer reads off held bytes. */
export function tryDecodeG1(bytes: Uint8Array): G1Point | undefined {
  try {
    return bytes.length === G1_BYTES && checkCompressed(bytes) ? B.decodeG1(bytes) : undefined;
  } catch {
    return undefined;
  }
}

/** Any valid G2 point (the identity included) or undefined: what an observer reads off held bytes. */
export function tryDecodeG2(bytes: Uint8Array): G2Point | undefined {
  try {
    return bytes.length === G2_BYTES && checkCompressed(bytes) ? B.decodeG2(bytes) : undefined;
  } catch {
    return undefined;
  }
}

/** Any element of GT (the identity included) or undefined: what an observer reads off held bytes. */
export function tryDecodeGT(bytes: Uint8Array): GT | undefined {
  if (bytes.length !== GT_BYTES) return undefined;
  for (let off = 0; off < GT_BYTES; off += 48) if (fpAt(bytes, off) >= FIELD_PRIME) return undefined;
  const z = B.decodeFp12(bytes);
  return B.gtInGroup(z) ? z : undefined;
}

/** The SCALAR_BYTES bytes of `view` at `at` as a big-endian number, unchecked: four 64-bit words,
 *  a third of the time of going through a hex string (decodeScalar; the random sources' draws). */
export function scalarAt(view: DataView, at: number): bigint {
  return (view.getBigUint64(at) << 192n) | (view.getBigUint64(at + 8) << 128n) | (view.getBigUint64(at + 16) << 64n) | view.getBigUint64(at + 24);
}

/** A 32-byte big-endian scalar in [1, q-1] (secret keys, r). */
export function decodeScalar(bytes: Uint8Array, field: string): bigint {
  expectLength(bytes, SCALAR_BYTES, field, 'a scalar');
  const x = scalarAt(new DataView(bytes.buffer, bytes.byteOffset, SCALAR_BYTES), 0);
  checkScalar(x, field);
  return x;
}
