// Compressed ZCash encodings of G1 and G2 points this code computed itself from the generators
// (R_P, pk, RK): noble's toBytes re-checks curve and subgroup membership of every point it
// encodes (~1 ms in G1, ~2 ms in G2), which for a multiple of a generator can only pass.
// Points from anywhere else still go through noble's validating encoder (group.ts).
// Layout: x big-endian (G2: x.c1 || x.c0), top bits of byte 0: 0x80 compressed, 0x20 when y is
// the lexicographically larger root (G2: compare y.c1, or y.c0 when y.c1 = 0).
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { G1Point, G2Point } from './types.js';

const P = bls12_381.fields.Fp.ORDER;
const HALF = (P - 1n) / 2n;
const made = new WeakSet<object>();

/** Records a point known valid: computed here from valid points (a generator, a validated key), or
 *  decoded and validated here. */
export function markMade<T extends G1Point | G2Point>(p: T): T {
  made.add(p);
  return p;
}

export function isMade(p: G1Point | G2Point): boolean {
  return made.has(p);
}

function fpBytes(x: bigint, out: Uint8Array, at: number): void {
  out.set(Buffer.from(x.toString(16).padStart(96, '0'), 'hex'), at);
}

/** 48-byte compressed encoding of a non-identity G1 point. */
export function compressG1(p: G1Point): Uint8Array {
  const { x, y } = p.toAffine();
  const out = new Uint8Array(48);
  fpBytes(x, out, 0);
  out[0] = out[0]! | 0x80 | (y > HALF ? 0x20 : 0);
  return out;
}

/** 96-byte compressed encoding of a non-identity G2 point. */
export function compressG2(p: G2Point): Uint8Array {
  const { x, y } = p.toAffine();
  const out = new Uint8Array(96);
  fpBytes(x.c1, out, 0);
  fpBytes(x.c0, out, 48);
  const larger = y.c1 !== 0n ? y.c1 > HALF : y.c0 > HALF;
  out[0] = out[0]! | 0x80 | (larger ? 0x20 : 0);
  return out;
}
