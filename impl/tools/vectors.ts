// Self-describing test vectors: from fixed scalars and nonces, every intermediate value of the
// scheme in hex, so an independent implementation can check itself against ours. Used only by
// scripts/gen-vectors.ts and the tests; encodings are described in impl/README.md.
import type { Variant } from '../parties/access.js';
import { partitionKey, sealPartition } from '../scheme/aead.js';
import { HKDF_SALT, encodeAAD, encodeInfo, type Binding } from '../scheme/binding.js';
import { Z, encodeGT, encodeScalar } from '../group/group.js';
import { encodeKey, encodeRP } from '../scheme/placement.js';
import { computeRP, computeRU, maskFor, publicKeyOf, recoverMask, rekeyFromPublic, rekeyFromSecrets } from '../scheme/scheme.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export interface VectorInput {
  variant: Variant;
  owner: string;
  user: string;
  file: string;
  xP: bigint;
  xU: bigint;
  partitions: { label: string; version: number; r: bigint; nonce: Uint8Array; plaintext: Uint8Array }[];
}

export const ENCODINGS = {
  scalar: '32-byte big-endian integer in [1, q-1]',
  G1: '48-byte compressed point (ZCash BLS12-381 serialisation: flag bits in the top 3 bits of byte 0)',
  G2: '96-byte compressed point (ZCash BLS12-381 serialisation, x = x.c1 || x.c0)',
  GT: '576 bytes: the 12 Fp coefficients of Fp12 = Fp6 + Fp6*w, Fp6 = Fp2 + Fp2*v + Fp2*v^2, Fp2 = Fp + Fp*u, in the order c0.c0.c0, c0.c0.c1, c0.c1.c0, ..., c1.c2.c1, each 48-byte big-endian',
  placement: 'pk and RK in G1 (48 bytes), R_P in G2 (96 bytes); R_U = e(RK, R_P)',
  aad: 'u8 format(=2) || u32be version || u16be len || owner UTF-8 || u16be len || file UTF-8 || u16be len || label UTF-8',
  hkdf: 'HKDF-SHA256(ikm = GT bytes of Z^r, salt, info = "SeSPHR/v1 partition key" || aad), 32-byte output = AES-256 key',
  sealed: 'aad || nonce (12) || AES-256-GCM ciphertext || tag (16); AES-GCM associated data = aad',
} as const;

export function buildVector(v: VectorInput) {
  const pkP = publicKeyOf(v.xP);
  const pkU = publicKeyOf(v.xU);
  // Eq. 14: both derivations give g1^(x_U / x_P); the vector records the one the variant uses.
  const rk = v.variant === 'srs-keys' ? rekeyFromSecrets(v.xP, v.xU) : rekeyFromPublic(pkU, v.xP);
  return {
    description: `SeSPHR (Ali et al., IEEE TCC) on BLS12-381, format 2, variant ${v.variant}: one owner, one user, one file`,
    variant: v.variant,
    encodings: ENCODINGS,
    rk_derivation: v.variant === 'srs-keys' ? 'RK = g1^(x_U * x_P^-1 mod q), by the SRS from both secrets (Eq. 14)' : 'RK = pk_U^(x_P^-1 mod q), by the owner from the user public key (Eq. 14 without x_U)',
    owner: v.owner,
    user: v.user,
    file: v.file,
    x_P: hex(encodeScalar(v.xP)),
    x_U: hex(encodeScalar(v.xU)),
    pk_P: hex(encodeKey(pkP)),
    pk_U: hex(encodeKey(pkU)),
    RK: hex(encodeKey(rk)),
    Z: hex(encodeGT(Z())),
    partitions: v.partitions.map((p) => {
      const b: Binding = { owner: v.owner, file: v.file, label: p.label, version: p.version };
      const mask = maskFor(p.r); // Eq. 6-9 key material
      const rp = computeRP(p.r, v.xP); // Eq. 10-13
      const ru = computeRU(rp, rk); // Eq. 15-18
      const recovered = recoverMask(ru, v.xU); // Eq. 19-20
      if (hex(encodeGT(recovered)) !== hex(encodeGT(mask))) throw new Error('vector: R_U^(1/x_U) != Z^r');
      return {
        label: p.label,
        version: p.version,
        r: hex(encodeScalar(p.r)),
        R_P: hex(encodeRP(rp)),
        R_U: hex(encodeGT(ru)),
        Z_r: hex(encodeGT(mask)),
        hkdf_salt: hex(HKDF_SALT),
        hkdf_info: hex(encodeInfo(b)),
        key: hex(partitionKey(mask, b)),
        nonce: hex(p.nonce),
        aad: hex(encodeAAD(b)),
        plaintext: hex(p.plaintext),
        sealed: hex(sealPartition(mask, b, p.plaintext, p.nonce)),
      };
    }),
  };
}

export type Vector = ReturnType<typeof buildVector>;
