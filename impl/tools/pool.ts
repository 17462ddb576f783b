// Worker threads for the costs that parallelise across cores: the fixed-base multiplications of key
// generation, the pairings of R_U at the SRS, and a reader's validation of R_U and R_U^(1/x_U).
// Work is split into one contiguous slice per worker; results come back in order, so a batch gives
// exactly what the sequential calls give. Secret exponents cross to the workers as numbers in a
// message between threads of one process, and appear in no reply or error.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { backend, encodeG1, encodeG2, type G1Point, type G2Point } from '../group/group.js';
import type { BaseGroup, GroupPool, PowGTResult } from '../group/parallel.js';
import type { PoolReply, PoolRequest, PoolWorkerData } from './pool-worker.js';

/** The bytes as a buffer of their own: a reply's arrays already are one each, unless the worker's
 *  encoder returned a view into a larger buffer, which the clone carried whole. */
const own = (b: Uint8Array): Uint8Array => (b.byteOffset === 0 && b.buffer.byteLength === b.length ? b : new Uint8Array(b));

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
      const workerData: PoolWorkerData = { backend: backend().name };
      const w = new Worker(url, execArgv ? { execArgv, workerData } : { workerData });
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

  /** Encoded base^k for each k (secret scalars in [1, q-1]); equals encodeG1(g1.mul(k)) (or G2). */
  async mulBase(group: BaseGroup, ks: bigint[]): Promise<Uint8Array[]> {
    // scalars cross as bigints: the structured clone carries them, no text either way
    const points = await this.spread(ks, async (w, slice) => (await this.call(w, { kind: 'mul', group, scalars: slice } as PoolRequest)).points!);
    return points.map(own);
  }

  /** Encoded e(p, q) for each pair (points the caller holds validated); equals encodeGT(gt.pair(p, q)). */
  async pair(jobs: { p: G1Point; q: G2Point }[]): Promise<Uint8Array[]> {
    const wire = jobs.map(({ p, q }) => ({ p: encodeG1(p), q: encodeG2(q) }));
    return this.spread(wire, async (w, slice) => (await this.call(w, { kind: 'pair', jobs: slice } as PoolRequest)).gt!.map(own));
  }

  /** For each job, `a` validated as GT (decodeGT) and raised to k; equals encodeGT(gt.pow(decodeGT(a, field), k)). */
  async powGT(jobs: { a: Uint8Array; field: string; k: bigint }[]): Promise<PowGTResult[]> {
    const out = await this.spread(jobs, async (w, slice) => (await this.call(w, { kind: 'powGT', jobs: slice } as PoolRequest)).powed!);
    return out.map((r) => (r.ok ? { ok: true, value: own(r.value) } : r));
  }

  /** One message with no work to every worker and back: the least any use of the pool pays (the benchmarks' floor of a pool call counts it). */
  async ping(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.call(w, { kind: 'ping' })));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
