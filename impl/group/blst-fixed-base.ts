// Fixed-base exponentiation on native blst by a table of base^(d·256^j), j < 32, d in [1, 255]:
// base^k is then at most 31 of blst's own additions (or Fp12 products for Z) instead of its generic
// multiplication, which starts from the base on every call. The C++ API blst's bindings expose has
// no fixed-base tables (its precomputed tables are for multi-scalar multiplication, not exposed).
// Each step is one call into the binding on objects held in native memory, so nothing is copied;
// the call itself costs ~1 µs, which is why 31 calls still beat one generic multiplication
// (bench/README.md "Hand-written arithmetic: what stays": g1^k 21.3 µs by the table against 67.5 µs
// by blst's mult). Entries stay Jacobian: the binding resolves add(P1_Affine) by trying add(P1)
// first, which made a mixed addition slower than a full one. Built on first use (8 160 operations,
// 15-35 ms); lookups, like blst's mult, are not constant-time.
import { DIGITS, ROWS, byteDigits } from './fixed-base-digits.js';

/** an element of blst with a copy (its group operation, point addition or Fp12 product, is given beside it) */
interface Elem<T> {
  dup(): T;
}

export interface BlstFixedBase<T> {
  /** base^k for k in [1, 2^256) */
  pow(k: bigint): T;
}

export function blstFixedBase<T extends Elem<T>>(base: T, op: (acc: T, x: T) => T): BlstFixedBase<T> {
  const table: T[][] = [];
  let bj = base.dup();
  for (let j = 0; j < ROWS; j++) {
    const row: T[] = [bj.dup()];
    for (let d = 2; d <= DIGITS; d++) row.push(op(row[d - 2]!.dup(), bj));
    table.push(row);
    bj = op(row[DIGITS - 1]!.dup(), bj);
  }
  return {
    pow(k: bigint): T {
      let acc: T | undefined;
      const digits = byteDigits(k);
      for (let j = 0; j < ROWS; j++) {
        const d = digits[j]!;
        if (d === 0) continue;
        const entry = table[j]![d - 1]!;
        acc = acc === undefined ? entry.dup() : op(acc, entry);
      }
      return acc!;
    },
  };
}
