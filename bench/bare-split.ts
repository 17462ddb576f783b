// Bare threads: what this host gives a short parallel call with none of the pool's code. The keys
// of a run are split into equal ranges in order; the calling thread draws every scalar, writes the
// workers' into shared memory, rings a doorbell, makes its own range's keys, spins until every
// worker has written its range, and copies their keys out. The workers wait on that bell as the
// pool's do (a spin of the pool's spinMs, then asleep) and make keys with the floor's primitives.
// No claims, no messages, no checks, no wiping: the least a split between threads can be. It is a
// reference, not a floor (a split that moved keys to the quicker thread could beat it): the pool's
// Fig. 3 points are timed against it beside their floor, so a run shows how much of the pool's gap
// to its floor the same split with no pool code has too (bench/README.md "Bare threads").
import { SCALAR_BYTES, backend, encodeScalarInto } from '../impl/group/group.js';
import type { RandomSource } from '../impl/scheme/random.js';
import { encodeKey } from '../impl/scheme/placement.js';
import { DEFAULT_SPIN_MS } from '../impl/tools/pool.js';
import { prim } from './primitives.js';
import { BARE_DONE, BARE_N, bareBytes, bareLayout, bareRange, type BareWorkerData } from './bare-split-layout.js';
import { BareWorkers, checkBareSize } from './bare-threads.js';

export class BareSplit {
  private readonly workers: BareWorkers;
  private readonly control: Int32Array;
  private readonly input: Uint8Array;
  private readonly out: Uint8Array;
  private readonly slot: number;

  /** `threads` threads (the calling one and threads - 1 workers) for runs of up to `maxItems` keys,
   *  resolved once every worker has built its tables and waits for a run. */
  static async start(threads: number, maxItems: number, spinMs = DEFAULT_SPIN_MS): Promise<BareSplit> {
    const bare = new BareSplit(threads, maxItems, spinMs);
    await bare.workers.ready();
    return bare;
  }

  private constructor(
    readonly threads: number,
    readonly maxItems: number,
    spinMs = DEFAULT_SPIN_MS,
  ) {
    checkBareSize('bare split', threads, 'maxItems', maxItems);
    const shared = new SharedArrayBuffer(bareBytes(maxItems));
    ({ control: this.control, input: this.input, out: this.out, slot: this.slot } = bareLayout(shared, maxItems));
    this.workers = new BareWorkers('bare split', './bare-split-worker', import.meta.url, threads - 1, (index, bell): BareWorkerData => ({
      backend: backend().name, shared, bell, maxItems, threads, index, spinMs,
    }));
  }

  /** The n public keys of n scalars drawn from `rng`, in order (the first range drawn last: the
   *  workers' scalars go out first, so they start while the calling thread draws its own). */
  run(n: number, rng: RandomSource): Uint8Array[] {
    this.workers.check();
    if (!Number.isSafeInteger(n) || n < 0 || n > this.maxItems) throw new RangeError(`bare split: between 0 and ${this.maxItems} keys a run, got ${n}`);
    const pks = new Array<Uint8Array>(n);
    const [, mine] = bareRange(n, this.threads, 0);
    for (let i = mine; i < n; i++) encodeScalarInto(rng.scalar(), this.input, i * SCALAR_BYTES);
    if (this.workers.count) {
      Atomics.store(this.control, BARE_DONE, 0);
      Atomics.store(this.control, BARE_N, n);
      this.workers.bell.ring();
    }
    for (let i = 0; i < mine; i++) pks[i] = encodeKey(prim.keyMul(rng.scalar()));
    // spinning all the while, as a call's end is a few microseconds away
    this.workers.waitAll(this.control, BARE_DONE, `a run of ${n} keys`);
    for (let i = mine; i < n; i++) pks[i] = this.out.slice(i * this.slot, (i + 1) * this.slot);
    return pks;
  }

  async close(): Promise<void> {
    Atomics.store(this.control, BARE_N, -1);
    await this.workers.close();
  }
}
