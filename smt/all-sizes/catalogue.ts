// The catalogue (module properties included) checked for every size: the planned runs of
// `sesphr verify`, grouped by configuration so that each configuration's invariant is inferred
// once; and the agreement with the finite verdicts of the golden file.
import { performance } from 'node:perf_hooks';
import { MODULES, configName, type NetConfig } from '../../model/config.js';
import { PATIENT_CATALOGUE, type Property, appliesTo } from '../../model/properties.js';
import { withLeanJit } from '../jit.js';
import { workerCount } from '../parallel.js';
import { type CatalogueOptions, plannedRuns } from '../catalogue.js';
import { type AllSizesResult, type ConfigInvariant, checkAllSizes } from './check.js';
import { runConfigsOnWorkers } from './threads.js';
import { allSizesScope } from './symbolic.js';

export interface AllSizesRun {
  readonly seconds: number;
  readonly results: readonly AllSizesResult[];
  readonly configs: readonly ConfigInvariant[];
  /** threads the configurations ran on */
  readonly threads: number;
  /** the .smt2 files the run wrote (with `smtOut`) */
  readonly files: readonly string[];
}

/** The runs `sesphr verify` would plan, every module property included unless modules are named. */
export function allSizesRuns(opts: CatalogueOptions = {}): Array<{ cfg: NetConfig; props: Property[] }> {
  const groups = new Map<string, { cfg: NetConfig; props: Property[] }>();
  for (const { property, cfg } of plannedRuns({ ...opts, modules: opts.modules ?? MODULES })) {
    const k = configName(cfg);
    const g = groups.get(k) ?? { cfg, props: [] };
    g.props.push(property);
    groups.set(k, g);
  }
  return [...groups.values()];
}

/**
 * The runs of the patient-sorted reading (two or more patients): each planned configuration
 * without modules, for its own properties and the patient catalogue's that apply to it (which only
 * several patients can state). A property proved by both readings holds for every number of
 * patients.
 */
export function patientRuns(opts: CatalogueOptions = {}): Array<{ cfg: NetConfig; props: Property[]; patients: true }> {
  return allSizesRuns(opts).filter(({ cfg }) => !cfg.modules?.length).map(({ cfg, props }) => ({
    cfg, props: [...props, ...PATIENT_CATALOGUE.filter((p) => appliesTo(p, cfg) && (!opts.properties || opts.properties.includes(p.id)))], patients: true as const,
  })).filter((j) => j.props.length);
}

/** A property proved on one configuration by both readings covers every number of patients: its verdicts say so. */
export function joinReadings(results: readonly AllSizesResult[]): AllSizesResult[] {
  const key = (r: AllSizesResult) => `${r.property} @ ${r.profile}/${r.variant}/${r.policy}/${(r.modules ?? []).join('+')}`;
  const proved = (r: AllSizesResult) => r.verdict.kind === 'proved-all-sizes';
  const one = new Set(results.filter((r) => !r.patients && proved(r)).map(key));
  const several = new Set(results.filter((r) => r.patients && proved(r)).map(key));
  return results.map((r) => (proved(r) && one.has(key(r)) && several.has(key(r)) && r.verdict.kind === 'proved-all-sizes' ? { ...r, verdict: { ...r.verdict, covers: allSizesScope('both') } } : r));
}

type AllSizesOptions = CatalogueOptions & { patients?: boolean; onConfig?: (c: ConfigInvariant, r: readonly AllSizesResult[]) => void };

/** The catalogue for every size, one configuration a thread (V8's compiler held back meanwhile: ../jit.ts). */
export function verifyAllSizes(opts: AllSizesOptions = {}): Promise<AllSizesRun> {
  return withLeanJit(() => checkCatalogue(opts));
}

async function checkCatalogue(opts: AllSizesOptions): Promise<AllSizesRun> {
  const t0 = performance.now();
  const results: AllSizesResult[] = [];
  const configs: ConfigInvariant[] = [];
  const jobs: Array<{ cfg: NetConfig; props: Property[]; patients?: boolean }> = [...allSizesRuns(opts), ...(opts.patients === false ? [] : patientRuns(opts))];
  const o = { timeoutSeconds: opts.timeoutSeconds, smtOut: opts.smtOut ? `${opts.smtOut}/all-sizes` : undefined };
  // configurations are independent: one a thread, side by side (opts.workers: 1 keeps this thread)
  const threads = workerCount(opts.workers, jobs.length);
  const rs = threads > 1
    ? await runConfigsOnWorkers(jobs, o, threads, (k, r) => opts.onConfig?.(r.invariant, r.results))
    : [];
  if (threads <= 1)
    for (const { cfg, props, patients } of jobs) {
      const r = await checkAllSizes(cfg, props, { ...o, ...(patients && { patients }) });
      rs.push(r);
      opts.onConfig?.(r.invariant, r.results);
    }
  const files: string[] = [];
  for (const r of rs) {
    results.push(...r.results);
    configs.push(r.invariant);
    for (const q of r.records) if (q.path) files.push(q.path);
  }
  results.splice(0, results.length, ...joinReadings(results));
  return { seconds: (performance.now() - t0) / 1000, results, configs, threads, files };
}

/**
 * Where an all-sizes verdict contradicts a finite one: proved for every size but violated on some
 * universe, or violated (by a trace on a universe) where that universe's verdict is proved.
 */
export function contradictions(results: readonly AllSizesResult[], golden: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const r of results) {
    const finite = Object.entries(golden).filter(([k]) => k.startsWith(`${r.property} @ `) && k.endsWith(`/${r.profile}/${r.variant}/${r.policy}`));
    for (const [k, v] of finite) {
      const universe = k.split(' @ ')[1].split('/')[0];
      if (r.verdict.kind === 'proved-all-sizes' && (v === 'violated' || v === 'witness'))
        out.push(`${k}: ${v} on ${universe}, but proved-all-sizes`);
      if ((r.verdict.kind === 'violated' || r.verdict.kind === 'witness') && r.verdict.universe === universe && (v === 'proved' || v === 'unreachable'))
        out.push(`${k}: ${v} on ${universe}, but a ${r.verdict.kind} trace on it`);
    }
  }
  return out;
}
