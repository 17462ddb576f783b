// One worker of bench/bare-split.ts: waits on a doorbell as the pool's workers do (a spin of
// `spinMs`, then asleep), and on each ring turns its range of the scalars in shared memory into
// public keys, the floor's primitives (g1^x and its encoding) and nothing else around them.
import { workerData } from 'node:worker_threads';
import { SCALAR_BYTES, scalarAt, useBackend } from '../impl/group/group.js';
import { encodeKey } from '../impl/scheme/placement.js';
import { prim } from './primitives.js';
import { BARE_DONE, BARE_N, bareLayout, bareRange, type BareWorkerData } from './bare-split-layout.js';
import { serveRings } from './bare-threads.js';

const { backend, shared, bell: bellBuffer, maxItems, threads, index, spinMs } = workerData as BareWorkerData;
await useBackend(backend);
const { control, input, out, slot } = bareLayout(shared, maxItems);
const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
// the fixed-base tables are built on the first multiplication: before the first run, not in it
encodeKey(prim.keyMul(1n));
serveRings(bellBuffer, spinMs, control, BARE_DONE, () => {
  const n = Atomics.load(control, BARE_N);
  if (n < 0) return false;
  const [from, to] = bareRange(n, threads, index);
  for (let i = from; i < to; i++) out.set(encodeKey(prim.keyMul(scalarAt(view, i * SCALAR_BYTES))), i * slot);
  return true;
});
