// The catalogue on worker threads, each with its own solver (contexts of the native libz3, or on
// the WASM build an instance of the module the main thread compiled once, which serves one query at
// a time), since a catalogue is hundreds of independent runs: on two cores the runs go about twice
// as fast, with the same queries, files and verdicts as in one thread.
//
// What must not change with the number of threads is which parts a run takes "as proved"
// (smt/proved.ts): a run reuses a part only when an earlier run in the catalogue's order proved
// the same problem. So a run starts only when every earlier run that shares one of its parts'
// canonical texts has finished, and it is handed exactly those runs' proofs. Runs that share
// nothing (most pairs of properties) run side by side.
//
// A worker that dies (a crash, out of memory) is replaced and its run retried once; a second
// death rejects the catalogue with an error naming the run, and its workers are stopped, so
// nothing hangs. Idle workers stay for the next catalogue of the process. Time limits work as in
// one thread: each worker's solving commands are stopped at their deadline by that worker's own
// deadline watch (native build) or z3's timeout option (smt/z3.ts).
import { availableParallelism } from 'node:os';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { scriptWithoutProcessFlags } from '../threads/worker-script.js';
import { configName, type NetConfig } from '../model/config.js';
import type { Universe } from '../model/universe.js';
import { mergeProfile, record, timed } from './profile.js';
import { proofsFor, rememberProof } from './proved.js';
import type { VerifyResult } from './verdict.js';
import type { VerifyOptions } from './verify.js';
import { type Z3Request, z3ForWorker } from './z3.js';
import { storeSetting } from './answered.js';
import type { RunReply, RunRequest } from './worker.js';

/** Threads to use: as asked, else one per core (at most 4: beyond that memory, not cores, limits), never more than the runs. */
export function workerCount(asked: number | undefined, runs: number): number {
  const n = asked ?? Math.min(availableParallelism(), 4);
  return Math.max(1, Math.min(n, runs));
}

export interface CatalogueRun {
  readonly property: string;
  readonly cfg: NetConfig;
  /** the canonical texts of the run's parts (computed when the scheduler reaches the run) */
  readonly keys: () => readonly string[];
}

export class WorkerError extends Error {}

/**
 * The run a worker takes next, of those it may take now: the first on a net it has had (it holds
 * that net built and the random runs of its slices, smt/simulate.ts, which another worker would
 * repeat), else the first; -1 when there is none. Which worker takes a run changes no file and
 * no verdict, only what the worker can reuse.
 */
export function nextRun(count: number, takes: (i: number) => boolean, netOf: (i: number) => string, had: ReadonlySet<string>): number {
  let first = -1;
  for (let i = 0; i < count; i++) {
    const mine = had.has(netOf(i));
    // `takes` walks every earlier run sharing a part: asked only where its answer can matter
    if (!mine && first >= 0) continue;
    if (!takes(i)) continue;
    if (mine) return i;
    first = i;
  }
  return first;
}

/** Run from source (.ts through ts-node) or from dist (.js): the worker is this folder's twin. */
function spawn(resourceLimits?: ResourceLimits): Worker {
  const { url, execArgv } = scriptWithoutProcessFlags('./worker', import.meta.url);
  return new Worker(url, { execArgv, resourceLimits });
}

/** Why a worker has no run: runs not planned yet, every unstarted run waits for an earlier one sharing a part, or every run has started. */
type Idle = 'planning' | 'waiting' | 'tail';
const IDLE_BUCKET: Record<Idle, string> = {
  planning: 'workers idle: runs not planned yet (main thread)',
  waiting: 'workers idle: every run left waits for an earlier one sharing a part',
  tail: "workers idle: every run started (the catalogue's tail)",
};

interface Slot {
  readonly w: Worker;
  job?: number;
  ready: boolean;
  dead: boolean;
  /** how many entries of `shared` this worker has been handed */
  told: number;
  /** the nets (configName) of the runs this worker has had: it holds each one built and the random
   *  runs of its slices (smt/simulate.ts, cached per thread), which another worker would repeat */
  nets: Set<string>;
  /** since when the worker has had no run (performance.now()), and why, while this catalogue has runs left */
  idle?: { since: number; why: Idle };
  /** the catalogue using this worker now, if any */
  on?: { message: (m: RunReply | { ready: true }) => void; died: (why: string) => void };
}

/**
 * Idle workers of earlier catalogues in this process, reused: a worker's start (its modules, and its
 * solver: libz3 loaded, or an instance of the compiled WASM) costs seconds of CPU, and `reproduce` runs several catalogues.
 * Idle workers do not keep the process alive.
 */
let kept: Slot[] = [];

/**
 * Outputs z3 gave on any thread to a sequence of commands (smt/answered.ts), in the order they
 * came back: each worker is handed the ones it has not seen with its next run, so a query solved
 * on one thread is not solved again on another. Answers and files do not depend on it.
 */
const shared: Array<{ readonly entry: [string, string]; readonly from: Slot }> = [];
const MAX_SHARED = 200_000;

function newSlot(limits?: ResourceLimits): Slot {
  const t0 = performance.now();
  const s: Slot = { w: spawn(limits), ready: false, dead: false, told: 0, nets: new Set() };
  // the first thread to solve has the z3 WASM compiled here, once, for every thread
  const z3Message = z3ForWorker(s.w);
  s.w.on('message', (m: RunReply | { ready: true } | Z3Request) => {
    if (z3Message(m)) return;
    m = m as RunReply | { ready: true };
    if ('ready' in m) {
      s.ready = true;
      record('worker start-up (spawn to ready)', (performance.now() - t0) / 1000);
    }
    s.on?.message(m);
  });
  const died = (why: string) => {
    if (s.dead) return;
    s.dead = true;
    kept = kept.filter((k) => k !== s);
    s.on?.died(why);
  };
  s.w.on('error', (e) => died(e.message));
  s.w.on('exit', (code) => died(`exit code ${code}`));
  return s;
}

/**
 * Checks the runs on `threads` workers; results in the runs' order, `onResult` called in that
 * order as soon as each prefix is complete. `limits`: each worker's memory limits (a worker
 * past them dies, which is what the test of a dying worker relies on); such workers are not kept.
 */
export function runOnWorkers(U: Universe, runs: readonly CatalogueRun[], opts: VerifyOptions, threads: number, onResult?: (r: VerifyResult) => void, limits?: ResourceLimits): Promise<VerifyResult[]> {
  return new Promise((resolve, reject) => {
    const results: Array<VerifyResult | undefined> = runs.map(() => undefined);
    const keys: Array<readonly string[]> = [];
    /** for each key, the runs (in order) whose parts have it */
    const byKey = new Map<string, number[]>();
    const started = runs.map(() => false);
    const retried = new Set<number>();
    let delivered = 0;
    let finished = false;

    const slots: Slot[] = [];
    // this catalogue's answers only (smt/answered.ts): each worker forgets earlier ones with its first run
    shared.length = 0;
    const begun = new Set<Slot>();
    const fail = (e: Error) => {
      if (finished) return;
      finished = true;
      for (const s of slots) {
        s.on = undefined;
        void s.w.terminate();
      }
      reject(e);
    };
    const done = () => {
      finished = true;
      for (const s of slots) idleEnds(s);
      for (const s of slots) {
        s.on = undefined;
        s.job = undefined;
        if (limits || s.dead) void s.w.terminate();
        else {
          s.w.unref();
          kept.push(s);
        }
      }
      resolve(results as VerifyResult[]);
    };

    const planned = () => keys.length;
    const nets = runs.map((r) => configName(r.cfg));
    const plan = () => {
      const i = keys.length;
      const ks = timed('plan: part keys (main thread)', () => runs[i].keys());
      keys.push(ks);
      for (const k of new Set(ks)) {
        const l = byKey.get(k);
        if (l) l.push(i);
        else byKey.set(k, [i]);
      }
    };
    /** every earlier run sharing a part with run i has finished */
    const ready = (i: number) => keys[i].every((k) => byKey.get(k)!.every((j) => j >= i || results[j] !== undefined));

    /** Ends a worker's idle spell into the bucket of its reason. */
    const idleEnds = (s: Slot) => {
      if (!s.idle) return;
      record(IDLE_BUCKET[s.idle.why], (performance.now() - s.idle.since) / 1000);
      s.idle = undefined;
    };
    const send = (s: Slot, i: number) => {
      idleEnds(s);
      s.job = i;
      started[i] = true;
      const req: RunRequest = { id: i, universe: U, cfg: runs[i].cfg, property: runs[i].property, opts, store: storeSetting(), proofs: proofsFor(new Set(keys[i])), answered: (begun.has(s) ? shared.slice(s.told) : shared).filter((x) => x.from !== s).map((x) => x.entry), fresh: !begun.has(s) };
      begun.add(s);
      s.told = shared.length;
      s.w.postMessage(req);
    };
    const schedule = () => {
      if (finished) return;
      for (const s of slots) {
        if (!s.ready || s.job !== undefined) continue;
        const next = nextRun(planned(), (i) => !started[i] && ready(i), (i) => nets[i], s.nets);
        if (next < 0) break;
        s.nets.add(nets[next]);
        send(s, next);
      }
      // the workers left without a run, and why (a reason that changes starts a new spell)
      const unstarted = started.some((x) => !x);
      const why: Idle = !unstarted ? 'tail' : planned() < runs.length && started.slice(0, planned()).every((x) => x) ? 'planning' : 'waiting';
      for (const t of slots) {
        if (!t.ready || t.job !== undefined || t.idle?.why === why) continue;
        idleEnds(t);
        t.idle = { since: performance.now(), why };
      }
      if (delivered === runs.length) done();
    };

    const take = (s: Slot): Slot => {
      s.w.ref();
      // a kept worker's nets may be of another universe: this catalogue's preference starts afresh
      s.nets.clear();
      s.on = {
        message: (m) => {
          if ('ready' in m) return schedule();
          if (m.id !== s.job) return;
          s.job = undefined;
          if ('error' in m) return fail(new WorkerError(`${runs[m.id].property} on ${JSON.stringify(runs[m.id].cfg)}: ${m.error}`));
          for (const [k, method] of m.proofs) rememberProof(k, method);
          mergeProfile(m.profile);
          for (const entry of m.answered) if (shared.length < MAX_SHARED) shared.push({ entry, from: s });
          results[m.id] = m.result;
          try {
            for (; delivered < runs.length && results[delivered]; delivered++) onResult?.(results[delivered]!);
          } catch (e) {
            return fail(e as Error);
          }
          schedule();
        },
        died: (why) => {
          if (finished) return;
          const i = s.job;
          if (!s.ready) return fail(new WorkerError(`a verification worker could not start (${why})`));
          if (i !== undefined && retried.has(i)) return fail(new WorkerError(`a verification worker stopped twice (${why}) while checking ${runs[i].property} on ${JSON.stringify(runs[i].cfg)}`));
          if (i !== undefined) { retried.add(i); started[i] = false; }
          slots[slots.indexOf(s)] = take(newSlot(limits));
          schedule();
        },
      };
      return s;
    };

    try {
      for (let t = 0; t < threads; t++) slots.push(take((!limits && kept.pop()) || newSlot(limits)));
    } catch (e) {
      return fail(e as Error);
    }
    // plan in the background, one run per turn of the event loop, so replies are not held up
    const planMore = () => {
      if (finished || planned() === runs.length) return;
      try {
        plan();
      } catch (e) {
        return fail(e as Error);
      }
      schedule();
      setImmediate(planMore);
    };
    planMore();
  });
}
