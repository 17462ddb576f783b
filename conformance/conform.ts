// The whole suite for a set of configurations: graph paths on a universe (small by default),
// the explorer's violation and witness traces replayed, and fast-check runs over `paper`.
// The CLI, the tests and the mutation script all call this one function.
import type { NetConfig } from '../model/config.js';
import { buildNet } from '../model/net.js';
import { type Universe, paper } from '../model/universe.js';
import { DEVIATIONS } from './expected.js';
import { HOLDING_DIFFERENCES, type Mismatch } from './oracle.js';
import { type RandomReport, runRandom } from './random.js';
import { type PathsReport, runPaths } from './suite.js';
import { evidenceOf } from './traces.js';
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
}

export interface TraceSummary {
  readonly property: string;
  readonly verdict: string;
  readonly steps: number;
  readonly mismatches: number;
  readonly evidence: string[];
}

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
  readonly deviationCatalogue: ReadonlyArray<{ id: string; describe: string }>;
  readonly holdingDifferences: ReadonlyArray<{ id: string; where: string; what: string }>;
}

export function conform(o: ConformOptions): ConformanceReport {
  const t0 = performance.now();
  const configs: ConfigReport[] = [];
  const mismatches: Mismatch[] = [];
  const worldSeed = `conform-${o.seed}`;
  for (const [n, config] of o.configs.entries()) {
    if (o.stopAtFirst && mismatches.length) break;
    const net = buildNet(o.universe, config);
    const paths = o.graph === false ? undefined : runPaths(net, { seed: worldSeed, make: o.make, stopAtFirst: o.stopAtFirst, sample: o.sample });
    if (paths) mismatches.push(...paths.mismatches);
    const traces: TraceSummary[] = [];
    if (o.traces !== false && !(o.stopAtFirst && mismatches.length)) {
      for (const r of replayExplorerVerdicts(net, { seed: worldSeed, make: o.make })) {
        mismatches.push(...r.mismatches);
        traces.push({ property: r.property, verdict: r.verdict, steps: r.steps, mismatches: r.mismatches.length, evidence: evidenceOf(r, net.U.owner) });
      }
    }
    let random: RandomReport | undefined;
    if (o.runs > 0 && !(o.stopAtFirst && mismatches.length)) {
      // One fast-check seed per configuration (seed + its index), so configurations explore
      // different runs; each report names the seed that replays it.
      random = runRandom(buildNet(o.randomUniverse ?? paper, config), { runs: o.runs, seed: o.seed + n, maxCommands: o.maxCommands ?? 100, make: o.make, worldSeed, shrink: o.shrink });
      if (random.counterexample) mismatches.push(...random.counterexample.mismatches);
    }
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
    mismatches,
    deviationCatalogue: DEVIATIONS.map((d) => ({ id: d.id, describe: d.describe })),
    holdingDifferences: HOLDING_DIFFERENCES.map((d) => ({ id: d.id, where: d.where, what: d.what })),
  };
}
