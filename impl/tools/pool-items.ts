// What the pool computes for one item, defined once for the calling thread (tools/pool.ts) and the
// workers (tools/pool-worker.ts), so an item gives the same bytes whichever thread takes it.
import { decodeGT, encodeG1, encodeG2, encodeGT, g1, g2, gt, type G1Point, type G2Point } from '../group/group.js';
import type { BaseGroup } from '../group/parallel.js';

/** The encoded base^k of `group`. */
export const mulBaseItem = (group: BaseGroup): ((k: bigint) => Uint8Array) => (group === 'g1' ? (k) => encodeG1(g1.mul(k)) : (k) => encodeG2(g2.mul(k)));

/** The encoded e(p, q). */
export const pairItem = (p: G1Point, q: G2Point): Uint8Array => encodeGT(gt.pair(p, q));

/** The bytes `a` validated as an element of GT from outside (decodeGT, errors naming `field`) and raised to k, encoded. */
export const powGTItem = (a: Uint8Array, field: string, k: bigint): Uint8Array => encodeGT(gt.pow(decodeGT(a, field), k));
