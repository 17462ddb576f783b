// The algebra of Sections 3.3-3.5, adapted to the asymmetric pairing (design.md): pure functions
// over scalars and group elements, each beside the paper's equation numbers. No I/O, no state.
import { checkScalar, gt, scalar, zPow, type GT } from '../group/group.js';
import { keyGroup, pairKeyRP, rpGroup, type KeyPoint, type RPPoint } from './placement.js';
import type { RandomSource } from './random.js';

export interface KeyPair {
  /** x in Z_q^* (Sec. 3.3 key generation). */
  sk: bigint;
  /** pk = g1^x in G1 (placement.ts): lets the owner compute RK = pk_U^(1/x_P) without x_U (owner-keys). */
  pk: KeyPoint;
}

/** Key generation (Sec. 3.3; rule 23 Gen_Key): x <- Z_q^*, pk = g1^x. */
export function keyGen(rng: RandomSource): KeyPair {
  const sk = rng.scalar();
  checkScalar(sk, 'sk');
  return { sk, pk: publicKeyOf(sk) };
}

/** pk = g1^x for a secret key x in [1, q-1]. */
export function publicKeyOf(sk: bigint): KeyPoint {
  checkScalar(sk, 'sk');
  return keyGroup.mul(sk);
}

/** Eq. 6-9 (adapted): the per-partition mask Z^r. The paper multiplies it into the data; we
 *  derive an AEAD key from it instead (aead.ts), so this is the key material, never shipped. */
export function maskFor(r: bigint): GT {
  checkScalar(r, 'r');
  return zPow(r);
}

/** Eq. 10-13: R_P = g^(r x_P), here in G2: R_P = g2^(r x_P). */
export function computeRP(r: bigint, xP: bigint): RPPoint {
  checkScalar(r, 'r');
  checkScalar(xP, 'sk(owner)');
  return rpGroup.mul(scalar.mul(r, xP));
}

/** Eq. 14 as printed (srs-keys): the SRS holds both secrets, RK = g1^(x_U / x_P). */
export function rekeyFromSecrets(xP: bigint, xU: bigint): KeyPoint {
  checkScalar(xP, 'sk(owner)');
  checkScalar(xU, 'sk(user)');
  return keyGroup.mul(scalar.mul(xU, scalar.inv(xP)));
}

/** Eq. 14 without the user's secret (owner-keys): RK = pk_U^(1/x_P) = g1^(x_U / x_P). */
export function rekeyFromPublic(pkU: KeyPoint, xP: bigint): KeyPoint {
  checkScalar(xP, 'sk(owner)');
  return keyGroup.mulPoint(pkU, scalar.inv(xP));
}

/** Eq. 15-18: R_U = e(RK, R_P) = e(g1, g2)^(x_U / x_P * r x_P) = Z^(r x_U). */
export function computeRU(rp: RPPoint, rk: KeyPoint): GT {
  return pairKeyRP(rk, rp);
}

/** Eq. 19-20: the user recovers the mask, (R_U)^(1/x_U) = Z^r. Eq. 21-22 then open the data. */
export function recoverMask(ru: GT, xU: bigint): GT {
  return gt.pow(ru, maskExponent(xU));
}

/** 1/x_U, the exponent of Eq. 19-20 (for a worker that raises R_U to it: group/parallel.ts). */
export function maskExponent(xU: bigint): bigint {
  checkScalar(xU, 'sk(user)');
  return scalar.inv(xU);
}
