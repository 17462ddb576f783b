// The whole suite for a set of configurations: graph paths on a universe (small by default),
// the explorer's violation and witness traces replayed, and fast-check runs over `paper`.
// The CLI, the tests and the mutation script all call this one function.
import type { NetConfig } from '../model/config.js';
import { type ExploredGraph, type ExploreResult, exploreGraph, storeBoundText } from '../model/explore.js';
import { buildNet } from '../model/net.js';
import { propertiesFor } from '../model/properties.js';
import { type Universe, patientIds } from '../model/universe.js';
import { paper } from '../universes/index.js';
import { DEVIATIONS } from './expected.js';
import { type BoundReached, DEFAULT_LIMITS, type Hooks, type Limits, routeStopsReached } from './limits.js';
import { HOLDING_DIFFERENCES, type Mismatch } from './oracle.js';
import { type RandomReport, runRandom } from './random.js';
import { type PathsReport, runPaths } from './suite.js';
import { type TraceReplay, evidenceOf } from './traces.js';
import { replayExplorerVerdicts } from './verdicts.js';
import type { Makers } from './world.js';

export interface ConformOptions {
  /** universe of the graph paths and trace replays */
  readonly universe: Universe;
  readonly configs: readonly NetConfig[];
  /** integer seed: fast-check's, and (as text) the real parties' */
  readonly seed: number;
  /** fast-check runs per configuration over `randomUniverse` (0: none); commands per run: maxCommands (default 100) */
  readonly runs: number;
  readonly randomUniverse?: Universe;
  readonly maxCommands?: number;
  /** replay the explorer's violation and witness traces (default true) */
  readonly traces?: boolean;
  /** graph paths: run every k-th only (quick runs) */
  readonly sample?: number;
  readonly graph?: boolean;
  readonly make?: Makers;
  /** stop a configuration's paths at the first mismatch (mutation runs) */
  readonly stopAtFirst?: boolean;
  /** shrink failing fast-check runs (default true) */
  readonly shrink?: boolean;
  /** bounds of every stage (default limits.ts DEFAULT_LIMITS; maxCommands above wins for the runs) */
  readonly limits?: Partial<Limits>;
  /** seconds after which no further path or random run starts (default: none) */
  readonly timeBudget?: number;
  /** first mismatch of each stage as found; progress of long stages */
  readonly hooks?: Hooks;
  /** the explorer's run of a configuration (on `universe`, with its catalogue), when the caller
   *  explored it already: its graph gives the paths and its verdicts the traces, so nothing is
   *  explored twice. Called once per configuration. */
  readonly explored?: (config: NetConfig) => { result: ExploreResult; graph: ExploredGraph } | undefined;
}

export interface TraceSummary {
  readonly property: string;
  readonly verdict: string;
  readonly steps: number;
  readonly mismatches: number;
  /** state checks whose route search stopped at maxRouteAttempts (listed in boundsReached too) */
  readonly routeStops: number;
  readonly evidence: string[];
}

/** A replayed trace as the report keeps it, the explorer's and the solver's alike. */
export const traceSummary = (r: TraceReplay, property: string, verdict: string, owners: readonly string[]): TraceSummary => ({
  property, verdict, steps: r.steps, mismatches: r.mismatches.length, routeStops: r.routeStops, evidence: evidenceOf(r, owners),
});

export interface ConfigReport {
  readonly config: NetConfig;
  readonly paths?: PathsReport;
  readonly traces: TraceSummary[];
  readonly random?: RandomReport;
}

export interface ConformanceReport {
  readonly seed: number;
  readonly universe: string;
  readonly randomUniverse: string;
  readonly configs: ConfigReport[];
  totals: { paths: number; steps: number; checks: number; mismatches: number; deviations: number; randomRuns: number; randomSteps: number; randomFailures: number; traces: number; seconds: number; stepsPerSecond: number };
  /** every mismatch, each with path, step, party and both answers */
  readonly mismatches: Mismatch[];
  /** the first mismatch found, where and when (seconds from the start), before any shrinking */
  readonly firstMismatch?: Mismatch & { config: string; stage: string; seconds: number };
  /** the bounds every stage ran under (a bound of null: none) */
  readonly limits: Limits & { timeBudget: number | null };
  /** each place a stage stopped at a bound: its result there is partial */
  readonly boundsReached: BoundReached[];
  readonly deviationCatalogue: ReadonlyArray<{ id: string; describe: string }>;
  readonly holdingDifferences: ReadonlyArray<{ id: string; where: string; what: string }>;
}

export function conform(o: ConformOptions): ConformanceReport {
  const t0 = performance.now();
  const limits: Limits = { ...DEFAULT_LIMITS, ...(o.maxCommands !== undefined && { maxCommands: o.maxCommands }), ...o.limits };
  const deadline = o.timeBudget !== undefined ? t0 + o.timeBudget * 1000 : undefined;
  const configs: ConfigReport[] = [];
  const mismatches: Mismatch[] = [];
  const boundsReached: BoundReached[] = [];
  let firstMismatch: ConformanceReport['firstMismatch'];
  // The caller hears of the first mismatch of each stage at once; the report keeps the very first.
  const hooks: Hooks = {
    ...o.hooks,
    onMismatch: (m, where) => {
      firstMismatch ??= { ...m, ...where, seconds: (performance.now() - t0) / 1000 };
      o.hooks?.onMismatch?.(m, where);
    },
  };
  // One shrink budget for the whole suite: a fault that fails every configuration costs it once.
  let shrinkLeft = limits.shrinkSeconds;
  const worldSeed = `conform-${o.seed}`;
  const bound = { maxStates: limits.maxStates, maxRouteAttempts: limits.maxRouteAttempts };
  for (const [n, config] of o.configs.entries()) {
    if (o.stopAtFirst && mismatches.length) break;
    const name = `${config.profile}/${config.variant}/${config.policy}`;
    const net = buildNet(o.universe, config);
    // One exploration serves the paths and the traces: its graph and its verdicts.
    const wantTraces = o.traces !== false;
    let run = o.explored?.(config);
    if (!run && (o.graph !== false || wantTraces)) {
      hooks.onProgress?.({ stage: 'graph', config: name, done: 0, total: limits.maxStates });
      run = exploreGraph(net, wantTraces ? propertiesFor(config, o.universe) : [], { maxStates: limits.maxStates, onProgress: (n) => hooks.onProgress?.({ stage: 'graph', config: name, done: n, total: limits.maxStates }) });
    }
    const paths = o.graph === false ? undefined : runPaths(net, { seed: worldSeed, make: o.make, stopAtFirst: o.stopAtFirst, sample: o.sample, ...bound, deadline, config: name, hooks, explored: run?.graph });
    if (paths) {
      mismatches.push(...paths.mismatches);
      if (paths.bounds.graphTruncated)
        boundsReached.push(run?.result.cutBy === 'memory'
          ? { bound: 'memory', where: `${name} graph on ${net.U.name}`, detail: `the reachable graph was cut at ${run.result.states} states, the most its markings may take in memory (${storeBoundText(run.result)}); coverage is of the part enumerated` }
          : { bound: 'maxStates', where: `${name} graph on ${net.U.name}`, detail: `the reachable graph was cut at ${limits.maxStates} states; coverage is of the part enumerated` });
      if (paths.bounds.routeStops) boundsReached.push(routeStopsReached(`${name} graph paths`, paths.bounds.routeStops, limits.maxRouteAttempts));
    }
    const traces: TraceSummary[] = [];
    if (wantTraces && !(o.stopAtFirst && mismatches.length) && !(deadline !== undefined && performance.now() > deadline)) {
      hooks.onProgress?.({ stage: 'traces', config: name, done: 0 });
      let told = false;
      for (const r of replayExplorerVerdicts(net, { seed: worldSeed, make: o.make, ...bound, explored: run?.result })) {
        if (r.mismatches.length && !told) { told = true; hooks.onMismatch!(r.mismatches[0], { config: name, stage: 'explorer trace replay' }); }
        mismatches.push(...r.mismatches);
        traces.push(traceSummary(r, r.property, r.verdict, patientIds(net.U)));
      }
      const stops = traces.reduce((a, t) => a + t.routeStops, 0);
      if (stops) boundsReached.push(routeStopsReached(`${name} trace replays`, stops, limits.maxRouteAttempts));
    }
    let random: RandomReport | undefined;
    if (o.runs > 0 && !(o.stopAtFirst && mismatches.length)) {
      // One fast-check seed per configuration (seed + its index), so configurations explore
      // different runs; each report names the seed that replays it.
      random = runRandom(buildNet(o.randomUniverse ?? paper, config), {
        runs: o.runs, seed: o.seed + n, maxCommands: limits.maxCommands, make: o.make, worldSeed, shrink: o.shrink,
        shrinkSeconds: Math.max(shrinkLeft, 0), maxRouteAttempts: limits.maxRouteAttempts, deadline, config: name, hooks,
      });
      if (random.shrink) shrinkLeft -= random.shrink.seconds;
      if (random.counterexample) mismatches.push(...random.counterexample.mismatches);
      if (random.shrink?.stoppedByBudget) boundsReached.push({ bound: 'shrinkSeconds', where: `${name} fast-check`, detail: `shrinking stopped after ${random.shrink.attempts} attempts; the counterexample is the shortest failing run seen (${random.shrink.shortestSteps} of ${random.shrink.firstSteps} steps)` });
      if (random.bounds.routeStops) boundsReached.push(routeStopsReached(`${name} fast-check`, random.bounds.routeStops, limits.maxRouteAttempts));
    }
    if (paths?.bounds.stoppedByDeadline || random?.bounds.stoppedByDeadline) boundsReached.push({ bound: 'timeBudget', where: name, detail: `the time budget of ${o.timeBudget} s ended the stage before every path or run` });
    configs.push({ config, paths, traces, random });
  }
  const sum = (f: (c: ConfigReport) => number) => configs.reduce((a, c) => a + f(c), 0);
  const seconds = (performance.now() - t0) / 1000;
  const steps = sum((c) => c.paths?.steps ?? 0) + sum((c) => c.traces.reduce((a, t) => a + t.steps, 0)) + sum((c) => c.random?.steps ?? 0);
  return {
    seed: o.seed, universe: o.universe.name, randomUniverse: (o.randomUniverse ?? paper).name, configs,
    totals: {
      paths: sum((c) => c.paths?.paths ?? 0), steps, checks: sum((c) => (c.paths?.checks ?? 0) + (c.random?.checks ?? 0)),
      mismatches: mismatches.length, deviations: sum((c) => c.paths?.deviations.length ?? 0),
      randomRuns: sum((c) => c.random?.runs ?? 0), randomSteps: sum((c) => c.random?.steps ?? 0),
      randomFailures: sum((c) => (c.random && !c.random.passed ? 1 : 0)), traces: sum((c) => c.traces.length),
      seconds, stepsPerSecond: steps / seconds,
    },
    mismatches, firstMismatch, limits: { ...limits, timeBudget: o.timeBudget ?? null }, boundsReached,
    deviationCatalogue: DEVIATIONS.map((d) => ({ id: d.id, describe: d.describe })),
    holdingDifferences: HOLDING_DIFFERENCES.map((d) => ({ id: d.id, where: d.where, what: d.what })),
  };
}
