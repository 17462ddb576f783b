// Worker threads for the costs that parallelise across cores: the G2 multiplications of key
// generation and the pairings of R_U at the SRS. Work is split into one contiguous slice per
// worker; results come back in order, so a batch gives exactly what the sequential calls give.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { G1Point, G2Point } from '../group/group.js';
import type { GroupPool } from '../group/parallel.js';
import { markMade } from '../group/point-encoding.js';
import type { PoolReply, PoolRequest } from './pool-worker.js';

const { G2, fields } = bls12_381;
const { Fp2 } = fields;
const hex = (x: bigint): string => x.toString(16);
const big = (h: string): bigint => BigInt('0x' + h);

/** Under ts-node/vitest the worker is TypeScript and needs the project's loader; compiled, it is plain JS. */
function workerOptions(): { url: URL; execArgv?: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(ts ? './pool-worker.ts' : './pool-worker.js', import.meta.url);
  return ts ? { url, execArgv: ['--import', new URL('../../register.mjs', import.meta.url).href] } : { url };
}

type Pending = { resolve: (r: PoolReply) => void; reject: (e: Error) => void };

export class CryptoPool implements GroupPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  /** `size` workers (default: every core). Each builds its own fixed-base tables on first use. */
  constructor(readonly size: number = Math.max(1, os.availableParallelism())) {
    const { url, execArgv } = workerOptions();
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(url, execArgv ? { execArgv } : {});
      w.on('message', (r: PoolReply) => {
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        if (!p) return;
        if (r.error) p.reject(new Error(`crypto pool: ${r.error}`));
        else p.resolve(r);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      return w;
    });
  }

  private call(w: Worker, req: Omit<PoolRequest, 'id'>): Promise<PoolReply> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...req, id });
    });
  }

  /** Splits `items` into one contiguous slice per worker and concatenates the answers in order. */
  private async spread<T, R>(items: T[], ask: (w: Worker, slice: T[]) => Promise<R[]>): Promise<R[]> {
    const per = Math.ceil(items.length / this.size);
    const parts = await Promise.all(this.workers.map((w, i) => (i * per < items.length ? ask(w, items.slice(i * per, (i + 1) * per)) : Promise.resolve([]))));
    return parts.flat();
  }

  /** g2^k for each k (secret scalars in [1, q-1]); the points equal g2.multiply(k). */
  async g2Mul(ks: bigint[]): Promise<G2Point[]> {
    const coords = await this.spread(ks, async (w, slice) => (await this.call(w, { kind: 'g2mul', scalars: slice.map(hex) } as PoolRequest)).g2!);
    return coords.map(([x0, x1, y0, y1]) =>
      markMade(G2.Point.fromAffine({ x: Fp2.create({ c0: big(x0), c1: big(x1) }), y: Fp2.create({ c0: big(y0), c1: big(y1) }) })),
    );
  }

  /** Encoded e(p, q) for each pair (points the caller holds validated); equals encodeGT(gt.pair(p, q)). */
  async pair(jobs: { p: G1Point; q: G2Point }[]): Promise<Uint8Array[]> {
    const wire = jobs.map(({ p, q }) => {
      const a = p.toAffine();
      const b = q.toAffine();
      return { p: [hex(a.x), hex(a.y)] as [string, string], q: [hex(b.x.c0), hex(b.x.c1), hex(b.y.c0), hex(b.y.c1)] as [string, string, string, string] };
    });
    return this.spread(wire, async (w, slice) => (await this.call(w, { kind: 'pair', jobs: slice } as PoolRequest)).gt!.map((b) => new Uint8Array(b)));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
