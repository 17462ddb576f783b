// The native backend: supranational's blst (assembly-level field arithmetic) through the SWIG
// bindings of @chainsafe/blst 0.2.11 (blst-native.ts), for G1, G2, their encodings and validation,
// the multiplications, the pairing and every GT element a pairing or Z^k makes; mcl-wasm (mcl.ts)
// for the GT elements read from bytes, which blst's bindings cannot make (PT has no constructor
// from bytes). Where each part sits and why, CPU medians on this machine at load ~5
// (bench/HISTORY.md "The blst backend: results" has the run):
//
// - The pairing: blst's Miller loop and final exponentiation, ~0.87 ms (mcl-wasm 2.8-3.8 ms).
//   blst's final exponentiation already gives the Miller loop to the power 3(p^12-1)/q, our
//   normalisation (its hard part computes the cube; measured equal to noble's pairing byte for
//   byte in test/impl-backends.test.ts), so nothing is added to it. blst keeps no Miller-loop
//   lines in this API: a stored R_P is paired afresh each time.
// - g1^k, g2^k, Z^k: tables of blst elements (blst-fixed-base.ts), g1^k about a third of blst's own
//   multiplication and a tenth of mcl-wasm's; Z^k about a sixteenth of mcl-wasm's power, the only
//   library one (bench/README.md, "Hand-written arithmetic: what stays").
// - p^k for other points: blst's multiplication (G1 ~0.13 ms, G2 ~0.26 ms; mcl-wasm ~0.5-1 ms).
// - Decoding points: blst's decompression (on the curve) and its subgroup test, ~80-90 µs for an
//   R_P (G2) in the bench's primitives table, against ~2 ms on noble.
// - GT bytes: blst writes Fp12 as (c0.b0, c1.b0, c0.b1, c1.b1, c0.b2, c1.b2), each Fp2 as a0 ‖ a1;
//   encodeGT reorders the six Fp2 into noble's (c0.b0, c0.b1, c0.b2, c1.b0, ...), ~2 µs.
// - a^k for a GT element a pairing made: square-and-multiply over blst's Fp12 products, a 4-bit
//   window, ~0.75 ms (252 squarings, ~2 µs each a call, and ~75 products), against ~1.4 ms by
//   mcl-wasm's power (which splits the exponent by the Frobenius map, but crosses into
//   WebAssembly through its wrappers).
// - GT elements from bytes (R_U at its reader): decoded, tested for membership and raised to a
//   power on mcl-wasm's heap (mcl.ts, mcl-gt-membership.ts), since blst's bindings have no way in.
import { PointDecodeError, type GroupBackend } from './backend.js';
import { blstFixedBase, type BlstFixedBase } from './blst-fixed-base.js';
import { loadNative, scalarLE, type NativeP1, type NativeP2, type NativePT } from './blst-native.js';
import { mclBackend } from './mcl.js';
import type { G1Point, G2Point, GT } from './types.js';

/** A GT element: blst's when a pairing or Z^k made it, mcl-wasm's when it was read from bytes. */
class Gt {
  constructor(
    readonly pt: NativePT | undefined,
    readonly m: GT | undefined,
  ) {}
}

const p1 = (p: G1Point) => p as unknown as NativeP1;
const p2 = (p: G2Point) => p as unknown as NativeP2;
const gtof = (a: GT) => a as unknown as Gt;
const G1P = (p: NativeP1) => p as unknown as G1Point;
const G2P = (p: NativeP2) => p as unknown as G2Point;
const GTE = (a: Gt) => a as unknown as GT;

/** blst's six Fp2 slots in the order of ours: our slot n holds blst's slot ORDER[n] */
const ORDER = [0, 2, 4, 1, 3, 5];

function ptBytes(a: NativePT): Uint8Array {
  const b = a.to_bendian();
  const out = new Uint8Array(576);
  for (let n = 0; n < 6; n++) out.set(b.subarray(ORDER[n]! * 96, ORDER[n]! * 96 + 96), n * 96);
  return out;
}

/** a^k, k >= 1, by 4-bit windows over blst's Fp12 squarings and products (each in place) */
function ptPow(a: NativePT, k: bigint): NativePT {
  const window: NativePT[] = [a.dup()];
  for (let d = 2; d < 16; d++) window.push(window[d - 2]!.dup().mul(a));
  const hex = k.toString(16);
  const acc = window[parseInt(hex[0]!, 16) - 1]!.dup();
  for (let i = 1; i < hex.length; i++) {
    acc.sqr().sqr().sqr().sqr();
    const d = parseInt(hex[i]!, 16);
    if (d !== 0) acc.mul(window[d - 1]!);
  }
  return acc;
}

/** blst's refusal (a BLST_ERROR message) onto our faults, without echoing the input bytes */
function decode<A extends { in_group(): boolean; is_inf(): boolean }>(make: () => A): A {
  let a: A;
  try {
    a = make();
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    throw new PointDecodeError(/not in group/.test(m) ? 'subgroup' : /not on curve/.test(m) ? 'curve' : 'encoding');
  }
  if (!a.is_inf() && !a.in_group()) throw new PointDecodeError('subgroup');
  return a;
}

export async function blstBackend(): Promise<GroupBackend> {
  const native = await loadNative();
  const M = await mclBackend();
  const g1 = native.P1.generator();
  const g2 = native.P2.generator();
  const z = new native.PT(g2.to_affine(), g1.to_affine()).final_exp();
  let t1: BlstFixedBase<NativeP1> | undefined;
  let t2: BlstFixedBase<NativeP2> | undefined;
  let tz: BlstFixedBase<NativePT> | undefined;
  const one = (): Gt => new Gt(undefined, M.zPow(0n));
  const encodeGT = (a: Gt): Uint8Array => (a.pt ? ptBytes(a.pt) : M.encodeGT(a.m!));
  return {
    name: 'blst',
    library: 'blst-swig',
    g1Base: () => G1P(g1),
    g2Base: () => G2P(g2),
    g1Mul: (k) => G1P(k === 0n ? new native.P1() : (t1 ??= blstFixedBase(g1, (acc, x) => acc.add(x))).pow(k)),
    g2Mul: (k) => G2P(k === 0n ? new native.P2() : (t2 ??= blstFixedBase(g2, (acc, x) => acc.add(x))).pow(k)),
    g1MulPoint: (p, k) => G1P(k === 0n ? new native.P1() : p1(p).dup().mult(scalarLE(k))),
    g2MulPoint: (p, k) => G2P(k === 0n ? new native.P2() : p2(p).dup().mult(scalarLE(k))),
    g1Eq: (a, b) => p1(a).is_equal(p1(b)),
    g2Eq: (a, b) => p2(a).is_equal(p2(b)),
    g1IsZero: (p) => p1(p).is_inf(),
    g2IsZero: (p) => p2(p).is_inf(),
    pair: (p, q) => GTE(new Gt(new native.PT(p2(q).to_affine(), p1(p).to_affine()).final_exp(), undefined)),
    Z: () => GTE(new Gt(z, undefined)),
    zPow: (k) => GTE(k === 0n ? one() : new Gt((tz ??= blstFixedBase(z, (acc, x) => acc.mul(x))).pow(k), undefined)),
    gtPow: (a, k) => {
      const { pt, m } = gtof(a);
      if (k === 0n) return GTE(one());
      return GTE(pt ? new Gt(ptPow(pt, k), undefined) : new Gt(undefined, M.gtPow(m!, k)));
    },
    gtEq: (a, b) => {
      const [x, y] = [gtof(a), gtof(b)];
      return x.pt && y.pt ? x.pt.is_equal(y.pt) : Buffer.from(encodeGT(x)).equals(encodeGT(y));
    },
    gtIsOne: (a) => {
      const { pt, m } = gtof(a);
      return pt ? pt.is_one() : M.gtIsOne(m!);
    },
    gtInGroup: (a) => {
      const { pt, m } = gtof(a);
      return pt ? pt.in_group() : M.gtInGroup(m!);
    },
    encodeG1: (p) => p1(p).compress(),
    encodeG2: (p) => p2(p).compress(),
    encodeGT: (a) => encodeGT(gtof(a)),
    decodeG1: (b) => G1P(new native.P1(decode(() => new native.P1_Affine(b)))),
    decodeG2: (b) => G2P(new native.P2(decode(() => new native.P2_Affine(b)))),
    decodeFp12: (b) => GTE(new Gt(undefined, M.decodeFp12(b))),
  };
}
