// The reference backend: @noble/curves, audited pure TypeScript, called as its documentation shows
// (no arithmetic of ours). Slower than WASM, and the one the other backends are checked against.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { PointDecodeError, type GroupBackend } from './backend.js';
import type { G1Point, G2Point, GT } from './types.js';

const { G1, G2, fields, pairing } = bls12_381;
const { Fp12, Fr } = fields;

type P1 = InstanceType<typeof G1.Point>;
type P2 = InstanceType<typeof G2.Point>;
type F12 = ReturnType<typeof pairing>;
const p1 = (p: G1Point) => p as unknown as P1;
const p2 = (p: G2Point) => p as unknown as P2;
const f12 = (a: GT) => a as unknown as F12;
const G1P = (p: P1) => p as unknown as G1Point;
const G2P = (p: P2) => p as unknown as G2Point;
const GTE = (a: F12) => a as unknown as GT;

/** noble's validation messages onto our faults, without echoing the input bytes */
function decode<P>(f: () => P): P {
  try {
    return f();
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    throw new PointDecodeError(/subgroup/.test(m) ? 'subgroup' : /equation|curve|sqrt|square/i.test(m) ? 'curve' : 'encoding');
  }
}

export async function nobleBackend(): Promise<GroupBackend> {
  // Fixed-base windows of 8 (g1) and 10 (g2) bits, noble's own precompute: built on first use.
  const g1 = G1.Point.BASE.precompute(8, true);
  const g2 = G2.Point.BASE.precompute(10, true);
  let z: F12 | undefined;
  const Z = (): F12 => (z ??= pairing(g1, g2));
  return {
    name: 'noble',
    library: '@noble/curves',
    g1Base: () => G1P(g1),
    g2Base: () => G2P(g2),
    g1Mul: (k) => G1P(k === 0n ? G1.Point.ZERO : g1.multiply(k)),
    g2Mul: (k) => G2P(k === 0n ? G2.Point.ZERO : g2.multiply(k)),
    g1MulPoint: (p, k) => G1P(k === 0n ? G1.Point.ZERO : p1(p).multiply(k)),
    g2MulPoint: (p, k) => G2P(k === 0n ? G2.Point.ZERO : p2(p).multiply(k)),
    g1Eq: (a, b) => p1(a).equals(p1(b)),
    g2Eq: (a, b) => p2(a).equals(p2(b)),
    g1IsZero: (p) => p1(p).is0(),
    g2IsZero: (p) => p2(p).is0(),
    pair: (p, q) => GTE(pairing(p1(p), p2(q))),
    Z: () => GTE(Z()),
    zPow: (k) => GTE(Fp12.pow(Z(), k)),
    gtPow: (a, k) => GTE(Fp12.pow(f12(a), k)),
    gtEq: (a, b) => Fp12.eql(f12(a), f12(b)),
    gtIsOne: (a) => Fp12.eql(f12(a), Fp12.ONE),
    // GT membership by its definition, z^q = 1 (zero never passes: 0^q = 0): the reference the
    // faster test of the other backends is held to (mcl-gt-membership.ts)
    gtInGroup: (a) => Fp12.eql(Fp12.pow(f12(a), Fr.ORDER), Fp12.ONE),
    encodeG1: (p) => p1(p).toBytes(true),
    encodeG2: (p) => p2(p).toBytes(true),
    encodeGT: (a) => Fp12.toBytes(f12(a)),
    decodeG1: (b) => G1P(decode(() => G1.Point.fromBytes(b))),
    decodeG2: (b) => G2P(decode(() => G2.Point.fromBytes(b))),
    decodeFp12: (b) => GTE(Fp12.fromBytes(b)),
  };
}
