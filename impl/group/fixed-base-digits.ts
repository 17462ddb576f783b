// The radix-256 digits of an exponent below 2^256: where base^k is looked up in a fixed-base table
// of base^(d·256^j), j < 32, d in [1, 255] (fixed-base.ts on mcl-wasm's heap, blst-fixed-base.ts on
// blst). base^k is then the product of one table entry per non-zero digit.

export const ROWS = 32;
export const DIGITS = 255;

/** The non-zero digits of k, lowest row first, as [row j, digit d]; k in [1, 2^256). */
export function byteDigits(k: bigint): Array<readonly [number, number]> {
  const hex = k.toString(16).padStart(2 * ROWS, '0');
  if (hex.length > 2 * ROWS) throw new RangeError('fixed-base power: exponent above 2^256');
  const out: Array<readonly [number, number]> = [];
  for (let j = 0; j < ROWS; j++) {
    const d = parseInt(hex.slice(hex.length - 2 * j - 2, hex.length - 2 * j), 16);
    if (d !== 0) out.push([j, d]);
  }
  if (!out.length) throw new RangeError('fixed-base power: zero exponent');
  return out;
}
