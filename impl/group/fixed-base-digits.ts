// The radix-256 digits of an exponent below 2^256: where base^k is looked up in a fixed-base table
// of base^(d·256^j), j < 32, d in [1, 255] (blst-fixed-base.ts). base^k is then the product of one
// table entry per non-zero digit.
//
// The digits are read off k's hex text by character codes into one byte array: slicing the text
// and parsing each pair, with a [row, digit] pair allocated per row, took ~1.45 µs a call, some 5 %
// of a g1^k on blst, against ~0.35 µs (bench/README.md "The fixed-base digits").

export const ROWS = 32;
export const DIGITS = 255;

/** the value of one lowercase hex digit from its character code ('0'-'9', 'a'-'f') */
const nibble = (c: number): number => (c <= 57 ? c - 48 : c - 87);

/** The ROWS radix-256 digits of k, lowest row first (digit j is the coefficient of 256^j, 0 where
 *  that row adds nothing); k in [1, 2^256). */
export function byteDigits(k: bigint): Uint8Array {
  if (k <= 0n) throw new RangeError('fixed-base power: zero exponent');
  const hex = k.toString(16);
  if (hex.length > 2 * ROWS) throw new RangeError('fixed-base power: exponent above 2^256');
  const out = new Uint8Array(ROWS);
  for (let j = 0, i = hex.length; i > 0; j++, i -= 2) {
    const hi = i >= 2 ? nibble(hex.charCodeAt(i - 2)) : 0;
    out[j] = (hi << 4) | nibble(hex.charCodeAt(i - 1));
  }
  return out;
}
