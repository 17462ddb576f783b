// Long random runs with fast-check model-based testing (fc.commands + fc.modelRun): each command
// picks the k-th enabled ground event (fire) or the k-th disabled one (probe: the implementation
// must refuse it, or repeat it without changing any token). The property is "no mismatch after
// any step". Runs are seeded; on failure fast-check shrinks to a minimal command list, and the
// report carries the seed and path to replay it (fc.check with { seed, path }).
// Failing fast: the first mismatch is handed to `onMismatch` the moment it is found, before any
// shrinking; shrinking then runs within a time budget and the shortest failing run seen so far is
// the counterexample when it ends. Every shrink attempt replays a whole run on fresh real parties
// under the oracle, and fast-check also shrinks each command's k (most smaller k still pick a
// failing event, and each success restarts the pass): unbudgeted, that shrink of one failing run
// took thousands of attempts and tens of minutes, with nothing reported until it ended.
import fc from 'fast-check';
import { enabledTransitions, isEnabled } from '../model/marking.js';
import { type NetEvent, eventOf } from '../model/machine.js';
import type { GroundTransition, Net } from '../model/net.js';
import { GroupCache } from './cache.js';
import { DEFAULT_LIMITS, type Hooks } from './limits.js';
import { Coverage, type CoverageRow } from './coverage.js';
import { DEVIATIONS } from './expected.js';
import type { Mismatch } from './oracle.js';
import { type Run, send, startRun } from './run.js';
import type { Makers } from './world.js';

export interface RandomOptions {
  readonly runs: number;
  /** fast-check seed (an integer) */
  readonly seed: number;
  /** replay one shrunk counterexample: the path fast-check reported */
  readonly path?: string;
  readonly maxCommands?: number;
  /** share of probe commands among fire commands, in [0,1] (default 0.25) */
  readonly probeRatio?: number;
  /** seed of the real parties' randomness */
  readonly worldSeed?: string;
  readonly make?: Makers;
  /** shrink a failing run to a minimal one (default true; each attempt re-runs real crypto) */
  readonly shrink?: boolean;
  /** seconds of shrinking after the first failure (default limits.ts shrinkSeconds) */
  readonly shrinkSeconds?: number;
  /** bound of each coalition's route search per state (limits.ts) */
  readonly maxRouteAttempts?: number;
  /** performance.now() after which no further run starts (the runs so far are reported) */
  readonly deadline?: number;
  /** configuration name for hooks */
  readonly config?: string;
  readonly hooks?: Hooks;
}

export interface ShrinkReport {
  /** shrink attempts made (each a whole run replayed) */
  readonly attempts: number;
  readonly seconds: number;
  readonly budgetSeconds: number;
  /** the budget ended the shrinking (the counterexample is the shortest seen, maybe not minimal) */
  readonly stoppedByBudget: boolean;
  /** steps of the first failing run, and of the shortest */
  readonly firstSteps: number;
  readonly shortestSteps: number;
}

export interface RandomReport {
  readonly universe: string;
  readonly profile: string;
  readonly variant: string;
  readonly policy: string;
  readonly runs: number;
  readonly seed: number;
  readonly steps: number;
  readonly checks: number;
  readonly passed: boolean;
  /** the smallest failing run seen (after shrinking), its events and its mismatches */
  readonly counterexample?: { seed: number; path?: string; events: string[]; mismatches: Mismatch[] };
  /** the first mismatch, as found (before shrinking), and when */
  readonly firstMismatch?: Mismatch & { seconds: number };
  readonly shrink?: ShrinkReport;
  /** the bounds this stage ran under, and what it reached */
  readonly bounds: { maxCommands: number; maxRouteAttempts: number | null; routeAttempts: number; routeStops: number; stoppedByDeadline: boolean };
  readonly coverage: CoverageRow[];
  readonly seconds: number;
}

interface Model { run: Run; events: string[] }

/** A probe must be a plain refusal case: never an event under a documented deviation. */
function probeable(net: Net, run: Run, t: GroundTransition): boolean {
  return !isEnabled(net, t, run.marking) && !DEVIATIONS.some((d) => d.applies(net, run.marking, t));
}

class Step implements fc.Command<Model, null> {
  private label = '?';
  constructor(readonly net: Net, readonly probe: boolean, readonly k: number) {}
  check(): boolean {
    return true;
  }
  run(m: Model): void {
    const { net } = this;
    const pool = this.probe ? net.transitions.filter((t) => probeable(net, m.run, t)) : enabledTransitions(net, m.run.marking);
    if (pool.length === 0) { this.label = this.probe ? 'probe: none' : 'fire: deadlock'; return; }
    const t = pool[this.k % pool.length];
    const e: NetEvent = eventOf(t);
    this.label = `${this.probe ? 'probe' : 'fire'} ${t.id}`;
    m.events.push(this.label);
    const before = m.run.mismatches.length;
    send(m.run, e);
    if (m.run.mismatches.length > before) {
      const x = m.run.mismatches[before];
      throw new Error(`step ${x.step} ${x.event}: ${x.kind} mismatch for ${x.party}${x.file ? ` on ${x.file}/${x.partition}` : ''}: model ${x.model}, impl ${x.impl}`);
    }
  }
  toString(): string {
    return this.label;
  }
}

/** Thrown inside the property to end fast-check's loop (generation or shrinking) at a bound. */
const interrupt = () => new fc.PreconditionFailure(true);

export function runRandom(net: Net, opts: RandomOptions): RandomReport {
  const t0 = performance.now();
  const maxCommands = opts.maxCommands ?? 40;
  const budgetSeconds = opts.shrinkSeconds ?? DEFAULT_LIMITS.shrinkSeconds;
  const config = opts.config ?? `${net.cfg.profile}/${net.cfg.variant}/${net.cfg.policy}`;
  const { onMismatch, onProgress } = opts.hooks ?? {};
  const cov = new Coverage(net);
  const cache = new GroupCache();
  const ratio = opts.probeRatio ?? 0.25;
  const probeWeight = Math.round(ratio * 100), fireWeight = 100 - probeWeight;
  const cmd = fc.oneof(
    { weight: fireWeight, arbitrary: fc.nat().map((k) => new Step(net, false, k)) },
    { weight: Math.max(probeWeight, 0), arbitrary: fc.nat().map((k) => new Step(net, true, k)) },
  );
  let steps = 0, checks = 0, runsDone = 0, attempts = 0, routeAttempts = 0, routeStops = 0;
  let worst: RandomReport['counterexample'];
  let first: RandomReport['firstMismatch'];
  let firstSteps = 0, failedAt = 0, stoppedByBudget = false, stoppedByDeadline = false;
  const prop = fc.property(fc.commands([cmd], { maxCommands, size: 'max' }), (cmds) => {
    const now = performance.now();
    if (first) {
      // Shrinking: every attempt replays a whole run; the budget ends it.
      if (now - failedAt > budgetSeconds * 1000) { stoppedByBudget = true; throw interrupt(); }
      attempts++;
      onProgress?.({ stage: 'shrink', config, done: attempts, note: `shortest failing run ${worst?.events.length ?? firstSteps} steps` });
    } else {
      if (opts.deadline !== undefined && now > opts.deadline) { stoppedByDeadline = true; throw interrupt(); }
      // counted outside the optional call: `f?.(x++)` skips the increment when f is absent
      runsDone++;
      onProgress?.({ stage: 'random', config, done: runsDone - 1, total: opts.runs });
    }
    const shrinking = first !== undefined;
    const onStep = (o: Parameters<Coverage['observe']>[0]) => {
      cov.observe(o);
      if (!shrinking) onProgress?.({ stage: 'random', config, done: runsDone - 1, total: opts.runs, note: `run ${runsDone}, step ${o.t.id}` });
    };
    const run = startRun(net, 'random', { seed: opts.worldSeed ?? `random-${opts.seed}`, make: opts.make, cache, onStep, maxRouteAttempts: opts.maxRouteAttempts });
    const model: Model = { run, events: [] };
    try {
      fc.modelRun(() => ({ model, real: null }), cmds);
    } catch (e) {
      if (!first) {
        // Anything that fails the run starts the shrink budget; an exception that is not a
        // mismatch is reported as a crash of the run, never swallowed.
        failedAt = performance.now();
        firstSteps = model.events.length;
        const m: Mismatch = run.mismatches[0] ?? { kind: 'crash', path: run.name, step: run.step, party: '-', model: 'the run completes', impl: `threw ${e instanceof Error ? e.message : String(e)}` };
        first = { ...m, seconds: (failedAt - t0) / 1000 };
        onMismatch?.(m, { config, stage: `fast-check on ${net.U.name}` });
      }
      if (!worst || model.events.length < worst.events.length)
        worst = { seed: opts.seed, events: [...model.events], mismatches: run.mismatches.slice(0, 10) };
      throw e;
    } finally {
      steps += run.step;
      checks += run.checks;
      routeAttempts = Math.max(routeAttempts, run.routeAttempts);
      routeStops += run.routeStops.length;
    }
  });
  const details = fc.check(prop, { seed: opts.seed, numRuns: opts.runs, path: opts.path, endOnFailure: opts.shrink === false });
  const failed = details.counterexample !== null;
  if (worst && failed) worst = { ...worst, path: details.counterexamplePath ?? undefined };
  return {
    universe: net.U.name, ...net.cfg, runs: runsDone, seed: opts.seed, steps, checks, passed: !failed,
    counterexample: failed ? worst : undefined, firstMismatch: first,
    shrink: first && { attempts, seconds: (performance.now() - failedAt) / 1000, budgetSeconds, stoppedByBudget, firstSteps, shortestSteps: worst?.events.length ?? firstSteps },
    bounds: { maxCommands, maxRouteAttempts: opts.maxRouteAttempts ?? null, routeAttempts, routeStops, stoppedByDeadline },
    coverage: cov.table(), seconds: (performance.now() - t0) / 1000,
  };
}
