// One thread of the all-sizes catalogue (threads.ts): its own solver (smt/z3.ts); per request,
// one configuration checked by the same checkAllSizes as on the main thread, so its queries,
// .smt2 files and verdicts are the same; only the thread differs.
import { parentPort } from 'node:worker_threads';
import type { NetConfig } from '../../model/config.js';
import { propertyById } from '../../model/properties.js';
import { type Profile, takeProfile } from '../profile.js';
import { type Z3Reply, z3FromParent } from '../z3.js';
import { type AllSizesOptions, checkAllSizes } from './check.js';

export interface ConfigRequest {
  readonly id: number;
  readonly cfg: NetConfig;
  readonly properties: readonly string[];
  readonly opts: Pick<AllSizesOptions, 'timeoutSeconds' | 'smtOut' | 'patients'>;
}

export type ConfigReply =
  | { readonly id: number; readonly result: Awaited<ReturnType<typeof checkAllSizes>>; readonly profile: Profile }
  | { readonly id: number; readonly error: string };

const port = parentPort;
if (!port) throw new Error('smt/all-sizes/worker.ts runs as a worker thread of smt/all-sizes/threads.ts');

// the solver from the module the main thread compiled once for every thread (smt/z3.ts)
const z3Message = z3FromParent(port);

port.on('message', async (req: ConfigRequest | Z3Reply) => {
  if (z3Message(req)) return;
  req = req as ConfigRequest;
  let reply: ConfigReply;
  try {
    reply = { id: req.id, result: await checkAllSizes(req.cfg, req.properties.map(propertyById), req.opts), profile: takeProfile() };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
