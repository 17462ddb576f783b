// The floor of each operation: the primitives it cannot avoid, timed alone in the same run.
// Encryption of n partitions: n exponentiations Z^r, n G2 multiplications g2^(r x_P) (R_P), AES-GCM
// of the bytes. Decryption: n pairings e(RK, R_P) at the SRS, and at the user n validations of R_U
// as a GT element (a user must test an element from outside for membership before raising it to a
// secret power: impl/README.md "Validation") and n exponentiations R_U^(1/x_U), AES-GCM of the
// bytes. Key generation: one G1 multiplication g1^x per user.
// Each primitive is called on the backend of the run (primitives.ts), so ours/floor measures only
// the code around the primitives.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { decodeGT, encodeGT, type RandomSource } from '../impl/index.js';
import { prim } from './primitives.js';
import { timeOnce } from './timing.js';

/** AES-256-GCM of `parts` one-shot (seal), returning the sealed parts for the open floor. */
function gcmSeal(parts: Uint8Array[], key: Uint8Array, nonce: Uint8Array): { ct: Buffer; tag: Buffer }[] {
  return parts.map((p) => {
    const c = createCipheriv('aes-256-gcm', key, nonce);
    const ct = c.update(p);
    c.final();
    return { ct, tag: c.getAuthTag() };
  });
}

function gcmOpen(sealed: { ct: Buffer; tag: Buffer }[], key: Uint8Array, nonce: Uint8Array): void {
  for (const s of sealed) {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAuthTag(s.tag);
    d.update(s.ct);
    d.final();
  }
}

export function encryptFloor(parts: Uint8Array[], rng: RandomSource): number {
  const rs = parts.map(() => rng.scalar());
  const xP = rng.scalar();
  const key = rng.bytes(32);
  const nonce = rng.bytes(12);
  return timeOnce(() => {
    for (const r of rs) {
      prim.zPow(r);
      prim.rpMul(r * xP);
    }
    gcmSeal(parts, key, nonce);
  });
}

/** The operands of the decryption floor, made once per record as the SRS's are: R_P points held
 *  and already paired twice, so that the floor's pairings use the kept Miller-loop lines of a
 *  stored R_P exactly as the SRS's do (impl/group/mcl.ts). */
export interface DecryptOperands {
  rps: ReturnType<typeof prim.rpMul>[];
  rk: ReturnType<typeof prim.keyMul>;
  xU: bigint;
  key: Uint8Array;
  nonce: Uint8Array;
  sealed: { ct: Buffer; tag: Buffer }[];
}

export function decryptOperands(parts: Uint8Array[], rng: RandomSource): DecryptOperands {
  const rps = parts.map(() => prim.rpMul(rng.scalar()));
  const rk = prim.keyMul(rng.scalar());
  for (const rp of rps) (prim.pair(rk, rp), prim.pair(rk, rp));
  const key = rng.bytes(32);
  const nonce = rng.bytes(12);
  return { rps, rk, xU: rng.scalar(), key, nonce, sealed: gcmSeal(parts, key, nonce) };
}

export function decryptFloor({ rps, rk, xU, key, nonce, sealed }: DecryptOperands): number {
  return timeOnce(() => {
    const rus = rps.map((rp) => encodeGT(prim.pair(rk, rp)));
    for (const ru of rus) prim.gtPow(decodeGT(ru, 'RU'), xU);
    gcmOpen(sealed, key, nonce);
  });
}

export function keygenFloor(users: number, rng: RandomSource): number {
  const xs = Array.from({ length: users }, () => rng.scalar());
  return timeOnce(() => {
    for (const x of xs) prim.keyMul(x);
  });
}
