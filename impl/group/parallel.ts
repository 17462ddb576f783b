// What a party needs from a pool of workers doing group operations in parallel (the SRS's key
// generation and R_U batches); the worker pool itself (tools/pool.ts) is one such pool.
import type { G1Point, G2Point } from './types.js';

export interface GroupPool {
  /** g2^k for each k, in order */
  g2Mul(ks: bigint[]): Promise<G2Point[]>;
  /** encoded e(p, q) for each pair, in order (points the caller holds validated) */
  pair(jobs: { p: G1Point; q: G2Point }[]): Promise<Uint8Array[]>;
}
