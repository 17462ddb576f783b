// Exponentiation in GT by a 255-bit scalar in about a quarter of the squarings.
// On GT the Frobenius z -> z^p acts as z -> z^u (p = u mod q), so psi(z) = conj(z^p) = z^|u|
// costs a Frobenius map and a conjugation. Writing k mod q in base |u| (four 64-bit digits,
// q = u^4 - u^2 + 1 < |u|^4) gives z^k = prod_i psi^i(z)^(d_i): one joint square-and-multiply over
// 64 bits with a 16-entry table of products (on fp12-flat.ts). Valid only for z in GT, hence
// the guard: elements the code made or validated are remembered (a WeakSet of the frozen noble
// objects); any other element is tested (inGT) and, outside GT, exponentiated the plain way, so
// the result equals Fp12.pow(z, k) for every input.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { cycSqrFlat, fromFlat, mulFlat, toFlat, type Flat } from './fp12-flat.js';
import { BLS_U_ABS, inGT } from './gt-membership.js';
import type { GT } from './types.js';

const { Fp12, Fr } = bls12_381.fields;
const known = new WeakSet<object>();

/** Records that z is in GT (it came out of a pairing, of Z^r, or passed validation). */
export function markGT<T extends GT>(z: T): T {
  known.add(z as object);
  return z;
}

export function isKnownGT(z: GT): boolean {
  return known.has(z as object);
}

/** psi(z) = z^|u| for z in GT: conj(z^p). */
const psi = (z: GT): GT => Fp12.conjugate(Fp12.frobeniusMap(z, 1));

/** The four base-|u| digits of k mod q, least significant first. */
export function splitScalar(k: bigint): [bigint, bigint, bigint, bigint] {
  let e = ((k % Fr.ORDER) + Fr.ORDER) % Fr.ORDER;
  const d: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    d.push(e % BLS_U_ABS);
    e /= BLS_U_ABS;
  }
  return d as [bigint, bigint, bigint, bigint];
}

/** z^k for z in GT (caller guarantees membership). */
function powInGT(z: GT, k: bigint): GT {
  const digits = splitScalar(k);
  const b1 = psi(z);
  const b2 = psi(b1);
  const b3 = psi(b2);
  const bases = [z, b1, b2, b3].map(toFlat);
  const table: Flat[] = new Array(16);
  for (let m = 1; m < 16; m++) {
    const low = m & -m;
    const i = 31 - Math.clz32(low);
    table[m] = m === low ? bases[i]! : mulFlat(table[m ^ low]!, bases[i]!);
  }
  let bits = 0;
  for (const d of digits) bits = Math.max(bits, d.toString(2).length);
  if (digits.every((d) => d === 0n)) return Fp12.ONE;
  const d32 = digits.map((d) => [Number(d & 0xffffffffn), Number(d >> 32n)]);
  const bit = (i: number, b: number) => (b < 32 ? (d32[i]![0]! >>> b) & 1 : (d32[i]![1]! >>> (b - 32)) & 1);
  let acc: Flat | undefined;
  for (let b = bits - 1; b >= 0; b--) {
    if (acc) acc = cycSqrFlat(acc); // z in GT, inside the cyclotomic subgroup
    const m = bit(0, b) | (bit(1, b) << 1) | (bit(2, b) << 2) | (bit(3, b) << 3);
    if (m) acc = acc ? mulFlat(acc, table[m]!) : table[m]!;
  }
  return acc ? fromFlat(acc) : Fp12.ONE;
}

/** z^k, equal to Fp12.pow(z, k mod q) whenever z is in GT and to Fp12.pow(z, k) otherwise. */
export function gtPow(z: GT, k: bigint): GT {
  if (isKnownGT(z) || inGT(z)) return markGT(powInGT(z, k));
  return Fp12.pow(z, k);
}
