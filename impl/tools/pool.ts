// The SRS's pool for the costs that parallelise across cores: the fixed-base multiplications of key
// generation, the pairings of R_U at the SRS, and a reader's validation of R_U and R_U^(1/x_U).
// A pool of `size` threads is the calling thread and size - 1 workers: each call's items are shared
// through memory (tools/shared-batch.ts), the calling thread works on them beside the workers, and
// a worker that starts late takes fewer. Results come back in order, so a batch gives exactly what
// the sequential calls give. Secret exponents cross to the workers in memory shared between threads
// of one process, wiped when the call ends, and appear in no result or error.
// Between calls a worker spins for `spinMs` before it sleeps, and so does the calling thread while
// it waits for a worker's last items or for a hand-off's answer (tools/doorbell.ts): calls that
// follow each other closely find the workers running.
import os from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { G1_BYTES, G2_BYTES, GT_BYTES, SCALAR_BYTES, backend, encodeG1, encodeG2, encodeScalarInto, type G1Point, type G2Point } from '../group/group.js';
import { isSesphrError } from '../errors.js';
import type { BaseGroup, GroupPool, PowGTResult } from '../group/parallel.js';
import type { PoolRequest, PoolWorkerData } from './pool-worker.js';
import { mulBaseItem, pairItem, powGTItem } from './pool-items.js';
import { Doorbell, waitForCount } from './doorbell.js';
import { workerScript } from '../../threads/worker-script.js';
import { OK, SharedBatch } from './shared-batch.js';

/** Items a thread claims at once: a multiplication is ~25 µs, so eight keep the claims rare; a
 *  pairing or a GT power is a claim of its own. */
const MUL_CHUNK = 8;
/** Draws between two publications: 16 until 64 are drawn, so a worker woken by the hand-out finds
 *  work soon, then 64, so the rest is published without a wake-up each. */
const EARLY_DRAWS = 64;
const DRAWS_PER_EARLY_PUBLICATION = 16;
const DRAWS_PER_PUBLICATION = 64;
/** How long the calling thread waits for a worker's last items, beyond twice its own time for
 *  them, before it does them itself (a worker descheduled on a loaded machine). */
const WAIT_SLACK_MS = 5;
/** An item's time when the calling thread did none itself (the workers took them all): a guess
 *  above any item of these, so the wait before redoing them stays generous. */
const ITEM_MS_UNMEASURED = 50;
const HAND_OFF_LIMIT_MS = 10_000;
/** How long a thread spins before it sleeps, by default: longer than the gaps between calls in a
 *  burst, short beside a call of any size (bench/README.md, "Spinning before sleeping"). */
export const DEFAULT_SPIN_MS = 2;

export interface PoolOptions {
  /** ms a waiting thread spins before it sleeps (default DEFAULT_SPIN_MS; 0 sleeps at once) */
  spinMs?: number;
}

/** Items done since the pool was made: by the calling thread, by the workers, and again by the
 *  calling thread (an item a worker failed on, refused, or still held after the wait). */
export interface PoolCounts {
  caller: number;
  workers: number;
  redone: number;
}

/** A worker as the calling thread sees it: the thread, the port its requests go to, its bell. */
interface WorkerLine {
  readonly thread: Worker;
  readonly port: MessagePort;
  readonly bell: Doorbell;
}

export class CryptoPool implements GroupPool {
  private readonly workers: WorkerLine[];
  readonly spinMs: number;
  private broken: Error | undefined;
  readonly counts: PoolCounts = { caller: 0, workers: 0, redone: 0 };

  /** `size` threads (default: one per core): the calling thread and size - 1 workers. Each worker
   *  builds its own fixed-base tables on first use. */
  constructor(
    readonly size: number = Math.max(1, os.availableParallelism()),
    options: PoolOptions = {},
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`crypto pool: size must be a whole number of threads, 1 or more, got ${size}`);
    const spinMs = options.spinMs ?? DEFAULT_SPIN_MS;
    if (!Number.isFinite(spinMs) || spinMs < 0) throw new RangeError(`crypto pool: spinMs must be a number of ms, 0 or more, got ${spinMs}`);
    this.spinMs = spinMs;
    const { url, execArgv } = workerScript('./pool-worker', import.meta.url);
    this.workers = Array.from({ length: Math.max(0, size - 1) }, () => {
      const { port1, port2 } = new MessageChannel();
      const bell = new Doorbell();
      const workerData: PoolWorkerData = { backend: backend().name, port: port2, bell: bell.buffer, spinMs };
      const thread = new Worker(url, { execArgv, workerData, transferList: [port2] });
      thread.on('error', (e) => {
        this.broken ??= e;
      });
      return { thread, port: port1, bell };
    });
  }

  /** A request to one worker: posted on its port, then its bell rung (the worker reads the bell
   *  before it looks at the port, so it cannot sleep through this). */
  private send(w: WorkerLine, req: PoolRequest): void {
    w.port.postMessage(req);
    w.bell.ring();
  }

  private handOut(req: PoolRequest): void {
    if (this.broken) throw new Error(`crypto pool: a worker failed: ${this.broken.message}`);
    for (const w of this.workers) this.send(w, req);
  }

  /**
   * The calling thread's share of a handed-out batch, then the rest: its own items as `mine` gives
   * them, a worker's from its slot (`theirs`), and any item a worker left (its error, a refused
   * input) or still holds after the wait done here by `mine` too, so every answer and every error
   * is the calling thread's own.
   */
  private share<R>(batch: SharedBatch, mine: (i: number) => R, theirs: (bytes: Uint8Array) => R): R[] {
    const { n } = batch.buffers;
    const results = new Array<R>(n);
    const done = new Uint8Array(n);
    const t0 = performance.now();
    let count = 0;
    try {
      for (let c = batch.claim(); c; c = batch.claim()) {
        for (let i = c[0]; i < c[1]; i++) {
          results[i] = mine(i);
          done[i] = 1;
        }
        batch.finished(c[1] - c[0]);
        count += c[1] - c[0];
      }
    } catch (e) {
      batch.stop();
      throw e;
    }
    const each = count > 0 ? (performance.now() - t0) / count : ITEM_MS_UNMEASURED;
    batch.waitDone(WAIT_SLACK_MS + 2 * each * (n - count));
    this.counts.caller += count;
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      const ok = batch.statusOf(i) === OK;
      results[i] = ok ? theirs(batch.read(i)) : mine(i);
      this.counts[ok ? 'workers' : 'redone']++;
    }
    return results;
  }

  /** The encoded base^k for each of n scalars in [1, q-1], in order, each as encodeG1(g1.mul(k)) (or
   *  G2); `draw(i)` gives the i-th on the calling thread, in order, while the workers start on the
   *  first. A draw that throws ends the batch with its error. */
  async mulBase(group: BaseGroup, n: number, draw: (i: number) => bigint): Promise<Uint8Array[]> {
    if (n === 0) return [];
    const batch = SharedBatch.create(n, group === 'g1' ? G1_BYTES : G2_BYTES, MUL_CHUNK, this.size, this.spinMs, SCALAR_BYTES);
    const scalars = batch.input;
    const ks = new Array<bigint>(n);
    // Handed out before the first draw, so a worker wakes and takes the batch while the calling
    // thread draws (10 keys: 1.2-1.6 µs a call quicker than after the draws, bench/README.md "One
    // buffer a batch"); but a worker that sleeps at once (spinMs 0) would wake, find no draw yet,
    // sleep and be woken again, so a batch drawn in one publication then goes after its draws.
    const handOut = () => this.handOut({ kind: 'mul', batch: batch.buffers, group });
    const afterDraws = n <= DRAWS_PER_EARLY_PUBLICATION && this.spinMs === 0;
    if (!afterDraws) handOut();
    try {
      for (let i = 0; i < n; ) {
        const end = Math.min(n, i + (i < EARLY_DRAWS ? DRAWS_PER_EARLY_PUBLICATION : DRAWS_PER_PUBLICATION));
        for (; i < end; i++) {
          ks[i] = draw(i);
          encodeScalarInto(ks[i]!, scalars, i * SCALAR_BYTES);
        }
        batch.publish(i);
      }
      if (afterDraws) handOut();
    } catch (e) {
      batch.stop();
      scalars.fill(0);
      throw e;
    }
    const mul = mulBaseItem(group);
    try {
      return this.share(batch, (i) => mul(ks[i]!), (b) => b);
    } finally {
      scalars.fill(0);
    }
  }

  /** Encoded e(p, q) for each pair (points the caller holds validated); equals encodeGT(gt.pair(p, q)). */
  async pair(jobs: { p: G1Point; q: G2Point }[]): Promise<Uint8Array[]> {
    if (jobs.length === 0) return [];
    const batch = SharedBatch.create(jobs.length, GT_BYTES, 1, this.size, this.spinMs);
    batch.publish(jobs.length);
    if (this.workers.length) this.handOut({ kind: 'pair', batch: batch.buffers, jobs: jobs.map(({ p, q }) => ({ p: encodeG1(p), q: encodeG2(q) })) });
    return this.share(batch, (i) => pairItem(jobs[i]!.p, jobs[i]!.q), (b) => b);
  }

  /** For each job, `a` validated as GT (decodeGT) and raised to k; equals encodeGT(gt.pow(decodeGT(a, field), k)). */
  async powGT(jobs: { a: Uint8Array; field: string; k: bigint }[]): Promise<PowGTResult[]> {
    if (jobs.length === 0) return [];
    const batch = SharedBatch.create(jobs.length, GT_BYTES, 1, this.size, this.spinMs);
    batch.publish(jobs.length);
    if (this.workers.length) this.handOut({ kind: 'powGT', batch: batch.buffers, jobs: jobs.map(({ a, k }) => ({ a, k })) });
    // an element from outside: refused as decodeGT refuses it (the code and the field, never the value)
    const one = (i: number): PowGTResult => {
      const { a, field, k } = jobs[i]!;
      try {
        return { ok: true, value: powGTItem(a, field, k) };
      } catch (e) {
        if (!isSesphrError(e)) throw e;
        return { ok: false, code: e.code, message: e.message, field };
      }
    };
    return this.share(batch, one, (value) => ({ ok: true, value }));
  }

  /**
   * The hand-off alone: a message with no work to every worker, resolved when each has it, with
   * the seconds from handing it out to the last worker having it (each worker reads the clock shared
   * by the process's threads). Every call pays this before a worker can start; the calling thread
   * works meanwhile. The benchmarks' floor of a pool call counts it.
   */
  async handOff(): Promise<number> {
    const k = this.workers.length;
    if (k === 0) return 0;
    const arrivals = new SharedArrayBuffer(8 * k);
    const count = new SharedArrayBuffer(4);
    const t0 = performance.timeOrigin + performance.now();
    this.workers.forEach((w, slot) => this.send(w, { kind: 'ping', arrivals, count, slot }));
    // spinning first, as every other wait of the pool does: a calling thread asleep here leaves
    // its vCPU to halt, and the call after it started slower (bench/README.md "Bare threads")
    if (!waitForCount(new Int32Array(count), 0, k, this.spinMs, HAND_OFF_LIMIT_MS)) throw new Error(`crypto pool: a worker did not answer within ${HAND_OFF_LIMIT_MS / 1000} s`);
    return Math.max(0, Math.max(...new Float64Array(arrivals)) - t0) / 1000;
  }

  async close(): Promise<void> {
    for (const w of this.workers) this.send(w, { kind: 'close' });
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
    for (const w of this.workers) w.port.close();
  }
}
