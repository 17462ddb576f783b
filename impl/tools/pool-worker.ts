// One worker of tools/pool.ts, on the backend its parent uses: g1^k or g2^k for key generation, pairings
// on points the SRS already holds (validated on arrival there), and a user's R_U validated and raised
// to 1/x_U. Each batch is shared with the calling thread (tools/shared-batch.ts): the worker claims
// items until none are left and writes each result in its slot. Points travel as their compressed
// bytes and are kept (bounded), so a repeated R_P or RK is decoded only once.
// Requests come on the worker's own port, each with a ring of its doorbell; between them the worker
// spins for the pool's `spinMs`, then sleeps on the bell (tools/doorbell.ts). It never returns to
// its event loop, so a request is taken the moment the bell rings.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { SCALAR_BYTES, decodeG1, decodeG2, decodeScalar, useBackend, type BackendName, type G1Point, type G2Point } from '../group/group.js';
import type { BaseGroup } from '../group/parallel.js';
import { mulBaseItem, pairItem, powGTItem } from './pool-items.js';
import { Doorbell } from './doorbell.js';
import { SharedBatch, workOn, type BatchBuffers } from './shared-batch.js';

export type PoolRequest =
  | { kind: 'mul'; batch: BatchBuffers; group: BaseGroup }
  | { kind: 'pair'; batch: BatchBuffers; jobs: { p: Uint8Array; q: Uint8Array }[] }
  | { kind: 'powGT'; batch: BatchBuffers; jobs: { a: Uint8Array; k: bigint }[] }
  /** the hand-off alone: the worker writes when it had the message (performance.timeOrigin + now, in
   *  ms) in its slot of `arrivals`, then counts itself in `count` */
  | { kind: 'ping'; arrivals: SharedArrayBuffer; count: SharedArrayBuffer; slot: number }
  /** the pool closes: the worker leaves its loop and ends */
  | { kind: 'close' };
export type PoolWorkerData = { backend: BackendName; port: MessagePort; bell: SharedArrayBuffer; spinMs: number };

function bounded<V>(max: number): (k: string, make: () => V) => V {
  const m = new Map<string, V>();
  return (k, make) => {
    let v = m.get(k);
    if (v === undefined) {
      v = make();
      if (m.size >= max) m.delete(m.keys().next().value!);
      m.set(k, v);
    }
    return v;
  };
}
const g1Points = bounded<G1Point>(4096);
const g2Points = bounded<G2Point>(1024);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Item i of the request, as bytes for its slot; undefined (or a throw) leaves it to the caller. */
function itemOf(req: Extract<PoolRequest, { batch: BatchBuffers }>, batch: SharedBatch): (i: number) => Uint8Array | undefined {
  if (req.kind === 'mul') {
    const scalars = batch.input;
    const mul = mulBaseItem(req.group);
    // a scalar outside [1, q-1] fails here and is done by the calling thread, as it would be alone
    return (i) => mul(decodeScalar(scalars.subarray(i * SCALAR_BYTES, (i + 1) * SCALAR_BYTES), 'k'));
  }
  if (req.kind === 'pair') {
    return (i) => {
      const { p, q } = req.jobs[i]!;
      return pairItem(g1Points(hex(p), () => decodeG1(p, 'P')), g2Points(hex(q), () => decodeG2(q, 'Q')));
    };
  }
  // an element the calling thread refuses is refused there, with its field: here it only fails
  return (i) => {
    const { a, k } = req.jobs[i]!;
    return powGTItem(a, 'R_U', k);
  };
}

function ping(req: Extract<PoolRequest, { kind: 'ping' }>): void {
  new Float64Array(req.arrivals)[req.slot] = performance.timeOrigin + performance.now();
  const count = new Int32Array(req.count);
  Atomics.add(count, 0, 1);
  Atomics.notify(count, 0);
}

const { backend, port, bell: bellBuffer, spinMs } = workerData as PoolWorkerData;
await useBackend(backend);
const bell = new Doorbell(bellBuffer);
for (;;) {
  // read before looking, so a request posted after the look rings a bell already read (doorbell.ts)
  const seen = bell.rung;
  const received = receiveMessageOnPort(port);
  if (!received) {
    bell.waitAfter(seen, spinMs);
    continue;
  }
  const req = received.message as PoolRequest;
  if (req.kind === 'close') break;
  if (req.kind === 'ping') ping(req);
  else {
    const batch = new SharedBatch(req.batch);
    workOn(batch, itemOf(req, batch));
  }
}
port.close();
