// The floor of each operation: every primitive the rule needs, each called alone on the backend of
// the run (primitives.ts), with nothing around it, so ours/floor measures only the code around the
// primitives. A floor is two sums, timed in the same call:
// - `core`: the group operations and AES-GCM. Encryption of n partitions: n exponentiations Z^r, n G2
//   multiplications g2^(r x_P) (R_P), AES-GCM of the bytes. Decryption: n pairings e(RK, R_P) and
//   the bytes of each R_U at the SRS; at the user n validations of R_U as a GT element (a user must
//   test an element from outside for membership before raising it to a secret power:
//   impl/README.md "Validation"), n exponentiations R_U^(1/x_U), AES-GCM of the bytes. Key
//   generation: one G1 multiplication g1^x per user.
// - `rest`: what the same rules also need and the core leaves out: the draws from the random source
//   (x; r and the nonce), the encodings (pk; the bytes of Z^r and of R_P; the bytes of the user's
//   Z^r), and the key derivation HKDF-SHA256 of each partition's key (aead.ts).
// The floor is core + rest; `core` alone is reported beside it (BenchPoint.floorCore), so the
// share of the gap that is these steps and the share that is our own code both show.
// Every output a rule keeps (pk, C, R_P and the keys) is kept until the timing ends, as ours keeps
// it: a floor that dropped its outputs would get back the pages ours has to fill.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { HKDF_SALT, TAG_BYTES, decodeGT, encodeAAD, encodeGT, encodeInfo, encodeKey, encodeRP, hkdfSha256, type Binding, type RandomSource } from '../impl/index.js';
import { gcm, uninitialised } from '../impl/scheme/gcm.js';
import { prim } from './primitives.js';
import { median, timeOnce } from './timing.js';

export interface Sealed { ct: Uint8Array; tag: Uint8Array }

/**
 * AES-256-GCM of each part with its AAD, by the run's AES-GCM (impl/scheme/gcm.ts) in its cheapest
 * form, without C's header: OpenSSL's EVP writes ciphertext and tag into one buffer of exactly their
 * size; node's cipher, which writes only into buffers of its own, in one update and no copy.
 */
function gcmSeal(parts: Uint8Array[], aads: Uint8Array[], key: Uint8Array, nonce: Uint8Array): Sealed[] {
  const aes = gcm();
  return parts.map((p, i): Sealed => {
    if (aes.name === 'node-cipher') {
      const c = createCipheriv('aes-256-gcm', key, nonce);
      c.setAAD(aads[i]!);
      const ct = c.update(p);
      c.final();
      return { ct, tag: c.getAuthTag() };
    }
    const out = uninitialised(p.length + TAG_BYTES);
    aes.sealInto(key, nonce, aads[i]!, p, out, 0);
    return { ct: out.subarray(0, p.length), tag: out.subarray(p.length) };
  });
}

/** Opens what gcmSeal sealed, in the same form; the plaintexts are dropped, as the bench drops what decrypt returns. */
export function gcmOpen(sealed: Sealed[], aads: Uint8Array[], key: Uint8Array, nonce: Uint8Array): void {
  const aes = gcm();
  sealed.forEach((s, i) => {
    if (aes.name === 'node-cipher') {
      const d = createDecipheriv('aes-256-gcm', key, nonce);
      d.setAAD(aads[i]!);
      d.setAuthTag(s.tag);
      d.update(s.ct);
      d.final();
    } else if (!aes.open(key, nonce, aads[i]!, s.ct, s.tag)) throw new Error('the decryption floor: its own seal did not authenticate');
  });
}

/** A floor: every primitive of the operation (`total`), and its group operations and AES-GCM alone (`core`), in seconds. */
export interface FloorTime {
  total: number;
  core: number;
}

/** The medians of floors, as one floor. */
export const medianFloor = (fs: readonly FloorTime[]): FloorTime => ({ total: median(fs.map((f) => f.total)), core: median(fs.map((f) => f.core)) });

/**
 * A point's floors: the medians of the floors timed beside its runs. With the runs' own times (run i
 * timed right after floor i), also each run against its own floor, the median of those ratios
 * (`pairedToFloor`): a slow spell of the host that falls on some runs and their floors alike then
 * moves neither, where the ratio of the two medians takes the slow runs' side if they are more of
 * one series than of the other.
 */
export function floorsOf(floors: readonly FloorTime[], runs?: readonly number[]): { floor: number; floorCore: number; pairedToFloor?: { total: number; core: number } } {
  const m = medianFloor(floors);
  const out = { floor: m.total, floorCore: m.core };
  if (runs === undefined) return out;
  if (runs.length !== floors.length) throw new Error(`bench: ${runs.length} runs against ${floors.length} floors`);
  return { ...out, pairedToFloor: { total: median(runs.map((t, i) => t / floors[i]!.total)), core: median(runs.map((t, i) => t / floors[i]!.core)) } };
}

/** The binding of partition i of the floors' record. */
const partBinding = (i: number): Binding => ({ owner: 'patient', file: 'f', label: `p${i}`, version: 1 });

/** The HKDF info of each partition of a record, as the patient's bindings give it (made untimed:
 *  its bytes are our format, not a primitive). */
export function partInfos(parts: Uint8Array[]): Uint8Array[] {
  return parts.map((_, i) => encodeInfo(partBinding(i)));
}

/** The AES-GCM associated data of each partition (made untimed, as its info). */
function partAADs(parts: Uint8Array[]): Uint8Array[] {
  return parts.map((_, i) => encodeAAD(partBinding(i)));
}

export function encryptFloor(parts: Uint8Array[], infos: Uint8Array[], rng: RandomSource): FloorTime {
  const xP = rng.scalar();
  const key = rng.bytes(32);
  const nonce = rng.bytes(12);
  const n = parts.length;
  const rs: bigint[] = new Array(n);
  const nonces: Uint8Array[] = new Array(n);
  const draws = timeOnce(() => {
    for (let i = 0; i < n; i++) {
      rs[i] = rng.scalar();
      nonces[i] = rng.bytes(12);
    }
  });
  const masks: ReturnType<typeof prim.zPow>[] = new Array(n);
  const rps: ReturnType<typeof prim.rpMul>[] = new Array(n);
  const aads = partAADs(parts);
  const sealed: Sealed[] = [];
  const core = timeOnce(() => {
    for (let i = 0; i < n; i++) {
      masks[i] = prim.zPow(rs[i]!);
      rps[i] = prim.rpMul(rs[i]! * xP);
    }
    sealed.push(...gcmSeal(parts, aads, key, nonce));
  });
  const keys: Uint8Array[] = new Array(n);
  const rpBytes: Uint8Array[] = new Array(n);
  const bytes = timeOnce(() => {
    for (let i = 0; i < n; i++) {
      keys[i] = hkdfSha256(encodeGT(masks[i]!), HKDF_SALT, infos[i]!);
      rpBytes[i] = encodeRP(rps[i]!);
    }
  });
  return { core, total: draws + core + bytes };
}

/** The operands of the decryption floor, made once per record as the SRS's are: R_P points held
 *  and already paired twice, so that on a backend that keeps a point's Miller-loop lines (mcl,
 *  impl/group/mcl.ts) the floor's pairings use them exactly as the SRS's do; blst keeps none, and
 *  both pair afresh. */
export interface DecryptOperands {
  rps: ReturnType<typeof prim.rpMul>[];
  rk: ReturnType<typeof prim.keyMul>;
  xU: bigint;
  key: Uint8Array;
  nonce: Uint8Array;
  aads: Uint8Array[];
  sealed: Sealed[];
}

export function decryptOperands(parts: Uint8Array[], rng: RandomSource): DecryptOperands {
  const rps = parts.map(() => prim.rpMul(rng.scalar()));
  const rk = prim.keyMul(rng.scalar());
  for (const rp of rps) (prim.pair(rk, rp), prim.pair(rk, rp));
  const key = rng.bytes(32);
  const nonce = rng.bytes(12);
  const aads = partAADs(parts);
  return { rps, rk, xU: rng.scalar(), key, nonce, aads, sealed: gcmSeal(parts, aads, key, nonce) };
}

export function decryptFloor({ rps, rk, xU, key, nonce, aads, sealed }: DecryptOperands, infos: Uint8Array[]): FloorTime {
  let masks: ReturnType<typeof prim.gtPow>[] = [];
  const core = timeOnce(() => {
    const rus = rps.map((rp) => encodeGT(prim.pair(rk, rp)));
    masks = rus.map((ru) => prim.gtPow(decodeGT(ru, 'RU'), xU));
    gcmOpen(sealed, aads, key, nonce);
  });
  const keys: Uint8Array[] = new Array(masks.length);
  const derive = timeOnce(() => {
    for (let i = 0; i < masks.length; i++) keys[i] = hkdfSha256(encodeGT(masks[i]!), HKDF_SALT, infos[i]!);
  });
  return { core, total: core + derive };
}

export function keygenFloor(users: number, rng: RandomSource): FloorTime {
  const xs: bigint[] = new Array(users);
  const draws = timeOnce(() => {
    for (let i = 0; i < users; i++) xs[i] = rng.scalar();
  });
  const points: ReturnType<typeof prim.keyMul>[] = new Array(users);
  const core = timeOnce(() => {
    for (let i = 0; i < users; i++) points[i] = prim.keyMul(xs[i]!);
  });
  const pks: Uint8Array[] = new Array(users);
  const encode = timeOnce(() => {
    for (let i = 0; i < users; i++) pks[i] = encodeKey(points[i]!);
  });
  return { core, total: draws + core + encode };
}
