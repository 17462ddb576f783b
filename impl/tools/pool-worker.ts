// One worker of tools/pool.ts, on the backend its parent uses: g1^k or g2^k for key generation, pairings
// on points the SRS already holds (validated on arrival there), and a user's R_U validated and raised
// to 1/x_U. Points travel as their compressed
// bytes and are kept (bounded), so a repeated R_P or RK is decoded only once.
import { parentPort, workerData } from 'node:worker_threads';
import { isSesphrError } from '../errors.js';
import { decodeG1, decodeG2, decodeGT, encodeG1, encodeG2, encodeGT, g1, g2, gt, useBackend, type BackendName, type G1Point, type G2Point } from '../group/group.js';
import type { BaseGroup, PowGTResult } from '../group/parallel.js';

export type PoolRequest =
  | { id: number; kind: 'mul'; group: BaseGroup; scalars: bigint[] }
  | { id: number; kind: 'pair'; jobs: { p: Uint8Array; q: Uint8Array }[] }
  | { id: number; kind: 'powGT'; jobs: { a: Uint8Array; field: string; k: bigint }[] }
  | { id: number; kind: 'ping' };
export type PoolReply = { id: number; points?: Uint8Array[]; gt?: Uint8Array[]; powed?: PowGTResult[]; error?: string };
export type PoolWorkerData = { backend: BackendName };

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

function handle(req: PoolRequest): PoolReply {
  if (req.kind === 'ping') return { id: req.id };
  if (req.kind === 'mul') {
    const mul = req.group === 'g1' ? (k: bigint) => encodeG1(g1.mul(k)) : (k: bigint) => encodeG2(g2.mul(k));
    return { id: req.id, points: req.scalars.map(mul) };
  }
  if (req.kind === 'powGT') {
    // an element from outside: refused as decodeGT refuses it (the code and the field, never the value)
    const one = ({ a, field, k }: { a: Uint8Array; field: string; k: bigint }): PowGTResult => {
      try {
        return { ok: true, value: encodeGT(gt.pow(decodeGT(a, field), k)) };
      } catch (e) {
        if (!isSesphrError(e)) throw e;
        return { ok: false, code: e.code, message: e.message, field };
      }
    };
    return { id: req.id, powed: req.jobs.map(one) };
  }
  return {
    id: req.id,
    gt: req.jobs.map(({ p, q }) => {
      const P = g1Points(hex(p), () => decodeG1(p, 'P'));
      const Q = g2Points(hex(q), () => decodeG2(q, 'Q'));
      return encodeGT(gt.pair(P, Q));
    }),
  };
}

await useBackend((workerData as PoolWorkerData).backend);
parentPort?.on('message', (req: PoolRequest) => {
  try {
    parentPort!.postMessage(handle(req));
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies PoolReply);
  }
});
