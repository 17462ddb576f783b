// One thread of the solver floor (solver-floor.ts): takes query texts from the shared queue until
// it is empty, each evaluated in a fresh context of the build the run uses, exactly as a session's
// context is made, fed and deleted (smt/z3.ts). Before the start signal it solves one text
// untimed, so the build is loaded (and the WASM compiled) outside the timed part.
import { parentPort, workerData } from 'node:worker_threads';
import { evalFresh, z3ErrorOf } from '../smt/z3.js';
import { thisThreadCpu } from './timing.js';

export interface FloorJob {
  readonly texts: readonly string[];
  /** one Int32: the index of the next text to take */
  readonly next: SharedArrayBuffer;
  readonly build: 'wasm' | 'native';
}
export interface FloorReply {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly solved: number;
  /** texts whose output carried an error (the floor must solve what the catalogue solved) */
  readonly errors: number;
}

const job = workerData as FloorJob;
const port = parentPort!;
if (job.texts.length) await evalFresh(job.build, job.texts[job.texts.length - 1]);
port.postMessage('ready');
port.once('message', async () => {
  const next = new Int32Array(job.next);
  const c0 = thisThreadCpu();
  const t0 = performance.now();
  let solved = 0;
  let errors = 0;
  for (let i = Atomics.add(next, 0, 1); i < job.texts.length; i = Atomics.add(next, 0, 1)) {
    if (z3ErrorOf(await evalFresh(job.build, job.texts[i])) !== undefined) errors++;
    solved++;
  }
  const reply: FloorReply = { seconds: (performance.now() - t0) / 1000, cpuSeconds: thisThreadCpu() - c0, solved, errors };
  port.postMessage(reply);
});
