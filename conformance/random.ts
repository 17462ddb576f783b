// Long random runs with fast-check model-based testing (fc.commands + fc.modelRun): each command
// picks the k-th enabled ground event (fire) or the k-th disabled one (probe: the implementation
// must refuse it, or repeat it without changing any token). The property is "no mismatch after
// any step". Runs are seeded; on failure fast-check shrinks to a minimal command list, and the
// report carries the seed and path to replay it (fc.check with { seed, path }).
import fc from 'fast-check';
import { enabledTransitions, isEnabled } from '../model/marking.js';
import { type NetEvent, eventOf } from '../model/machine.js';
import type { GroundTransition, Net } from '../model/net.js';
import { GroupCache } from './cache.js';
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

export function runRandom(net: Net, opts: RandomOptions): RandomReport {
  const t0 = performance.now();
  const cov = new Coverage(net);
  const cache = new GroupCache();
  const ratio = opts.probeRatio ?? 0.25;
  const probeWeight = Math.round(ratio * 100), fireWeight = 100 - probeWeight;
  const cmd = fc.oneof(
    { weight: fireWeight, arbitrary: fc.nat().map((k) => new Step(net, false, k)) },
    { weight: Math.max(probeWeight, 0), arbitrary: fc.nat().map((k) => new Step(net, true, k)) },
  );
  let steps = 0, checks = 0;
  let worst: RandomReport['counterexample'];
  const prop = fc.property(fc.commands([cmd], { maxCommands: opts.maxCommands ?? 40, size: 'max' }), (cmds) => {
    const run = startRun(net, 'random', { seed: opts.worldSeed ?? `random-${opts.seed}`, make: opts.make, cache, onStep: (o) => cov.observe(o) });
    const model: Model = { run, events: [] };
    try {
      fc.modelRun(() => ({ model, real: null }), cmds);
    } catch (e) {
      if (!worst || model.events.length < worst.events.length)
        worst = { seed: opts.seed, events: [...model.events], mismatches: run.mismatches.slice(0, 10) };
      throw e;
    } finally {
      steps += run.step;
      checks += run.checks;
    }
  });
  const details = fc.check(prop, { seed: opts.seed, numRuns: opts.runs, path: opts.path, endOnFailure: opts.shrink === false });
  if (worst && details.failed) worst = { ...worst, path: details.counterexamplePath ?? undefined };
  return {
    universe: net.U.name, ...net.cfg, runs: details.numRuns, seed: opts.seed, steps, checks, passed: !details.failed,
    counterexample: details.failed ? worst : undefined, coverage: cov.table(), seconds: (performance.now() - t0) / 1000,
  };
}
