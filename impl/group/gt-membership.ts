// Membership in GT (the order-q subgroup of Fp12*) without a 255-bit exponentiation: the test
// both backends run, here on noble's Fp12 operations (the reference backend's; no field arithmetic
// of ours), and on mcl-wasm's heap in mcl-gt-membership.ts (bench/README.md: membership).
// z^q = 1 costs one full exponentiation (~255 squarings). For BLS12 curves q divides both
// Phi_12(p) = p^4 - p^2 + 1 and p - u (u the curve parameter, negative for BLS12-381), and for
// BLS12-381 gcd(p - u, Phi_12(p)) = q exactly (test/impl-gt-membership.test.ts computes it). Hence, for
// z != 0:  z^q = 1  <=>  z^Phi_12(p) = 1 and z^(p - u) = 1  <=>  z^(p^4) z = z^(p^2) and z^p = z^u.
// Frobenius maps are cheap, and z^u = conj(z^|u|) inside the cyclotomic subgroup (where the
// inverse is the conjugate), a 64-bit cyclotomic exponentiation (Scott, "A note on group
// membership tests for G1, G2 and GT on BLS pairing-friendly curves", ePrint 2021/1130).
import { bls12_381 } from '@noble/curves/bls12-381.js';

const { Fp12 } = bls12_381.fields;
/** an element of Fp12 as noble holds it */
export type Fp12El = ReturnType<typeof Fp12.fromBytes>;

/** |u| = 0xd201000000010000; u itself is negative for BLS12-381. */
export const BLS_U_ABS = 0xd201000000010000n;

/** True iff z lies in the cyclotomic subgroup: z != 0 and z^(p^4 - p^2 + 1) = 1. */
export function inCyclotomic(z: Fp12El): boolean {
  if (Fp12.is0(z)) return false;
  return Fp12.eql(Fp12.mul(Fp12.frobeniusMap(z, 4), z), Fp12.frobeniusMap(z, 2));
}

/** True iff z^q = 1 (z in GT, the identity included), for every Fp12 element z. */
export function inGT(z: Fp12El): boolean {
  if (!inCyclotomic(z)) return false;
  // u < 0: z^u = (z^|u|)^-1 = conj(z^|u|) in the cyclotomic subgroup, where noble's cyclotomic
  // exponentiation is valid.
  return Fp12.eql(Fp12.frobeniusMap(z, 1), Fp12.conjugate(Fp12._cyclotomicExp(z, BLS_U_ABS)));
}

/** inGT of the element whose canonical 576 bytes (each coefficient below p) these are. */
export function inGTBytes(bytes: Uint8Array): boolean {
  return inGT(Fp12.fromBytes(bytes));
}
