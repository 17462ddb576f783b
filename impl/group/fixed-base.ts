// Fixed-base exponentiation by a table of base^(d·256^j), j < 32, d in [1, 255]: g^k is then at
// most 32 group operations of the library (one per non-zero byte of k) instead of its generic
// multiplication, which re-derives everything from the base on every call. mcl-wasm has no
// fixed-base tables of its own; bench/README.md ("Hand-written arithmetic") measures the gain on
// g1^k, g2^k and Z^r. The table is built on first use (8 160 group operations per base) and the
// lookups, like mcl-wasm's own multiplication, are not constant-time.

/** A table for one base: row j holds base^(d·256^j) for d = 1..255. */
export type FixedBaseTable<T> = T[][];

const ROWS = 32;
const DIGITS = 255;

/** Builds the table of `base` with the library's group operation (`op`, a fresh element per call);
 *  `normalize` (optional) puts each row in the library's cheapest form for later operations. */
export function fixedBaseTable<T>(base: T, op: (a: T, b: T) => T, normalize?: (row: T[]) => void): FixedBaseTable<T> {
  const rows: T[][] = [];
  let bj = base;
  for (let j = 0; j < ROWS; j++) {
    const row: T[] = [bj];
    for (let d = 2; d <= DIGITS; d++) row.push(op(row[d - 2]!, bj));
    normalize?.(row);
    rows.push(row);
    bj = op(row[DIGITS - 1]!, bj);
  }
  return rows;
}

/** base^k for k in [1, 2^256): one operation per non-zero byte of k. The caller handles k = 0
 *  (the identity) and copies the result if it may mutate it. */
export function fixedBasePow<T>(table: FixedBaseTable<T>, k: bigint, op: (a: T, b: T) => T): T {
  const hex = k.toString(16).padStart(2 * ROWS, '0');
  let acc: T | undefined;
  for (let j = 0; j < ROWS; j++) {
    const d = parseInt(hex.slice(hex.length - 2 * j - 2, hex.length - 2 * j), 16);
    if (d !== 0) acc = acc === undefined ? table[j]![d - 1]! : op(acc, table[j]![d - 1]!);
  }
  if (acc === undefined) throw new RangeError('fixed-base power: zero exponent');
  return acc;
}
