// The memory bench/bare-decrypt.ts shares with its workers, and the work of a round on a range of
// partitions: one definition for both sides of the split of Fig. 5's decryption between bare threads.
import { GT_BYTES, SCALAR_BYTES, decodeGT, encodeGT, type BackendName } from '../impl/group/group.js';
import { KEY_BYTES, RP_BYTES, type KeyPoint, type RPPoint } from '../impl/scheme/placement.js';
import { prim } from './primitives.js';

/** Words of the control array: the round the bell rings for (one of the ROUND_ values), the
 *  number of partitions the operands hold, and how many workers have finished the round. */
export const BARE_ROUND = 0;
export const BARE_PARTS = 1;
export const BARE_DONE = 2;
const CONTROL_WORDS = 3;

/** Rounds: decode the operands written in shared memory (once a record, untimed); the SRS's
 *  pairings R_U = e(RK, R_P), rule 31; the user's validation of R_U and R_U^(1/x_U), rule 33; close. */
export const ROUND_LOAD = 1;
export const ROUND_PAIR = 2;
export const ROUND_POW = 3;
export const ROUND_CLOSE = -1;

export interface BareDecryptWorkerData {
  backend: BackendName;
  shared: SharedArrayBuffer;
  /** the doorbell a round is signalled on */
  bell: SharedArrayBuffer;
  /** the most partitions a record can have: the buffer's size */
  maxParts: number;
  /** the calling thread and the workers */
  threads: number;
  /** this worker's range: 1 .. threads - 1 (the calling thread has range 0) */
  index: number;
  spinMs: number;
}

/** The operands a thread holds decoded for its rounds (the floor's: floor.ts `DecryptOperands`). */
export interface BareOperands {
  readonly rk: KeyPoint;
  readonly rps: readonly RPPoint[];
  readonly xU: bigint;
}

/** Round ROUND_PAIR or ROUND_POW on partitions [from, to), with the floor's primitives and nothing
 *  around them: R_U = e(RK, R_P) and its bytes, or R_U validated from its bytes, raised to x_U,
 *  and the bytes of that; each written into the partition's GT slot. */
export function decryptRange(round: number, from: number, to: number, { rk, rps, xU }: BareOperands, slots: Uint8Array): void {
  if (round !== ROUND_PAIR && round !== ROUND_POW) throw new RangeError(`bare decryption: no round ${round} on a range of partitions`);
  for (let i = from; i < to; i++) {
    const at = i * GT_BYTES;
    const z = round === ROUND_PAIR ? prim.pair(rk, rps[i]!) : prim.gtPow(decodeGT(slots.slice(at, at + GT_BYTES), 'R_U'), xU);
    slots.set(encodeGT(z), at);
  }
}

/** Bytes of the shared buffer for records of up to `maxParts` partitions. */
export const bareDecryptBytes = (maxParts: number): number => CONTROL_WORDS * 4 + KEY_BYTES + SCALAR_BYTES + maxParts * (RP_BYTES + GT_BYTES);

/** The views of the shared buffer: control words, RK, x_U's inverse exponent (32 bytes
 *  big-endian), each partition's R_P, and each partition's GT slot (its R_U after the pairing
 *  round, the bytes of R_U^(1/x_U) after the power round). */
export function bareDecryptLayout(
  shared: SharedArrayBuffer,
  maxParts: number,
): { control: Int32Array; rk: Uint8Array; exponent: Uint8Array; rps: Uint8Array; slots: Uint8Array } {
  let at = CONTROL_WORDS * 4;
  const take = (n: number): Uint8Array => {
    const view = new Uint8Array(shared, at, n);
    at += n;
    return view;
  };
  const control = new Int32Array(shared, 0, CONTROL_WORDS);
  return { control, rk: take(KEY_BYTES), exponent: take(SCALAR_BYTES), rps: take(maxParts * RP_BYTES), slots: take(maxParts * GT_BYTES) };
}
