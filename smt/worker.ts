// One verification thread of the catalogue (smt/parallel.ts): its own z3-solver instance, its
// own nets, and per run exactly the proofs the sequential order would know at that run's start.
// A run is checked by the same checkRun (the verdict, its premise, its fingerprints) as in the main thread, so its queries, .smt2
// files and verdict are the same; only the thread differs.
import { parentPort } from 'node:worker_threads';
import { configName, type NetConfig } from '../model/config.js';
import { buildNet, type Net } from '../model/net.js';
import { propertyById } from '../model/properties.js';
import type { Universe } from '../model/universe.js';
import { forgetAnswered, learnAnswered, type StoreSetting, takeAnswered, useStoreSetting } from './answered.js';
import { type Profile, takeProfile, timed } from './profile.js';
import { allProofs, resetProofs, type ProofMethod } from './proved.js';
import { checkRun, type VerifyOptions } from './verify.js';
import { type Z3Reply, z3FromParent } from './z3.js';

export interface RunRequest {
  readonly id: number;
  readonly universe: Universe;
  readonly cfg: NetConfig;
  readonly property: string;
  readonly opts: VerifyOptions;
  readonly proofs: Array<[string, ProofMethod]>;
  /** outputs z3 gave to command sequences on other threads since this worker's last run (smt/answered.ts) */
  readonly answered: Array<[string, string]>;
  /** the first run of a catalogue on this worker: forget the answers of earlier catalogues first */
  readonly fresh: boolean;
  /** the store the main thread uses now (smt/answered.ts): a worker kept from an earlier catalogue has that one's environment */
  readonly store: StoreSetting;
}

export type RunReply =
  | { readonly id: number; readonly result: import('./verdict.js').VerifyResult; readonly proofs: Array<[string, ProofMethod]>; readonly profile: Profile; readonly answered: Array<[string, string]> }
  | { readonly id: number; readonly error: string };

const port = parentPort;
if (!port) throw new Error('smt/worker.ts runs as a worker thread of smt/parallel.ts');

// the solver from the module the main thread compiled once for every thread (smt/z3.ts)
const z3Message = z3FromParent(port);

const nets = new Map<string, Net>();
const netOf = (U: Universe, cfg: NetConfig) => {
  const key = `${JSON.stringify(U)}\n${configName(cfg)}`;
  let n = nets.get(key);
  if (!n) nets.set(key, (n = timed('nets: build (per thread)', () => buildNet(U, cfg))));
  return n;
};

port.on('message', async (req: RunRequest | Z3Reply) => {
  if (z3Message(req)) return;
  req = req as RunRequest;
  let reply: RunReply;
  try {
    resetProofs(req.proofs);
    useStoreSetting(req.store);
    if (req.fresh) forgetAnswered();
    learnAnswered(req.answered);
    const result = await checkRun(netOf(req.universe, req.cfg), propertyById(req.property), req.opts);
    reply = { id: req.id, result, proofs: allProofs(), profile: takeProfile(), answered: takeAnswered() };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
