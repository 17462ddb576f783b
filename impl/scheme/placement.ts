// Which group each value of the scheme lives in (format 2): public keys and RK in G1, R_P in G2.
// The asymmetric pairing lets either side carry either value; what decides is cost. Key generation
// (one fixed-base multiplication per principal, thousands at the SRS) and RK are in G1, where a
// multiplication costs about a third of one in G2; R_P, one per partition upload, is in G2.
// R_U = e(RK, R_P) = e(g1^(x_U/x_P), g2^(r x_P)) = Z^(r x_U), as before. Format 1 had them the
// other way round (pk, RK in G2, R_P in G1). Every layer above names these roles, never G1 or G2.
import { G1_BYTES, G2_BYTES, decodeG1, decodeG2, encodeG1, encodeG2, g1, g2, gt, tryDecodeG1, tryDecodeG2 } from '../group/group.js';
import type { G1Point, G2Point, GT } from '../group/group.js';

/** pk and RK */
export type KeyPoint = G1Point;
/** R_P */
export type RPPoint = G2Point;

/** the group of pk and RK: base, mul, mulPoint, eq */
export const keyGroup = g1;
/** its name for a worker pool (group/parallel.ts) */
export const KEY_GROUP = 'g1' as const;
/** the group of R_P */
export const rpGroup = g2;

export const KEY_BYTES = G1_BYTES;
export const RP_BYTES = G2_BYTES;

export const encodeKey = (p: KeyPoint): Uint8Array => encodeG1(p);
export const encodeRP = (p: RPPoint): Uint8Array => encodeG2(p);
/** pk or RK from outside: on the curve, in the subgroup, not the identity; errors name `field` */
export const decodeKey = (b: Uint8Array, field: string): KeyPoint => decodeG1(b, field);
/** R_P from outside, checked as decodeKey */
export const decodeRP = (b: Uint8Array, field: string): RPPoint => decodeG2(b, field);
/** any valid point (the identity included) or undefined: what an observer reads off held bytes */
export const tryDecodeKey = (b: Uint8Array): KeyPoint | undefined => tryDecodeG1(b);
export const tryDecodeRP = (b: Uint8Array): RPPoint | undefined => tryDecodeG2(b);

/** e(key-group point, R_P-group point): the pairing with its arguments in the groups they live in */
export const pairKeyRP = (k: KeyPoint, rp: RPPoint): GT => gt.pair(k, rp);
