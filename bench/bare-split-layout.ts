// The memory bench/bare-split.ts shares with its workers, and each thread's range of a run's keys:
// one definition for both sides of the split.
import { SCALAR_BYTES, type BackendName } from '../impl/group/group.js';
import { KEY_BYTES } from '../impl/scheme/placement.js';

/** Words of the control array: the run's number of keys (-1: close), and how many workers have
 *  finished it. A run is signalled on a doorbell of its own (impl/tools/doorbell.ts). */
export const BARE_N = 0;
export const BARE_DONE = 1;
const CONTROL_WORDS = 2;

export interface BareWorkerData {
  backend: BackendName;
  shared: SharedArrayBuffer;
  /** the doorbell a run is signalled on */
  bell: SharedArrayBuffer;
  /** the most keys a run can have: the buffer's size */
  maxItems: number;
  /** the calling thread and the workers */
  threads: number;
  /** this worker's range: 1 .. threads - 1 (the calling thread has range 0) */
  index: number;
  spinMs: number;
}

/** Bytes of the shared buffer for runs of up to `maxItems` keys. */
export const bareBytes = (maxItems: number): number => CONTROL_WORDS * 4 + maxItems * (SCALAR_BYTES + KEY_BYTES);

/** The views of the shared buffer: control words, each key's scalar (32 bytes big-endian), each key's encoding. */
export function bareLayout(shared: SharedArrayBuffer, maxItems: number): { control: Int32Array; input: Uint8Array; out: Uint8Array; slot: number } {
  const inputAt = CONTROL_WORDS * 4;
  return {
    control: new Int32Array(shared, 0, CONTROL_WORDS),
    input: new Uint8Array(shared, inputAt, maxItems * SCALAR_BYTES),
    out: new Uint8Array(shared, inputAt + maxItems * SCALAR_BYTES, maxItems * KEY_BYTES),
    slot: KEY_BYTES,
  };
}

/** Range `index` of n keys split into `threads` nearly equal ranges, in order: [from, to). Where
 *  they cannot be equal the first ranges are the longer, so the calling thread, which starts first,
 *  takes the extra key. */
export function bareRange(n: number, threads: number, index: number): [number, number] {
  const end = (k: number) => n - Math.floor(((threads - k) * n) / threads);
  return [end(index), end(index + 1)];
}
