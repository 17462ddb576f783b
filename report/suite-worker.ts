// One worker thread of report/suite-threads.ts: runs the suite jobs it is sent, one at a time,
// on the group backend the main thread chose, and answers each with its result or its error.
import { parentPort, workerData } from 'node:worker_threads';
import { useBackend } from '../impl/group/group.js';
import type { SuiteJob, SuiteReply, SuiteRequest, SuiteWorkerData } from './suite-threads.js';
import { conform } from '../conformance/conform.js';
import { FAULTS } from '../scripts/faults.js';
import { HONEST, mutationRow } from '../scripts/mutation.js';
import { MODEL_FAULTS, modelMutationScore } from '../scripts/model-faults.js';
import { universeByName } from '../universes/index.js';
import { type Z3Reply, z3FromParent } from '../smt/z3.js';

const byId = <T extends { id: string }>(xs: readonly T[], id: string, what: string): T => {
  const x = xs.find((f) => f.id === id);
  if (!x) throw new Error(`no ${what} named ${id}`);
  return x;
};

async function run(job: SuiteJob): Promise<unknown> {
  switch (job.kind) {
    case 'conformance': {
      const { universe, ...rest } = job.options;
      return conform({ ...rest, universe: universeByName(universe) });
    }
    case 'implementation fault':
      return mutationRow(job.id === HONEST.id ? HONEST : byId(FAULTS, job.id, 'implementation fault'), job.options);
    case 'model fault': {
      const [row] = await modelMutationScore({ golden: job.golden, faults: [byId(MODEL_FAULTS, job.id, 'model fault')] });
      return row;
    }
  }
}

const ready = useBackend((workerData as SuiteWorkerData).backend);
// the model faults' solver from the module the main thread compiled once for every thread
const z3Message = z3FromParent(parentPort!);
parentPort!.on('message', async (req: SuiteRequest | Z3Reply) => {
  if (z3Message(req)) return;
  req = req as SuiteRequest;
  let reply: SuiteReply;
  try {
    await ready;
    reply = { id: req.id, result: await run(req.job) };
  } catch (e) {
    reply = { id: req.id, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
