// The graph-driven part of the suite for one configuration: enumerate the reachable graph with
// the explorer (or take the exploration already made), select a shortest path for every coverage
// target, run each on a fresh real world, and measure coverage against what is reachable.
import { type ExploredGraph, exploreGraph } from '../model/explore.js';
import { isPatient } from '../model/universe.js';
import type { Net } from '../model/net.js';
import { GroupCache } from './cache.js';
import type { Hooks } from './limits.js';
import { Coverage, type CoverageRow } from './coverage.js';
import type { Mismatch } from './oracle.js';
import { selectExplored } from './paths.js';
import { runEvents } from './run.js';
import type { Makers } from './world.js';

export interface PathsReport {
  readonly universe: string;
  readonly profile: string;
  readonly variant: string;
  readonly policy: string;
  readonly states: number;
  readonly graphSeconds: number;
  readonly paths: number;
  readonly steps: number;
  readonly checks: number;
  readonly mismatches: Mismatch[];
  /** documented deviations met (conformance/expected.ts DEVIATIONS) */
  readonly deviations: Array<{ id: string; path: string; step: number; event: string }>;
  readonly coverage: CoverageRow[];
  readonly unreachableTargets: number;
  readonly seconds: number;
  /** the bounds this stage ran under, and what it reached */
  readonly bounds: { maxStates: number | null; graphTruncated: boolean; maxRouteAttempts: number | null; routeAttempts: number; routeStops: number; pathsRun: number; stoppedByDeadline: boolean };
  /** concrete reads both sides agree on at the end of state-target paths (evidence) */
  readonly evidence: Array<{ path: string; target: string; reads: string[] }>;
}

export interface PathsOptions {
  readonly seed: string;
  readonly make?: Makers;
  /** stop after the first path with a mismatch (mutation runs) */
  readonly stopAtFirst?: boolean;
  /** run only every k-th path (quick test runs); coverage then shows what was skipped */
  readonly sample?: number;
  /** bounds (limits.ts): states of the reachable graph, route search per coalition and state */
  readonly maxStates?: number;
  readonly maxRouteAttempts?: number;
  /** performance.now() after which no further path starts */
  readonly deadline?: number;
  readonly config?: string;
  readonly hooks?: Hooks;
  /** the explorer's graph of this net, when the caller explored it already */
  readonly explored?: ExploredGraph;
}

export function runPaths(net: Net, opts: PathsOptions): PathsReport {
  const t0 = performance.now();
  const config = opts.config ?? `${net.cfg.profile}/${net.cfg.variant}/${net.cfg.policy}`;
  const { onMismatch, onProgress } = opts.hooks ?? {};
  const explored = opts.explored ?? exploreGraph(net, [], { maxStates: opts.maxStates, onProgress: (n) => onProgress?.({ stage: 'graph', config, done: n, total: opts.maxStates }) }).graph;
  const g = { states: explored.store.size, truncated: !explored.complete };
  const sel = selectExplored(explored);
  const graphSeconds = (performance.now() - t0) / 1000;
  const cov = new Coverage(net);
  const cache = new GroupCache();
  let steps = 0, checks = 0, routeAttempts = 0, routeStops = 0, pathsRun = 0, stoppedByDeadline = false;
  const mismatches: Mismatch[] = [];
  const deviations: PathsReport['deviations'] = [];
  const evidence: PathsReport['evidence'] = [];
  cov.observeState(explored.store.marking(0));
  sel.paths.forEach((p, k) => {
    if (opts.stopAtFirst && mismatches.length) return;
    if (opts.sample && k % opts.sample !== 0) return;
    if (stoppedByDeadline || (opts.deadline !== undefined && performance.now() > opts.deadline)) { stoppedByDeadline = true; return; }
    onProgress?.({ stage: 'paths', config, done: k, total: sel.paths.length });
    const run = runEvents(net, p.name, p.events, { seed: opts.seed, make: opts.make, cache, onStep: (o) => cov.observe(o), maxRouteAttempts: opts.maxRouteAttempts });
    pathsRun++;
    steps += p.events.length;
    checks += run.checks;
    routeAttempts = Math.max(routeAttempts, run.routeAttempts);
    routeStops += run.routeStops.length;
    // The stage's first mismatch is told at once; the rest come with the report.
    if (run.mismatches.length && !mismatches.length) onMismatch?.(run.mismatches[0], { config, stage: `graph paths on ${net.U.name}` });
    mismatches.push(...run.mismatches);
    deviations.push(...run.deviations);
    const st = p.targets.filter((t) => t.startsWith('state:'));
    if (st.length) evidence.push({ path: p.name, target: st.join(', '), reads: run.reads.filter((r) => !isPatient(net.U, r.coalition)).map((r) => `${r.coalition} reads ${r.file}/${r.partition} via ${r.route}`) });
  });
  return {
    universe: net.U.name, ...net.cfg, states: g.states, graphSeconds,
    paths: sel.paths.length, steps, checks, mismatches, deviations, coverage: cov.table(sel.reachable),
    unreachableTargets: sel.unreachable.length, seconds: (performance.now() - t0) / 1000, evidence,
    bounds: { maxStates: opts.maxStates ?? null, graphTruncated: g.truncated, maxRouteAttempts: opts.maxRouteAttempts ?? null, routeAttempts, routeStops, pathsRun, stoppedByDeadline },
  };
}
