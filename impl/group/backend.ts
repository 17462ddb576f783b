// One pairing library behind the group layer. Every backend computes the same elements and the same
// bytes (format in impl/README.md): ZCash-compressed G1/G2, GT as noble's Fp12 layout, and the
// pairing normalised as the Miller loop raised to 3(p^12-1)/q. Elements are opaque outside a
// backend; mixing elements of two backends is a programming error the types cannot see, so a
// process picks one backend before it computes anything (group.ts useBackend).
import type { G1Point, G2Point, GT } from './types.js';

export const BACKENDS = ['blst', 'mcl', 'noble'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The backend a process uses when none is named: the fastest that passes conformance. */
export const DEFAULT_BACKEND: BackendName = 'blst';
/** The default where the default's native code does not load here: WebAssembly only. */
export const FALLBACK_BACKEND: BackendName = 'mcl';

/** A backend whose library cannot run on this platform or Node version, and why. */
export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    why: string,
  ) {
    super(`backend ${backend} is not available here: ${why}`);
  }
}

/** Why a point's bytes were refused; group.ts turns it into a SesphrError naming the field. */
export type PointFault = 'encoding' | 'curve' | 'subgroup';

export class PointDecodeError extends Error {
  constructor(readonly fault: PointFault) {
    super(`point ${fault}`);
  }
}

export interface GroupBackend {
  readonly name: BackendName;
  /** the npm package computing the group operations */
  readonly library: string;
  g1Base(): G1Point;
  g2Base(): G2Point;
  /** g1^k, k in [0, q-1] */
  g1Mul(k: bigint): G1Point;
  /** g2^k, k in [0, q-1] */
  g2Mul(k: bigint): G2Point;
  /** p^k, k in [0, q-1] */
  g1MulPoint(p: G1Point, k: bigint): G1Point;
  /** p^k, k in [0, q-1] */
  g2MulPoint(p: G2Point, k: bigint): G2Point;
  g1Eq(a: G1Point, b: G1Point): boolean;
  g2Eq(a: G2Point, b: G2Point): boolean;
  g1IsZero(p: G1Point): boolean;
  g2IsZero(p: G2Point): boolean;
  /** e(p, q), normalised as the Miller loop to the power 3(p^12-1)/q */
  pair(p: G1Point, q: G2Point): GT;
  /** Z = e(g1, g2) */
  Z(): GT;
  /** Z^k, k in [0, q-1] */
  zPow(k: bigint): GT;
  /** a^k for a in GT, k in [0, q-1] */
  gtPow(a: GT, k: bigint): GT;
  gtEq(a: GT, b: GT): boolean;
  gtIsOne(a: GT): boolean;
  /** a^q = 1 and a != 0, for any Fp12 element decodeFp12 returned (the definition on noble, Scott's
   *  test on mcl-wasm's heap on the others: mcl-gt-membership.ts) */
  gtInGroup(a: GT): boolean;
  encodeG1(p: G1Point): Uint8Array;
  encodeG2(p: G2Point): Uint8Array;
  encodeGT(a: GT): Uint8Array;
  /** 48 bytes, ZCash-compressed: on the curve and in G1 (identity allowed), else PointDecodeError */
  decodeG1(b: Uint8Array): G1Point;
  /** 96 bytes, ZCash-compressed: on the curve and in G2 (identity allowed), else PointDecodeError */
  decodeG2(b: Uint8Array): G2Point;
  /** 576 bytes whose 12 coefficients are each below p, any Fp12 element: membership is gtInGroup */
  decodeFp12(b: Uint8Array): GT;
}
