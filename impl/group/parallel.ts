// What a party needs from a pool of workers doing group operations in parallel (the SRS's key
// generation and R_U batches); the worker pool itself (tools/pool.ts) is one such pool.
import type { G1Point, G2Point } from './types.js';

export type BaseGroup = 'g1' | 'g2';

export interface GroupPool {
  /** the encoded base^k of `group` (g1 or g2) for each k, in order: bytes a party can keep as they are */
  mulBase(group: BaseGroup, ks: bigint[]): Promise<Uint8Array[]>;
  /** encoded e(p, q) for each pair, in order (points the caller holds validated) */
  pair(jobs: { p: G1Point; q: G2Point }[]): Promise<Uint8Array[]>;
}
