// The pairing e(P, Q) with Q's Miller-loop line coefficients computed once per G2 point and kept:
// the SRS pairs every R_P of a file with the same RK(u), and RK(u) changes only on approval.
// Same checks and the same arithmetic as noble's pairing (bls.js pairingBatch): identical output.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { G1Point, G2Point, GT } from './group.js';

type Lines = ReturnType<typeof bls12_381.utils.calcPairingPrecomputes>;

/** Most recently used G2 points' line coefficients (~35 KB each), bounded. */
const MAX_ENTRIES = 1024;
const cache = new Map<G2Point, Lines>();

function linesOf(q: G2Point): Lines {
  let lines = cache.get(q);
  if (lines) {
    cache.delete(q); // refresh its place in the LRU order
  } else {
    lines = bls12_381.utils.calcPairingPrecomputes(q);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  cache.set(q, lines);
  return lines;
}

/** e(p, q) with the line coefficients of q cached; equals bls12_381.pairing(p, q). */
export function pairCached(p: G1Point, q: G2Point): GT {
  if (p.is0() || q.is0()) throw new Error('pairing is not available for ZERO point');
  p.assertValidity();
  q.assertValidity();
  const { x, y } = p.toAffine();
  return bls12_381.fields.Fp12.finalExponentiate(bls12_381.millerLoopBatch([[linesOf(q), x, y]]));
}
