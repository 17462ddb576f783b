// The floor of `sesphr verify`: Z3 alone on the queries the catalogue wrote, with none of our work
// around it. The catalogue must send every command of every .smt2 file it writes (a file is the
// transcript of one session), so no verification of it can take less than Z3 answering those files.
// Here each distinct file (comments dropped: the same commands under two names are solved once,
// as the catalogue answers a repeated session from memory) is evaluated whole in a fresh context of
// the same build (native or WASM) with no timeout, as z3 alone takes a file (z3 would otherwise
// give it the last timeout any context of the process set: smt/z3.ts `evalFresh`), on as many
// threads as the catalogue used, each thread taking
// the next file from one queue. What the catalogue adds to this is its own work: planning, random
// runs, Houdini's candidates, the text of each command, answers scanned, files written, threads
// started, and a command sent at a time instead of a file at once.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { nativeZ3 } from '../smt/native-z3.js';
import { scriptWithoutProcessFlags } from '../threads/worker-script.js';
import type { FloorJob, FloorReply } from './solver-floor-worker.js';

export interface SolverFloor {
  /** distinct query files solved, of the files found */
  readonly files: number;
  readonly found: number;
  readonly threads: number;
  readonly build: 'wasm' | 'native';
  /** wall clock from the start signal to the last thread's end */
  readonly seconds: number;
  /** CPU of the solving threads, summed */
  readonly cpuSeconds: number;
}

/** Z3 alone on the distinct query files under `dir`, on `threads` threads (see the head of this file). */
export async function solverFloor(dir: string, threads: number): Promise<SolverFloor> {
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.smt2')).sort().map((f) => join(dir, f));
  const texts = [...new Set(files.map((f) => readFileSync(f, 'utf8').replace(/^;.*\n/gm, '')))];
  // the largest first, so no thread is left with a long one at the end
  texts.sort((a, b) => b.length - a.length);
  const build = nativeZ3() ? 'native' : 'wasm';
  const next = new SharedArrayBuffer(4);
  const job: FloorJob = { texts, next, build };
  const { url, execArgv } = scriptWithoutProcessFlags('./solver-floor-worker', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(url, { execArgv, workerData: job }));
  try {
    const message = (w: Worker) => new Promise<unknown>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    await Promise.all(workers.map(message));
    const t0 = performance.now();
    const replies = workers.map(message) as Array<Promise<FloorReply>>;
    for (const w of workers) w.postMessage('go');
    const done = await Promise.all(replies);
    const seconds = (performance.now() - t0) / 1000;
    const errors = done.reduce((n, r) => n + r.errors, 0);
    if (errors) throw new Error(`the solver floor: ${errors} of ${texts.length} query files from ${dir} answered with an error`);
    return { files: texts.length, found: files.length, threads, build, seconds, cpuSeconds: done.reduce((s, r) => s + r.cpuSeconds, 0) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
