// `sesphr conform`: model-based conformance of the real implementation against the net: shortest
// paths over the reachable graph (the explorer's), the explorer's violation/witness traces, and seeded
// fast-check runs over the `paper` universe. Prints paths, steps, checks, mismatches and
// coverage, writes reports/conformance.json, and exits 4 when any mismatch was found. The first
// mismatch of each stage is written to stderr the moment it is found; every stage is bounded
// (conformance/limits.ts) and the bounds are printed with the results.
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../../output/atomic-file.js';
import type { Command } from 'commander';
import { type NetConfig, PROFILES } from '../../model/config.js';
import { KIND_NAMES } from '../../conformance/coverage.js';
import { type ConformanceReport, conform, traceSummary } from '../../conformance/conform.js';
import { replaySmtVerdicts } from '../../conformance/smt-traces.js';
import { DEFAULT_LIMITS, describeMismatch } from '../../conformance/limits.js';
import { progressLine } from '../progress.js';
import { buildNet } from '../../model/net.js';
import { patientIds } from '../../model/universe.js';
import { type ExploreResult, type ExploredGraph, exploreGraph } from '../../model/explore.js';
import { propertiesFor } from '../../model/properties.js';

import { CHOICES, BACKEND_HELP, LIMITS, UsageError, configurations, selectBackend, parseIntIn, parseModules, parsePolicy, parseProfile, parseSeed, parseUniverse, parseVariant } from '../options.js';
import { checkOutputDir } from '../paths.js';
import { EXIT, raise } from '../exit.js';
import { configName } from '../../model/config.js';
import { paper } from '../../universes/index.js';

/** the largest reachable graph conformance walks path by path */
const GRAPH_STATES = DEFAULT_LIMITS.maxStates;
/** with --runs 0, the largest graph the quick check before exploring accepts */
const RUNS0_PROBE = 200_000;


function parseSeconds(name: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 86_400) throw new UsageError(`${name} '${v}' is not a number of seconds in [0, 86400]`);
  return n;
}


const pct = (a: number, b?: number) => (b ? `${((100 * a) / b).toFixed(0)} %` : '');

function print(r: ConformanceReport): void {
  const graph = r.configs.some((c) => c.paths) ? `graph paths on '${r.universe}'` : `no graph paths ('${r.universe}' is too large to enumerate)`;
  console.log(`conformance: ${graph}, ${r.totals.randomRuns ? `fast-check runs on '${r.randomUniverse}'` : 'no fast-check runs'}, seed ${r.seed}`);
  for (const c of r.configs) {
    console.log(`\n${configName(c.config).replaceAll('/', ' / ')}`);
    if (c.paths) {
      const p = c.paths;
      console.log(`  graph: ${p.states} reachable states (explorer graph, paths selected in ${p.graphSeconds.toFixed(2)} s); ${p.paths} paths, ${p.steps} steps, ${p.checks} checks, ${p.mismatches.length} mismatches, ${p.seconds.toFixed(1)} s`);
      for (const row of p.coverage) console.log(`    ${KIND_NAMES[row.kind].padEnd(44)} ${String(row.covered).padStart(4)} / ${String(row.reachable).padEnd(4)} ${pct(row.covered, row.reachable)}${row.missing.length ? `  missing: ${row.missing.slice(0, 4).join(', ')}` : ''}`);
      if (p.deviations.length) console.log(`    documented deviations met: ${[...new Set(p.deviations.map((d) => d.id))].join(', ')} (${p.deviations.length} probes)`);
    }
    for (const t of c.traces) console.log(`  trace ${t.property} (${t.verdict}, ${t.steps} steps): ${t.mismatches} mismatches${t.evidence.length ? `; ${t.evidence.slice(0, 2).join('; ')}` : ''}`);
    if (c.random) {
      const x = c.random;
      console.log(`  fast-check on ${x.universe}: ${x.runs} runs, ${x.steps} steps, ${x.checks} checks, ${x.passed ? 'passed' : 'FAILED'} (seed ${x.seed}), ${x.seconds.toFixed(1)} s`);
      console.log(`    exercised: ${x.coverage.map((row) => `${row.covered} ${KIND_NAMES[row.kind]}`).join(', ')}`);
      if (x.counterexample) console.log(`    minimal failing run (replay: --seed ${x.seed}, path ${x.counterexample.path}): ${x.counterexample.events.join(' ; ')}`);
    }
  }
  const l = r.limits;
  console.log(`\nbounds: graph ${l.maxStates} states, route search ${l.maxRouteAttempts} attempts per coalition and state, ${l.maxCommands} commands per random run, shrinking ${l.shrinkSeconds} s${l.timeBudget !== null ? `, time budget ${l.timeBudget} s` : ''}`);
  const used = r.configs.map((c) => Math.max(c.paths?.bounds.routeAttempts ?? 0, c.random?.bounds.routeAttempts ?? 0));
  console.log(`  largest route search: ${Math.max(0, ...used)} attempts; bounds reached: ${r.boundsReached.length ? '' : 'none'}`);
  for (const b of r.boundsReached) console.log(`    ${b.bound} at ${b.where}: ${b.detail}`);
  for (const c of r.configs) if (c.random?.shrink) {
    const x = c.random.shrink;
    console.log(`  shrinking ${configName(c.config)}: ${x.attempts} attempts in ${x.seconds.toFixed(1)} s, ${x.firstSteps} -> ${x.shortestSteps} steps${x.stoppedByBudget ? ' (stopped by the budget: shortest so far)' : ' (done)'}`);
  }
  const t = r.totals;
  console.log(`\ntotal: ${t.paths} paths, ${t.traces} traces, ${t.randomRuns} random runs; ${t.steps} steps, ${t.checks} checks, ${t.mismatches} mismatches, ${t.seconds.toFixed(1)} s (${t.stepsPerSecond.toFixed(0)} steps/s)`);
  for (const m of r.mismatches.slice(0, 20))
    console.log(`  MISMATCH ${m.path} step ${m.step} (${m.event ?? 'initial state'}) ${m.kind} ${m.party}${m.file ? ` ${m.file}/${m.partition}` : ''}: model says ${m.model}; impl says ${m.impl}`);
  if (r.mismatches.length > 20) console.log(`  ... ${r.mismatches.length - 20} more in reports/conformance.json`);
  if (r.firstMismatch) console.log(`first mismatch after ${r.firstMismatch.seconds.toFixed(1)} s (${r.firstMismatch.config}, ${r.firstMismatch.stage}): ${describeMismatch(r.firstMismatch)}`);
}

export function register(program: Command): void {
  program
    .command('conform')
    .description('drive the real implementation through the model: shortest paths, explorer traces, fast-check runs; compare who can decrypt what')
    .option('--universe <name>', 'universe (shipped name or file): graph paths over it while its graph fits the explorer\'s bound, and the fast-check runs over it (over paper when it is small)', 'small')
    .option('--profile <name>', `${CHOICES.profile} (default: all)`)
    .option('--variant <name>', `${CHOICES.variant} (default: both)`)
    .option('--policy <name>', `${CHOICES.policy} (default: both)`)
    .option('--modules <list>', `${CHOICES.modules} (default: none)`)
    .option('--runs <n>', `fast-check runs per configuration, over --universe (over paper when that is small) (${LIMITS.runs.min} to ${LIMITS.runs.max}; 0: none)`, '20')
    .option('--seed <s>', `seed of fast-check and of every party's randomness (${LIMITS.seed.min} to ${LIMITS.seed.max})`, '1')
    .option('--shrink-budget <seconds>', 'seconds spent shrinking failing random runs, over the whole suite; then the shortest failing run so far is reported', String(DEFAULT_LIMITS.shrinkSeconds))
    .option('--time-budget <seconds>', 'no path or random run starts after this many seconds (default: none; the bounds of each stage still apply)')
    .option('--smt', 'also verify the catalogue with the SMT layer and replay its traces (slower)')
    .option('--json', 'print the JSON report instead of tables')
    .option('--target <url>', 'run against the deployment whose SRS is at <url> (started with serve --inspection) instead of in process')
    .option('--cloud <url>', 'with --target: the cloud (default: the one the SRS advertises)')
    .option('--backend <name>', BACKEND_HELP)
    .action(async (o) => {
      const backendName = await selectBackend(o.backend);
      const U = parseUniverse(o.universe);
      const profiles = o.profile !== undefined ? [parseProfile(o.profile)] : PROFILES;
      const configs = configurations(profiles, o.variant !== undefined ? parseVariant(o.variant) : undefined, o.policy !== undefined ? parsePolicy(o.policy) : undefined, o.modules !== undefined ? parseModules(o.modules) : []);
      const runs = parseIntIn('--runs', o.runs, LIMITS.runs);
      const seed = parseSeed(o.seed);
      // Graph paths and explorer traces enumerate every reachable state: a universe whose every
      // chosen configuration has a reachable graph within the bound (`small`, `two-patients`) gets
      // them. Elsewhere (`paper`) the suite is the fast-check runs alone, over the universe asked
      // for (over `paper` when that is `small`).
      checkOutputDir('reports', 'reports');
      // --runs 0 leaves only the graph paths: bad input must fail at once, so before exploring up to
      // millions of states a quick probe must show every graph enumerable within RUNS0_PROBE states.
      if (runs === 0 && !configs.every((cfg) => exploreGraph(buildNet(U, cfg), [], { maxStates: RUNS0_PROBE }).result.complete))
        throw new UsageError(`--runs 0 with --universe '${U.name}' leaves nothing to run (with --runs 0 graph paths need a reachable graph of at most ${RUNS0_PROBE} states a configuration; give --runs 1 or more for graphs up to ${GRAPH_STATES} states)`);
      const progress = progressLine();
      // Each configuration is explored once, with its catalogue: when every one is complete, those
      // explorations give the graph paths and the traces (handed to the suite, each dropped once used).
      const explored = new Map<NetConfig, { result: ExploreResult; graph: ExploredGraph }>();
      const exhaustive = configs.every((cfg) => {
        const run = exploreGraph(buildNet(U, cfg), propertiesFor(cfg, U), { maxStates: GRAPH_STATES, onProgress: (n) => progress.update({ stage: 'graph', config: configName(cfg), done: n, total: GRAPH_STATES }) });
        if (run.result.complete) explored.set(cfg, run);
        return run.result.complete;
      });
      progress.clear();
      if (!exhaustive) explored.clear();
      if (!exhaustive && runs === 0) throw new UsageError(`--runs 0 with --universe '${U.name}' leaves nothing to run (graph paths need a reachable graph of at most ${GRAPH_STATES} states a configuration)`);
      let make;
      if (o.target) {
        // Loaded here: in-process runs start without the HTTP client and its worker.
        const { deploymentLimit, deploymentMakers } = await import('../../conformance/deployment.js');
        const { targetDeployment } = await import('../deployment.js');
        const limited = configs.map((c) => [c, deploymentLimit(c)] as const).find(([, why]) => why);
        if (limited) throw new UsageError(`--target: ${configName(limited[0])} cannot run against a deployment: ${limited[1]}`);
        const d = await targetDeployment(o.target, o.cloud);
        process.stderr.write(`conformance against the deployment: srs ${d.srsUrl}, cloud ${d.cloudUrl}\n`);
        make = deploymentMakers(d, [U, paper]);
      }
      const shrinkSeconds = parseSeconds('--shrink-budget', o.shrinkBudget);
      const timeBudget = o.timeBudget === undefined ? undefined : parseSeconds('--time-budget', o.timeBudget);
      const report: ConformanceReport = conform({
        universe: U, configs, seed, runs, graph: exhaustive, traces: exhaustive,
        explored: (cfg) => {
          const run = explored.get(cfg);
          explored.delete(cfg);
          return run;
        }, ...(U.name !== 'small' && { randomUniverse: U }), limits: { shrinkSeconds }, timeBudget, ...(make && { make }),
        hooks: {
          onProgress: progress.update,
          // Told at once, on stderr, whatever the output mode: a faulty implementation is never silent.
          onMismatch: (m, where) => {
            progress.clear();
            process.stderr.write(`sesphr conform: MISMATCH (${where.config}, ${where.stage}) ${describeMismatch(m)}\n`);
          },
        },
      });
      progress.clear();
      if (o.smt && exhaustive) {
        // Every SMT counterexample and witness, replayed on the implementation like the explorer's.
        for (const c of report.configs) {
          const smt = await replaySmtVerdicts(buildNet(U, c.config), { seed: `conform-${seed}` });
          for (const r of smt) {
            if (!('mismatches' in r)) continue;
            if (r.mismatches.length) process.stderr.write(`sesphr conform: MISMATCH (${configName(c.config)}, SMT trace replay) ${describeMismatch(r.mismatches[0])}\n`);
            report.mismatches.push(...r.mismatches);
            report.totals.mismatches += r.mismatches.length;
            report.totals.traces++;
            // replayed with no route-search bound (replaySmtVerdicts), so no stop to report
            c.traces.push(traceSummary(r, r.property, `${r.verdict}, smt`, patientIds(U)));
          }
        }
      }
      mkdirSync('reports', { recursive: true });
      const json = JSON.stringify({ backend: backendName, ...report }, null, 2) + '\n';
      writeFileAtomic('reports/conformance.json', json);
      if (o.json) process.stdout.write(json);
      else {
        print(report);
        console.log(`\ngroup backend: ${backendName}`);
        console.log('written: reports/conformance.json');
      }
      // Exit 4: a mismatch between the model and the implementation was found.
      if (report.totals.mismatches > 0 || report.totals.randomFailures > 0) raise(EXIT.mismatch);
    });
}
