// The pairing e(P, Q) with Q's Miller-loop line coefficients computed once per G2 point and kept:
// the SRS pairs every R_P of a file with the same RK(u), and RK(u) changes only on approval.
// The Miller loop itself runs on fp12-flat.ts (noble's millerLoopBatch step for step: square,
// multiply by each line evaluated at P, conjugate since x < 0), the final exponentiation is
// noble's. Same checks and the same values as noble's pairing (bls.js pairingBatch).
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { conjFlat, FLAT_ONE, fromFlat, mulSparse023, sqrFlat, type Flat } from './fp12-flat.js';
import type { G1Point, G2Point, GT } from './types.js';

/** Per doubling/addition step, the line coefficients (o0, l1, l4) of noble, as plain bigints. */
type Lines = [bigint, bigint, bigint, bigint, bigint, bigint][][];
const P_MOD = bls12_381.fields.Fp.ORDER;

/** Most recently used G2 points' line coefficients (~35 KB each), bounded. */
const MAX_ENTRIES = 1024;
const cache = new Map<G2Point, Lines>();

function linesOf(q: G2Point): Lines {
  let lines = cache.get(q);
  if (lines) {
    cache.delete(q); // refresh its place in the LRU order
  } else {
    lines = bls12_381.utils
      .calcPairingPrecomputes(q)
      .map((step) => step.map(([o0, l1, l4]) => [o0.c0, o0.c1, l1.c0, l1.c1, l4.c0, l4.c1] as [bigint, bigint, bigint, bigint, bigint, bigint]));
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
  return bls12_381.fields.Fp12.finalExponentiate(fromFlat(millerLoop(linesOf(q), x, y)));
}

/** noble's millerLoopBatch for one pair: f = f^2 * prod lines(P) per step, then conj (x < 0). */
function millerLoop(lines: Lines, px: bigint, py: bigint): Flat {
  let f: Flat = FLAT_ONE;
  for (let i = 0; i < lines.length; i++) {
    if (i !== 0) f = sqrFlat(f);
    for (const [o0r, o0i, l1r, l1i, l4r, l4i] of lines[i]!) {
      // o1 = l1 * Px at w^2, o4 = l4 * Py at w^3 (noble's mul014ByLine slots 1 and 4)
      f = mulSparse023(f, o0r, o0i, (l1r * px) % P_MOD, (l1i * px) % P_MOD, (l4r * py) % P_MOD, (l4i * py) % P_MOD);
    }
  }
  return conjFlat(f);
}
