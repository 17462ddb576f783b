// What the two kinds of bare threads share (bare-split.ts beside Fig. 3 on the pool, bare-decrypt.ts
// beside Fig. 5): the workers started on one doorbell, a worker's failure kept for the next run, the
// calling thread's spin until every worker has counted its range done, and each worker's loop. One
// definition, so that both references wait and wake as the pool's workers do.
import { once } from 'node:events';
import { Worker, parentPort } from 'node:worker_threads';
import { Doorbell, waitForCount } from '../impl/tools/doorbell.js';
import { workerScript } from '../threads/worker-script.js';

/** How long the calling thread waits for the workers' ranges before it gives up (a worker that
 *  failed cannot say so while the calling thread spins: its error event needs the event loop). */
const WAIT_LIMIT_MS = 10_000;

/** Throws unless `threads` and the buffer's `max` are whole numbers, 1 or more. */
export function checkBareSize(what: string, threads: number, maxName: string, max: number): void {
  if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`${what}: threads must be a whole number, 1 or more, got ${threads}`);
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`${what}: ${maxName} must be a whole number, 1 or more, got ${max}`);
}

export class BareWorkers {
  readonly bell = new Doorbell();
  private readonly workers: Worker[];
  private broken: Error | undefined;

  /** `count` workers of the script `name` (beside `base`, the caller's import.meta.url), worker k
   *  (1 .. count) given `data(k, bell)`. */
  constructor(
    private readonly what: string,
    name: string,
    base: string,
    count: number,
    data: (index: number, bell: SharedArrayBuffer) => object,
  ) {
    const { url, execArgv } = workerScript(name, base);
    this.workers = Array.from({ length: count }, (_, k) => {
      const w = new Worker(url, { execArgv, workerData: data(k + 1, this.bell.buffer) });
      w.on('error', (e) => {
        this.broken ??= e;
      });
      return w;
    });
  }

  get count(): number {
    return this.workers.length;
  }

  /** Resolves once every worker has said it waits for a ring (`serveRings`). */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => once(w, 'message')));
  }

  /** Throws if a worker failed since the last look. */
  check(): void {
    if (this.broken) throw new Error(`${this.what}: a worker failed: ${this.broken.message}`);
  }

  /** Spins, then sleeps, until word `done` of `control` counts every worker; `task` names the run
   *  in the error when they do not within the limit. */
  waitAll(control: Int32Array, done: number, task: string): void {
    if (!waitForCount(control, done, this.workers.length, WAIT_LIMIT_MS, WAIT_LIMIT_MS)) {
      throw new Error(`${this.what}: the workers did not finish ${task} within ${WAIT_LIMIT_MS / 1000} s`);
    }
  }

  async close(): Promise<void> {
    this.bell.ring();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A worker's loop: says it is ready, then on each ring of `bellBuffer` (spinning `spinMs`, then
 *  asleep, as the pool's workers wait) runs `onRing` and counts itself done in word `done` of
 *  `control`, until `onRing` returns false. The bell is read before saying ready: the first run may
 *  ring at once after, and a ring after that read ends the wait at once. */
export function serveRings(bellBuffer: SharedArrayBuffer, spinMs: number, control: Int32Array, done: number, onRing: () => boolean): void {
  const bell = new Doorbell(bellBuffer);
  let seen = bell.rung;
  parentPort!.postMessage('ready');
  for (;;) {
    bell.waitAfter(seen, spinMs);
    seen = bell.rung;
    if (!onRing()) return;
    Atomics.add(control, done, 1);
    Atomics.notify(control, done);
  }
}
