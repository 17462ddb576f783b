// One worker of tools/pool.ts: G2 fixed-base multiplications and pairings on points the SRS already
// holds (validated on arrival there). Points come as affine coordinates in hex and are kept
// (bounded) so a repeated R_P or RK is rebuilt, validated and line-precomputed only once.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { parentPort } from 'node:worker_threads';
import { encodeGT, g2, gt, type G1Point, type G2Point } from '../group/group.js';

const { G1, G2, fields } = bls12_381;
const { Fp2 } = fields;

export type PoolRequest =
  | { id: number; kind: 'g2mul'; scalars: string[] }
  | { id: number; kind: 'pair'; jobs: { p: [string, string]; q: [string, string, string, string] }[] };
export type PoolReply = { id: number; g2?: [string, string, string, string][]; gt?: Uint8Array[]; error?: string };

const hex = (x: bigint): string => x.toString(16);
const big = (h: string): bigint => BigInt('0x' + h);

function bounded<K, V>(max: number): (k: K, make: () => V) => V {
  const m = new Map<K, V>();
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
const g1Points = bounded<string, G1Point>(4096);
const g2Points = bounded<string, G2Point>(1024);

function handle(req: PoolRequest): PoolReply {
  if (req.kind === 'g2mul') {
    return {
      id: req.id,
      g2: req.scalars.map((s) => {
        const { x, y } = g2.multiply(big(s)).toAffine();
        return [hex(x.c0), hex(x.c1), hex(y.c0), hex(y.c1)];
      }),
    };
  }
  return {
    id: req.id,
    gt: req.jobs.map(({ p, q }) => {
      const P = g1Points(p.join(','), () => G1.Point.fromAffine({ x: big(p[0]), y: big(p[1]) }));
      const Q = g2Points(q.join(','), () =>
        G2.Point.fromAffine({ x: Fp2.create({ c0: big(q[0]), c1: big(q[1]) }), y: Fp2.create({ c0: big(q[2]), c1: big(q[3]) }) }),
      );
      return encodeGT(gt.pair(P, Q));
    }),
  };
}

parentPort?.on('message', (req: PoolRequest) => {
  try {
    parentPort!.postMessage(handle(req));
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies PoolReply);
  }
});
