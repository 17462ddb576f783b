// The element types of BLS12-381 as the group layer hands them out, apart from group.ts so that the
// arithmetic files group.ts builds on can name them without importing it back.
import { bls12_381 } from '@noble/curves/bls12-381.js';

const { G1, G2, pairing } = bls12_381;

export type G1Point = ReturnType<typeof G1.Point.fromBytes>;
export type G2Point = ReturnType<typeof G2.Point.fromBytes>;
export type GT = ReturnType<typeof pairing>;
