// The stages of `reproduce` that run the conformance suite, on worker threads: the conformance
// stage, and the mutation score, which runs the suite again once per seeded implementation fault
// and re-verifies the net once per seeded model fault. Each of these runs is independent of the
// others and single-threaded, so they are jobs handed, in the order given, to the first idle
// thread; each job's result is its own promise, so a stage awaits only its own jobs while the
// next stage's jobs already run on the other core. A job's result is what the same call gives on
// the main thread: the runs are seeded, and nothing they compute depends on the thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../threads/worker-script.js';
import type { ConformanceReport } from '../conformance/conform.js';
import { type BackendName, backend } from '../impl/group/group.js';
import type { NetConfig } from '../model/config.js';
import type { ModelMutationRow } from '../scripts/model-faults.js';
import type { MutationOptions, MutationRow } from '../scripts/mutation.js';
import { type Z3Request, z3ForWorker } from '../smt/z3.js';

export type SuiteJob =
  | { readonly kind: 'conformance'; readonly options: { readonly universe: string; readonly configs: readonly NetConfig[]; readonly seed: number; readonly runs: number; readonly sample?: number } }
  | { readonly kind: 'implementation fault'; readonly id: string; readonly options: MutationOptions }
  | { readonly kind: 'model fault'; readonly id: string; readonly golden: string };

type ResultOf<J extends SuiteJob> = J extends { kind: 'conformance' } ? ConformanceReport : J extends { kind: 'implementation fault' } ? MutationRow : ModelMutationRow;

export interface SuiteWorkerData { readonly backend: BackendName }
export interface SuiteRequest { readonly id: number; readonly job: SuiteJob }
export type SuiteReply = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string };

const describe = (j: SuiteJob): string => (j.kind === 'conformance' ? `conformance on ${j.options.universe}` : `${j.kind} ${j.id}`);

interface Queued {
  readonly id: number;
  readonly job: SuiteJob;
  readonly resolve: (r: unknown) => void;
  readonly reject: (e: Error) => void;
}

/** A suite worker with its job's data (threads/worker-script.ts finds its script, from source or compiled). */
function spawn(data: SuiteWorkerData): Worker {
  const { url, execArgv } = workerScript('./suite-worker', import.meta.url);
  return new Worker(url, { workerData: data, execArgv });
}

export class SuiteThreads {
  private readonly queue: Queued[] = [];
  private readonly busy = new Map<Worker, Queued | undefined>();
  private next = 0;
  private closed = false;

  /** `threads` workers at most (default: one a core), started as jobs arrive, on the group backend in use now. */
  constructor(private readonly threads = availableParallelism(), private readonly data: SuiteWorkerData = { backend: backend().name }) {}

  /**
   * Queues a job. The promise is handled from the start (a stage may await it later, after it
   * failed); awaiting it gives the result, or an error naming the job.
   */
  run<J extends SuiteJob>(job: J): Promise<ResultOf<J>> {
    if (this.closed) return Promise.reject(new Error(`${describe(job)}: the suite's threads are closed`));
    const p = new Promise<ResultOf<J>>((resolve, reject) => {
      this.queue.push({ id: this.next++, job, resolve: resolve as (r: unknown) => void, reject });
    });
    p.catch(() => undefined);
    this.pump();
    return p;
  }

  private pump(): void {
    for (const [w, q] of this.busy) if (!q && this.queue.length) this.give(w, this.queue.shift()!);
    while (this.queue.length && this.busy.size < this.threads) this.give(this.start(), this.queue.shift()!);
  }

  private give(w: Worker, q: Queued): void {
    this.busy.set(w, q);
    w.postMessage({ id: q.id, job: q.job } satisfies SuiteRequest);
  }

  private start(): Worker {
    const w = spawn(this.data);
    this.busy.set(w, undefined);
    const z3Message = z3ForWorker(w);
    w.on('message', (m: SuiteReply | Z3Request) => {
      if (z3Message(m)) return;
      const r = m as SuiteReply;
      const q = this.busy.get(w);
      if (!q || q.id !== r.id) return;
      this.busy.set(w, undefined);
      if ('error' in r) q.reject(new Error(`${describe(q.job)}: ${r.error}`));
      else q.resolve(r.result);
      this.pump();
    });
    // a thread that dies (out of memory, a crash in WebAssembly) fails its job only; the jobs
    // still queued go to a new thread
    const lost = (why: string) => {
      const q = this.busy.get(w);
      if (!this.busy.delete(w)) return;
      q?.reject(new Error(`${describe(q.job)}: its worker thread stopped (${why})`));
      if (!this.closed) this.pump();
    };
    w.on('error', (e) => lost(e.message));
    w.on('exit', (code) => lost(`exit code ${code}`));
    return w;
  }

  /** Ends every thread; jobs not finished fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new Error(`${describe(q.job)}: not run (the suite's threads were closed)`));
    const ws = [...this.busy.keys()];
    for (const w of ws) { const q = this.busy.get(w); this.busy.delete(w); q?.reject(new Error(`${describe(q.job)}: not finished (the suite's threads were closed)`)); }
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
