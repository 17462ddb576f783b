// One worker of bench/bare-decrypt.ts: waits on a doorbell as the pool's workers do (a spin of
// `spinMs`, then asleep), and on each ring does its range of the record's partitions for the round
// the control word names, with the floor's primitives and nothing else around them: the pairing
// and the bytes of R_U, or the validation of R_U and its power and the bytes of that.
import { workerData } from 'node:worker_threads';
import { scalarAt, useBackend } from '../impl/group/group.js';
import { RP_BYTES, decodeKey, decodeRP } from '../impl/scheme/placement.js';
import { bareRange } from './bare-split-layout.js';
import { BARE_DONE, BARE_PARTS, BARE_ROUND, ROUND_CLOSE, ROUND_LOAD, bareDecryptLayout, decryptRange, type BareDecryptWorkerData, type BareOperands } from './bare-decrypt-layout.js';
import { serveRings } from './bare-threads.js';
import { prim } from './primitives.js';

const { backend, shared, bell: bellBuffer, maxParts, threads, index, spinMs } = workerData as BareDecryptWorkerData;
await useBackend(backend);
const { control, rk: rkBytes, exponent, rps: rpBytes, slots } = bareDecryptLayout(shared, maxParts);
// the operands of the record loaded last, decoded once (the floor holds them decoded as well)
let operands: BareOperands | undefined;
serveRings(bellBuffer, spinMs, control, BARE_DONE, () => {
  const round = Atomics.load(control, BARE_ROUND);
  if (round === ROUND_CLOSE) return false;
  const parts = Atomics.load(control, BARE_PARTS);
  const [from, to] = bareRange(parts, threads, index);
  if (round === ROUND_LOAD) {
    const rk = decodeKey(rkBytes.slice(), 'RK');
    const rps = Array.from({ length: parts }, (_, i) => decodeRP(rpBytes.slice(i * RP_BYTES, (i + 1) * RP_BYTES), 'R_P'));
    const xU = scalarAt(new DataView(exponent.buffer, exponent.byteOffset, exponent.byteLength), 0);
    operands = { rk, rps, xU };
    // paired twice, as the floor's operands are (floor.ts decryptOperands), and raised once: the
    // tables and caches a backend keeps are built here, not in a timed round
    for (let i = from; i < to; i++) (prim.pair(rk, rps[i]!), prim.gtPow(prim.pair(rk, rps[i]!), xU));
  } else decryptRange(round, from, to, operands!, slots);
  return true;
});
