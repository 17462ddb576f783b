// Fixed-base exponentiation in GT: Z never changes, so Z^r is a product of table entries.
// Windows of 8 bits: T[j][d] = Z^(d * 256^j) for j < 32, d < 256; Z^r = prod_j T[j][byte_j(r)],
// at most 32 multiplications instead of ~255 squarings and ~128 multiplications. The table
// (32 x 255 elements, ~8 k multiplications) is built once per process on first use.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { FLAT_ONE, fromFlat, mulFlat, toFlat, type Flat } from './fp12-flat.js';
import type { GT } from './types.js';

const { Fp12, Fr } = bls12_381.fields;
const WINDOW = 8;
const WINDOWS = Math.ceil(Fr.BITS / WINDOW);

export class FixedBaseGT {
  /** Entries in fp12-flat.ts form: the products below run on plain bigints. */
  private table: Flat[][] | undefined;

  constructor(private readonly base: () => GT) {}

  private build(): Flat[][] {
    const t: Flat[][] = [];
    let b = toFlat(this.base()); // b = base^(256^j)
    for (let j = 0; j < WINDOWS; j++) {
      const row: Flat[] = new Array(1 << WINDOW);
      row[0] = FLAT_ONE;
      row[1] = b;
      for (let d = 2; d < 1 << WINDOW; d++) row[d] = mulFlat(row[d - 1]!, b);
      t.push(row);
      b = mulFlat(row[(1 << WINDOW) - 1]!, b);
    }
    return t;
  }

  /** base^k for 0 <= k < q (callers check the range: secret scalars are in [1, q-1]). */
  pow(k: bigint): GT {
    const t = (this.table ??= this.build());
    let acc: Flat | undefined;
    let e = k;
    for (let j = 0; e > 0n; j++, e >>= BigInt(WINDOW)) {
      const d = Number(e & 0xffn);
      if (d) acc = acc ? mulFlat(acc, t[j]![d]!) : t[j]![d]!;
    }
    return acc ? fromFlat(acc) : Fp12.ONE;
  }
}
