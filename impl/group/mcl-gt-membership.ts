// Membership in GT (the order-q subgroup of Fp12*) without a 255-bit exponentiation, the test of
// GT elements read from bytes (R_U at its reader) on the default backend and on mcl-wasm.
// z^q = 1 costs one full exponentiation (~255 squarings). For BLS12 curves q divides both
// Phi_12(p) = p^4 - p^2 + 1 and p - u (u the curve parameter, negative for BLS12-381), and for
// BLS12-381 gcd(p - u, Phi_12(p)) = q exactly (test/impl-gt-membership.test.ts computes it). Hence,
// for z != 0:  z^q = 1  <=>  z^Phi_12(p) = 1 and z^(p - u) = 1  <=>  z^(p^4) z = z^(p^2) and
// z^p = z^u. Frobenius maps are cheap, and z^u = conj(z^|u|) inside the cyclotomic subgroup (where
// the inverse is the conjugate), a 64-bit exponentiation (Scott, "A note on group membership tests
// for G1, G2 and GT on BLS pairing-friendly curves", ePrint 2021/1130).
//
// It runs in mcl-wasm's WebAssembly heap, by its exported C functions on heap addresses (no copy
// through its JavaScript wrappers, which copy both operands in and the result out on every call):
// 63 Fp12 squarings and 5 multiplications for z^|u|, and the Frobenius maps as Fp2 products by
// constants. mcl-wasm's own test (mclBnGT_isValid) is a full z^q; bench/README.md ("Hand-written
// arithmetic") times both. The noble reference checks z^q = 1 itself, and the tests hold this test
// to that definition.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import mcl from 'mcl-wasm';
import mclCore from 'mcl-wasm/dist/mcl.js';

/** |u| = 0xd201000000010000; u itself is negative for BLS12-381. */
export const BLS_U_ABS = 0xd201000000010000n;

const { Fp, Fp2 } = bls12_381.fields;

interface Core {
  _malloc(n: number): number;
  copyToHeap32(a: Uint32Array, pos: number): void;
  _mclBnGT_sqr(z: number, x: number): void;
  _mclBnGT_mul(z: number, x: number, y: number): void;
  _mclBnGT_isEqual(x: number, y: number): number;
  _mclBnGT_isOne(x: number): number;
  _mclBnGT_isZero(x: number): number;
  _mclBnFp2_mul(z: number, x: number, y: number): void;
  _mclBnFp_neg(y: number, x: number): void;
}

const FP = 48;
const FP2 = 2 * FP;
const FP12 = 12 * FP;
/** heap offset of the coefficient of w^j: mcl's Fp12 = Fp6[w]/(w^2 - v), so w^(2i) is c0.b_i, w^(2i+1) c1.b_i */
const OFFSET = [0, 3, 1, 4, 2, 5].map((i) => i * FP2);

export interface GtMembership {
  /** z^q = 1 and z != 0, for any Fp12 element mcl-wasm holds */
  inGT(z: mcl.GT): boolean;
}

/** The test on the heap of mcl-wasm (after mcl.init with BLS12_381); its scratch space is kept. */
export function mclGtMembership(): GtMembership {
  const c = (mclCore as unknown as { mod: Core }).mod;
  // Frobenius z -> z^(p^k) on coefficients: (a w^j)^(p^k) = conj^k(a) * xi^(j (p^k - 1) / 6) w^j.
  // For odd k, conj(a) * g = conj(a * conj(g)): one product into place, then the imaginary part negated.
  const P = Fp.ORDER;
  const constants = (k: 1 | 2 | 4): number => {
    const at = c._malloc(6 * FP2);
    const e = P ** BigInt(k) - 1n;
    for (let j = 0; j < 6; j++) {
      let g = Fp2.pow(Fp2.fromBigTuple([1n, 1n]), (BigInt(j) * e) / 6n);
      if (k % 2) g = { c0: g.c0, c1: Fp.neg(g.c1) };
      const x = new mcl.Fp2();
      const re = new mcl.Fp();
      const im = new mcl.Fp();
      re.setStr(g.c0.toString(16), 16);
      im.setStr(g.c1.toString(16), 16);
      x.set_a(re);
      x.set_b(im);
      c.copyToHeap32((x as unknown as { a_: Uint32Array }).a_, at + j * FP2);
    }
    return at;
  };
  const frob = { 1: constants(1), 2: constants(2), 4: constants(4) } as const;
  const frobenius = (dst: number, src: number, k: 1 | 2 | 4): void => {
    for (let j = 0; j < 6; j++) {
      c._mclBnFp2_mul(dst + OFFSET[j]!, src + OFFSET[j]!, frob[k] + j * FP2);
      if (k % 2) c._mclBnFp_neg(dst + OFFSET[j]! + FP, dst + OFFSET[j]! + FP);
    }
  };
  const [z, a, b, t] = [c._malloc(FP12), c._malloc(FP12), c._malloc(FP12), c._malloc(FP12)];
  const bits = BLS_U_ABS.toString(2);
  return {
    inGT(el: mcl.GT): boolean {
      c.copyToHeap32((el as unknown as { a_: Uint32Array }).a_, z);
      if (c._mclBnGT_isZero(z)) return false;
      // cyclotomic: z^(p^4) * z = z^(p^2)
      frobenius(a, z, 4);
      c._mclBnGT_mul(a, a, z);
      frobenius(b, z, 2);
      if (!c._mclBnGT_isEqual(a, b)) return false;
      // z^|u| by square-and-multiply (|u| has six bits set), then z^p * z^|u| = 1, i.e. z^p = z^u
      let acc = a;
      let spare = b;
      c._mclBnGT_sqr(acc, z);
      if (bits[1] === '1') c._mclBnGT_mul(acc, acc, z);
      for (let i = 2; i < bits.length; i++) {
        c._mclBnGT_sqr(spare, acc);
        [acc, spare] = [spare, acc];
        if (bits[i] === '1') c._mclBnGT_mul(acc, acc, z);
      }
      frobenius(t, z, 1);
      c._mclBnGT_mul(t, t, acc);
      return c._mclBnGT_isOne(t) === 1;
    },
  };
}
