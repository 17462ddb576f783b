// The catalogue: which runs a selection of properties, profiles, variants and policies plans on a
// universe, and the planned runs checked, on worker threads when there are cores for them. One
// run is checked by verify.ts (checkRun); this file is the main thread's side of a catalogue,
// apart from verify.ts so that the worker threads, which are handed their universe as data, do not
// load the universe files and their schema.
import { configName, PROFILES, validConfigs, type Module, type NetConfig, type Policy, type Profile, type Variant } from '../model/config.js';
import { buildNet, type Net } from '../model/net.js';
import { CATALOGUE, LIFECYCLE_CATALOGUE, MODULE_CATALOGUE, PATIENT_CATALOGUE, propertyById, universeHas, type Property } from '../model/properties.js';
import { type Universe } from '../model/universe.js';
import { universeByName } from '../universes/index.js';
import { forgetAnswered } from './answered.js';
import { withLeanJit } from './jit.js';
import { runOnWorkers, workerCount } from './parallel.js';
import { resetProofs } from './proved.js';
import type { VerifyResult } from './verdict.js';
import { checkRun, partKeys, type VerifyOptions } from './verify.js';

export interface CatalogueOptions extends VerifyOptions {
  /** a universe by name (model/universe.ts) or a universe value (benchmarks grow their own) */
  readonly universe?: string | Universe;
  readonly profiles?: readonly Profile[];
  readonly variants?: readonly Variant[];
  readonly policies?: readonly Policy[];
  /** property ids; all of the catalogue when absent */
  readonly properties?: readonly string[];
  /** optional modules: adds every module property these modules cover (each run with its own modules on) */
  readonly modules?: readonly Module[];
  /** called as each result arrives, in the runs' order (progress output) */
  readonly onResult?: (r: VerifyResult) => void;
  /** threads checking runs side by side (smt/parallel.ts); default one per core; 1: this thread only */
  readonly workers?: number;
}

export interface PlannedRun {
  readonly property: Property;
  readonly cfg: NetConfig;
}

/** The catalogue's universe: the one given, or the one named (`paper` by default). */
const universeOf = (opts: CatalogueOptions): Universe => (typeof opts.universe === 'object' ? opts.universe : universeByName(opts.universe ?? 'paper'));

/** Each property on each of its profiles (or those asked for), every variant and policy asked for, invalid combinations skipped.
 *  A module property runs on nets with exactly its own modules on. */
export function plannedRuns(opts: CatalogueOptions = {}): PlannedRun[] {
  const covered = (p: Property) => (p.modules ?? []).every((m) => opts.modules?.includes(m));
  // the patient catalogue only where there are patients enough for it to say anything
  const U = universeOf(opts);
  const enough = (p: Property) => U.patients.length >= (p.minPatients ?? 1) && universeHas(p, U);
  const props = (opts.properties ? opts.properties.map(propertyById) : [...CATALOGUE, ...(opts.modules?.length ? MODULE_CATALOGUE.filter(covered) : []), ...PATIENT_CATALOGUE, ...LIFECYCLE_CATALOGUE]).filter(enough);
  const out: PlannedRun[] = [];
  for (const property of props) {
    const profiles = PROFILES.filter((p) => property.profiles.includes(p) && (!opts.profiles || opts.profiles.includes(p)));
    for (const cfg of validConfigs(profiles, opts.variants, opts.policies, property.modules)) out.push({ property, cfg });
  }
  return out;
}

/**
 * The catalogue running in this process, if any. A catalogue's answers and proofs are tables of the
 * thread (answered.ts, proved.ts) and of its workers (parallel.ts), which each catalogue starts
 * empty: a second catalogue started beside it would empty them under it, and the first would take
 * as proved, or prove again, what it would not alone. So a catalogue waits for the one before.
 */
let running: Promise<unknown> = Promise.resolve();

/** The planned runs checked, on worker threads when there are cores for them (V8's compiler held back meanwhile: jit.ts); after any catalogue already running in the process. */
export function verifyCatalogue(opts: CatalogueOptions = {}): Promise<VerifyResult[]> {
  const mine = running.then(() => withLeanJit(() => checkCatalogue(opts)));
  running = mine.catch(() => undefined);
  return mine;
}

async function checkCatalogue(opts: CatalogueOptions): Promise<VerifyResult[]> {
  const U = universeOf(opts);
  const nets = new Map<string, Net>();
  const netOf = (cfg: NetConfig) => {
    const key = configName(cfg);
    let n = nets.get(key);
    if (!n) nets.set(key, (n = buildNet(U, cfg)));
    return n;
  };
  const runs = plannedRuns(opts);
  const threads = workerCount(opts.workers, runs.length);
  // a catalogue starts knowing no answer of this process's earlier catalogues (answered.ts) and
  // no proof: a part proved by an earlier catalogue would be taken as proved here and its file not
  // written, so the catalogue's runs, files and verdicts would depend on what the process ran before
  forgetAnswered();
  resetProofs([]);
  if (threads > 1) {
    const { onResult, universe: _u, ...verifyOpts } = opts;
    return runOnWorkers(U, runs.map(({ property, cfg }) => ({ property: property.id, cfg, keys: () => partKeys(netOf(cfg), property) })), verifyOpts, threads, onResult);
  }
  const out: VerifyResult[] = [];
  for (const { property, cfg } of runs) {
    const r = await checkRun(netOf(cfg), property, opts);
    opts.onResult?.(r);
    out.push(r);
  }
  return out;
}
