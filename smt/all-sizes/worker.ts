// One thread of the all-sizes catalogue (threads.ts): its own z3-solver instance; per request,
// one configuration checked by the same checkAllSizes as on the main thread, so its queries,
// .smt2 files and verdicts are the same; only the thread differs.
import { parentPort } from 'node:worker_threads';
import type { NetConfig } from '../../model/config.js';
import { propertyById } from '../../model/properties.js';
import { type Profile, takeProfile } from '../profile.js';
import { type WasmModule, shareCompiledZ3 } from '../z3.js';
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

/** The z3 WASM module the main thread compiled, sent when asked (smt/z3.ts compileZ3): one compilation for every thread. */
export interface Z3ModuleReply { readonly z3Module: WasmModule }

const port = parentPort;
if (!port) throw new Error('smt/all-sizes/worker.ts runs as a worker thread of smt/all-sizes/threads.ts');

let z3Module: ((m: WasmModule) => void) | undefined;
shareCompiledZ3(() => new Promise((resolve) => { z3Module = resolve; port.postMessage({ wantZ3: true }); }));

port.on('message', async (req: ConfigRequest | Z3ModuleReply) => {
  if ('z3Module' in req) return z3Module?.(req.z3Module);
  let reply: ConfigReply;
  try {
    reply = { id: req.id, result: await checkAllSizes(req.cfg, req.properties.map(propertyById), req.opts), profile: takeProfile() };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
