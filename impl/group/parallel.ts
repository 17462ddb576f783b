// What a party needs from a pool of threads doing group operations in parallel (the SRS's key
// generation and R_U batches); tools/pool.ts (the calling thread and worker threads) is one such pool.
import type { ErrorCode } from '../errors.js';
import type { G1Point, G2Point } from './types.js';

export type BaseGroup = 'g1' | 'g2';

export interface GroupPool {
  /** the encoded base^k of `group` (g1 or g2) for n scalars k, in order: bytes a party can keep as
   *  they are. `draw(i)` gives the i-th k, called in order on the calling thread (the pool may start
   *  multiplying before the last draw); a draw that throws ends the call with its error. */
  mulBase(group: BaseGroup, n: number, draw: (i: number) => bigint): Promise<Uint8Array[]>;
  /** encoded e(p, q) for each pair, in order (points the caller holds validated) */
  pair(jobs: { p: G1Point; q: G2Point }[]): Promise<Uint8Array[]>;
  /** for each job, the bytes `a` validated as an element of GT from outside (group.ts decodeGT,
   *  errors naming `field`) and raised to k: the encoded a^k, or why `a` was refused */
  powGT(jobs: { a: Uint8Array; field: string; k: bigint }[]): Promise<PowGTResult[]>;
}

export type PowGTResult = { ok: true; value: Uint8Array } | { ok: false; code: ErrorCode; message: string; field: string };
