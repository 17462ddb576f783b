// One batch of independent items, shared through memory by the calling thread and the pool's
// workers (tools/pool.ts). Every thread claims the next few items from one counter until none are
// left, so a thread that starts late (a worker that was asleep when the batch was handed out)
// simply takes fewer, and the calling thread, already running, never waits for a worker to begin.
// A worker writes each result in the item's own slot and then its status; the calling thread reads
// the status first, so it never reads a slot being written. Every wait here spins for the batch's
// `spinMs` before it sleeps (tools/doorbell.ts).
import { spinWhile } from './doorbell.js';

/** Words of the control array: the next item to claim, how many items can be claimed yet (the
 *  caller may still be drawing the rest), how many are done by anyone, and whether it stopped. */
const CLAIM = 0;
const READY = 1;
const DONE = 2;
const STOPPED = 3;
const CONTROL_WORDS = 4;
/** READY once the batch is stopped: below every claim's end, and never a count a publication writes. */
const NONE_READY = -1;

/** An item's status: not done yet, its result in its slot, or left for the calling thread to do
 *  again (a worker's error, or an input it refuses: the caller then gives the exact answer). */
export const PENDING = 0;
export const OK = 1;
export const FAILED = 2;

/** What a worker is handed: one shared buffer and its shape (shared, not copied). The buffer holds
 *  the control words, each item's status, each item's result slot, then each item's input slot (a
 *  multiplication's scalar), in that order: one buffer to allocate and to post instead of four took
 *  a pool call's hand-out from about 4.4 to 2.4 µs (bench/README.md "One buffer a batch"). */
export interface BatchBuffers {
  shared: SharedArrayBuffer;
  /** items in the batch */
  n: number;
  /** bytes of each item's result slot */
  slot: number;
  /** bytes of each item's input slot (0: the items' inputs travel in the request) */
  inputSlot: number;
  /** the most items a thread claims at once */
  chunk: number;
  /** threads sharing the batch (the caller and the workers), for the claims' size near the end */
  threads: number;
  /** how long a wait spins before it sleeps, in ms */
  spinMs: number;
}

export class SharedBatch {
  readonly control: Int32Array;
  readonly status: Int32Array;
  readonly out: Uint8Array;
  /** the items' inputs, inputSlot bytes each, written by the calling thread before it publishes them */
  readonly input: Uint8Array;

  constructor(readonly buffers: BatchBuffers) {
    const { shared, n, slot, inputSlot } = buffers;
    const outAt = (CONTROL_WORDS + n) * 4;
    this.control = new Int32Array(shared, 0, CONTROL_WORDS);
    this.status = new Int32Array(shared, CONTROL_WORDS * 4, n);
    this.out = new Uint8Array(shared, outAt, n * slot);
    this.input = new Uint8Array(shared, outAt + n * slot, n * inputSlot);
  }

  static create(n: number, slot: number, chunk: number, threads: number, spinMs = 0, inputSlot = 0): SharedBatch {
    return new SharedBatch({
      shared: new SharedArrayBuffer((CONTROL_WORDS + n) * 4 + n * (slot + inputSlot)),
      n,
      slot,
      inputSlot,
      chunk,
      threads,
      spinMs,
    });
  }

  /** Items 0 .. ready-1 can be claimed (the caller publishes its draws as it makes them). */
  publish(ready: number): void {
    Atomics.store(this.control, READY, ready);
    Atomics.notify(this.control, READY);
  }

  /**
   * No more claims: threads waiting for items not drawn yet give up (the caller's draw failed). The
   * word they wait on changes too (to NONE_READY), so a thread between its last look at `stopped` and
   * its wait, or still spinning, cannot miss the stop.
   */
  stop(): void {
    Atomics.store(this.control, STOPPED, 1);
    Atomics.store(this.control, READY, NONE_READY);
    Atomics.notify(this.control, READY);
  }

  get stopped(): boolean {
    return Atomics.load(this.control, STOPPED) === 1;
  }

  get done(): number {
    return Atomics.load(this.control, DONE);
  }

  /**
   * The next items for this thread, [start, end), or undefined when none are left. Claims shrink
   * near the end (to an even share of what is left), so the threads finish close together. A
   * claimed item not yet published is waited for; blocking is only ever done by a worker (the
   * caller publishes every item before it claims).
   */
  claim(): [number, number] | undefined {
    const { n, chunk, threads } = this.buffers;
    for (;;) {
      const start = Atomics.load(this.control, CLAIM);
      if (start >= n || this.stopped) return undefined;
      const size = Math.max(1, Math.min(chunk, Math.floor((n - start) / (2 * threads))));
      if (Atomics.compareExchange(this.control, CLAIM, start, start + size) !== start) continue;
      const end = start + size;
      for (;;) {
        const ready = Atomics.load(this.control, READY);
        if (ready >= end) return [start, end];
        if (this.stopped) return undefined;
        if (!spinWhile(this.control, READY, ready, this.buffers.spinMs)) Atomics.wait(this.control, READY, ready);
      }
    }
  }

  /** Item i's result bytes, written by a worker before its status. */
  write(i: number, bytes: Uint8Array): void {
    this.out.set(bytes, i * this.buffers.slot);
    Atomics.store(this.status, i, OK);
  }

  fail(i: number): void {
    Atomics.store(this.status, i, FAILED);
  }

  statusOf(i: number): number {
    return Atomics.load(this.status, i);
  }

  /** A copy of item i's result (only after its status says OK). */
  read(i: number): Uint8Array {
    const { slot } = this.buffers;
    return this.out.slice(i * slot, (i + 1) * slot);
  }

  /** `count` more items are done; a caller waiting for the last ones is woken. */
  finished(count: number): void {
    Atomics.add(this.control, DONE, count);
    Atomics.notify(this.control, DONE);
  }

  /** Waits until every item is done or `ms` have passed; true when every item is done. */
  waitDone(ms: number): boolean {
    const { n, spinMs } = this.buffers;
    const until = performance.now() + ms;
    // the spin comes first and is part of the wait, not added to it
    const spinUntil = Math.min(until, performance.now() + spinMs);
    while (this.done < n && performance.now() < spinUntil);
    for (;;) {
      const done = this.done;
      if (done >= n) return true;
      const left = until - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.control, DONE, done, left);
    }
  }
}

/** A worker's share of a batch: claims and does items until none are left. */
export function workOn(batch: SharedBatch, item: (i: number) => Uint8Array | undefined): void {
  for (let claimed = batch.claim(); claimed; claimed = batch.claim()) {
    const [start, end] = claimed;
    for (let i = start; i < end; i++) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = item(i);
      } catch {
        bytes = undefined; // the caller does the item again and reports its error itself
      }
      if (bytes === undefined) batch.fail(i);
      else batch.write(i, bytes);
    }
    batch.finished(end - start);
  }
}
