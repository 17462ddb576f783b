// The all-sizes catalogue on worker threads, one configuration a job: each configuration's
// invariant is inferred and checked independently of the others (a solver per thread: contexts
// of the native libz3, or an instance of the compiled WASM, which serves one query at a time), so
// on two cores the catalogue takes about the time of its two halves. Results come back in the configurations' order; a worker that
// fails or dies rejects the whole run with an error naming the configuration, and every worker is
// stopped, so nothing hangs.
import { Worker } from 'node:worker_threads';
import { scriptWithoutProcessFlags } from '../../threads/worker-script.js';
import { configName, type NetConfig } from '../../model/config.js';
import type { Property } from '../../model/properties.js';
import type { AllSizesOptions, checkAllSizes } from './check.js';
import type { ConfigReply, ConfigRequest } from './worker.js';
import { mergeProfile } from '../profile.js';
import { type Z3Request, z3ForWorker } from '../z3.js';

type ConfigResult = Awaited<ReturnType<typeof checkAllSizes>>;

/** From source (.ts, through ts-node) or from dist (.js): the worker is this folder's twin. */
function spawn(): Worker {
  const { url, execArgv } = scriptWithoutProcessFlags('./worker', import.meta.url);
  return new Worker(url, { execArgv });
}

/**
 * The order jobs are handed out: the costliest first, so that the threads finish close together
 * (the results keep the jobs' order). Measured, a configuration without modules on a profile
 * beyond paper (the patient-sorted reading's 60 000-state exploration and smallest models, or
 * mining and Houdini over hundreds of candidates) takes several times one with modules or on paper.
 */
export function longestFirst(jobs: ReadonlyArray<{ cfg: NetConfig; patients?: boolean }>): number[] {
  const weight = (j: { cfg: NetConfig; patients?: boolean }) => (j.cfg.modules?.length ? 0 : 2) + (j.cfg.profile === 'paper' ? 0 : 1) + (j.patients ? 1 : 0);
  return jobs.map((j, k) => ({ k, w: weight(j) })).sort((a, b) => b.w - a.w || a.k - b.k).map((x) => x.k);
}

/** A configuration but its policy: its two policies read most rules alike. */
const family = (j: { cfg: NetConfig; patients?: boolean }) => JSON.stringify([j.cfg.profile, j.cfg.variant, j.cfg.modules ?? [], j.patients ?? false]);

export function runConfigsOnWorkers(
  jobs: ReadonlyArray<{ cfg: NetConfig; props: readonly Property[]; patients?: boolean }>,
  opts: Pick<AllSizesOptions, 'timeoutSeconds' | 'smtOut'>,
  threads: number,
  onResult?: (k: number, r: ConfigResult) => void,
): Promise<ConfigResult[]> {
  return new Promise((resolve, reject) => {
    const results: Array<ConfigResult | undefined> = jobs.map(() => undefined);
    const order = longestFirst(jobs);
    const started = new Set<number>();
    let finished = 0, over = false;
    const workers: Worker[] = [];
    const stop = () => { over = true; for (const w of workers) void w.terminate(); };
    const give = (w: Worker) => {
      // the thread's next job: the other policy of the configuration it just checked, if not
      // started (its queries are mostly the same commands, answered from the thread's table of
      // answers, smt/answered.ts, without solving), else the costliest left of a configuration
      // no other thread is checking (so that it can pair its policies too), else the costliest left
      const jobOf = (x: Worker) => (x as Worker & { job?: number }).job;
      const last = jobOf(w);
      const busy = new Set(workers.map(jobOf).filter((k): k is number => k !== undefined && k !== last && results[k] === undefined).map((k) => family(jobs[k])));
      const left = order.filter((k) => !started.has(k));
      const id = (last === undefined ? undefined : left.find((k) => family(jobs[k]) === family(jobs[last]))) ?? left.find((k) => !busy.has(family(jobs[k]))) ?? left[0];
      if (id === undefined) return;
      started.add(id);
      (w as Worker & { job?: number }).job = id;
      const req: ConfigRequest = { id, cfg: jobs[id].cfg, properties: jobs[id].props.map((p) => p.id), opts: { ...opts, ...(jobs[id].patients && { patients: true }) } };
      w.postMessage(req);
    };
    for (let t = 0; t < Math.max(1, Math.min(threads, jobs.length)); t++) {
      const w = spawn();
      workers.push(w);
      // the first thread to solve has the z3 WASM compiled here, once, for every thread (a
      // compilation that fails is the worker's error, reported as its configuration's)
      const z3Message = z3ForWorker(w);
      w.on('message', (m: ConfigReply | { ready: true } | Z3Request) => {
        if (over || z3Message(m)) return;
        m = m as ConfigReply | { ready: true };
        if ('ready' in m) return give(w);
        if ('error' in m) { stop(); return reject(new Error(`all sizes, ${configName(jobs[m.id].cfg)}${jobs[m.id].patients ? ' (patient-sorted reading)' : ''}: ${m.error}`)); }
        results[m.id] = m.result;
        mergeProfile(m.profile); // the thread's solver calls and answers, for the run's totals
        onResult?.(m.id, m.result);
        if (++finished === jobs.length) { stop(); return resolve(results as ConfigResult[]); }
        give(w);
      });
      const died = (why: string) => {
        if (over) return;
        const job = (w as Worker & { job?: number }).job;
        stop();
        reject(new Error(`an all-sizes worker stopped (${why})${job === undefined ? '' : ` while checking ${configName(jobs[job].cfg)}`}`));
      };
      w.on('error', (e) => died(e.message));
      w.on('exit', (code) => died(`exit code ${code}`));
    }
  });
}
