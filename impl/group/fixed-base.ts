// Fixed-base exponentiation on mcl-wasm by a table of base^(d·256^j), j < 32, d in [1, 255]: base^k
// is then at most 31 group operations of the library (one per non-zero byte of k after the first)
// instead of its generic multiplication, which starts from the base on every call. mcl-wasm has no
// fixed-base tables of its own. The table lives in the WebAssembly heap and the operations are the
// library's own exported functions called on heap addresses, so a step copies nothing between
// JavaScript and WebAssembly (the library's JavaScript wrappers copy both operands in and the
// result out on every call, which costs more than the operation itself). bench/README.md
// ("Hand-written arithmetic") measures the gain on g1^k, g2^k and Z^r. A table is built on first
// use (8 160 operations); lookups, like mcl-wasm's own multiplication, are not constant-time.
import mcl from 'mcl-wasm';
import mclCore from 'mcl-wasm/dist/mcl.js';
import { DIGITS, ROWS, byteDigits } from './fixed-base-digits.js';

/** The parts of mcl-wasm's compiled module used here: its allocator, heap copies and C functions
 *  (names as in mcl's C API, bn.h: z = x op y on heap addresses). */
interface Core {
  _malloc(n: number): number;
  copyToHeap32(a: Uint32Array, pos: number): void;
  copyFromHeap32(a: Uint32Array, pos: number): void;
  _mclBnG1_add(z: number, x: number, y: number): void;
  _mclBnG2_add(z: number, x: number, y: number): void;
  _mclBnGT_mul(z: number, x: number, y: number): void;
}
const core = (): Core => (mclCore as unknown as { mod: Core }).mod;

/** An element of mcl-wasm as its wrapper holds it: the raw words it copies to and from the heap. */
type Raw = { a_: Uint32Array };
type Elem = mcl.G1 | mcl.G2 | mcl.GT;

export interface FixedBase<T extends Elem> {
  /** base^k for k in [1, 2^256) */
  pow(k: bigint): T;
}

/**
 * The table of `base` (an element mcl-wasm made, after mcl.init): built with the library's `op`
 * (point addition or GT multiplication), rows normalised when `normalize` is given, then copied to
 * the heap once.
 */
export function fixedBase<T extends Elem>(base: T, op: (a: T, b: T) => T, cFn: '_mclBnG1_add' | '_mclBnG2_add' | '_mclBnGT_mul', make: () => T, normalize?: (row: T[]) => void): FixedBase<T> {
  const words = (base as unknown as Raw).a_.length;
  const size = words * 4;
  const c = core();
  const table = c._malloc(ROWS * DIGITS * size);
  let bj = base;
  for (let j = 0; j < ROWS; j++) {
    const row: T[] = [bj];
    for (let d = 2; d <= DIGITS; d++) row.push(op(row[d - 2]!, bj));
    normalize?.(row);
    row.forEach((e, d) => c.copyToHeap32((e as unknown as Raw).a_, table + (j * DIGITS + d) * size));
    bj = op(row[DIGITS - 1]!, bj);
  }
  // two accumulators, used in turn: the result of one step never overwrites one of its operands
  const acc = [c._malloc(size), c._malloc(size)] as const;
  const apply = c[cFn].bind(c);
  return {
    pow(k: bigint): T {
      let at = -1; // heap address of the running result
      let turn = 0;
      const digits = byteDigits(k);
      for (let j = 0; j < ROWS; j++) {
        const d = digits[j]!;
        if (d === 0) continue;
        const entry = table + (j * DIGITS + d - 1) * size;
        if (at < 0) at = entry;
        else {
          apply(acc[turn]!, at, entry);
          at = acc[turn]!;
          turn ^= 1;
        }
      }
      const out = make();
      c.copyFromHeap32((out as unknown as Raw).a_, at);
      return out;
    },
  };
}
