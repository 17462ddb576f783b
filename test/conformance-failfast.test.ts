// A faulty implementation makes the suite speak at once and end within its bounds: the first
// mismatch is handed over before shrinking starts, shrinking stops at its budget with the shortest
// failing run so far, and every stage's bound is reported. Each test carries the runner's own
// timeout, so a hang fails the test instead of stalling the whole run.
import { describe, expect, it } from 'vitest';
import { conform, reachableGraph } from '../conformance/index.js';
import type { Mismatch } from '../conformance/oracle.js';
import { exploreGraph } from '../model/explore.js';
import { m0Of } from '../model/marking.js';
import { buildNet } from '../model/net.js';
import { MarkingStore } from '../model/state-store.js';
import { small } from '../universes/index.js';
import { FAULTS } from '../scripts/faults.js';

const fault = (id: string) => FAULTS.find((f) => f.id === id)!.make;
const config = { profile: 'paper', variant: 'srs-keys', policy: 'history' } as const;

describe('conformance fails fast on a faulty implementation', () => {
  it('r reused for one label across two files: the mismatch is told before shrinking, and shrinking shortens the failing run', { timeout: 120_000 }, () => {
    const told: Array<{ m: Mismatch; at: number }> = [];
    let shrinkStarted: number | undefined;
    const r = conform({
      universe: small, configs: [config], seed: 1, runs: 3, graph: false, traces: false, make: fault('r-reused-across-files'),
      limits: { shrinkSeconds: 5 },
      hooks: {
        onMismatch: (m) => told.push({ m, at: performance.now() }),
        onProgress: (e) => { if (e.stage === 'shrink') shrinkStarted ??= performance.now(); },
      },
    });
    expect(told).toHaveLength(1);
    expect(shrinkStarted, 'shrinking started').toBeDefined();
    expect(told[0].at).toBeLessThanOrEqual(shrinkStarted!);
    expect(r.firstMismatch).toMatchObject({ config: 'paper/srs-keys/history', stage: 'fast-check on paper' });
    // The owner's two r of one label are distinct atoms of the model and the same bytes here.
    expect(r.firstMismatch!.kind).toBe('coincide');
    expect(r.firstMismatch!.model).toMatch(/^r\(f1,(\w+)\), r\(f2,\1\) are distinct values$/);
    expect(r.totals.mismatches).toBeGreaterThan(0);
    const shrink = r.configs[0].random!.shrink!;
    expect(shrink.budgetSeconds).toBe(5);
    expect(shrink.attempts).toBeGreaterThan(0);
    expect(shrink.shortestSteps).toBeLessThan(shrink.firstSteps);
    expect(r.configs[0].random!.counterexample!.events).toHaveLength(shrink.shortestSteps);
    expect(r.limits).toMatchObject({ shrinkSeconds: 5, maxCommands: 100 });
  });

  it('a shrink budget of 0 reports the first failing run as the counterexample, and says the budget stopped it', { timeout: 120_000 }, () => {
    const r = conform({ universe: small, configs: [config], seed: 1, runs: 3, graph: false, traces: false, make: fault('r-reused-across-files'), limits: { shrinkSeconds: 0 } });
    const x = r.configs[0].random!;
    expect(x.passed).toBe(false);
    expect(x.shrink).toMatchObject({ stoppedByBudget: true, attempts: 0 });
    expect(x.counterexample!.events).toHaveLength(x.shrink!.firstSteps);
    expect(r.boundsReached.map((b) => b.bound)).toContain('shrinkSeconds');
  });

  it('the graph and the route search stop at their bounds and say so', { timeout: 120_000 }, () => {
    const g = reachableGraph(buildNet(small, config), 50);
    expect(g.truncated).toBe(true);
    expect(reachableGraph(buildNet(small, config)).truncated).toBe(false);
    // One attempt per coalition and state cannot open anything: where the model reads, the
    // mismatch names the bound, and the report lists where the bound was reached.
    const r = conform({ universe: small, configs: [config], seed: 1, runs: 0, traces: false, sample: 3, limits: { maxRouteAttempts: 1 } });
    expect(r.boundsReached.map((b) => b.bound)).toContain('maxRouteAttempts');
    expect(r.mismatches.some((m) => /within the route search bound \(1 attempts\)/.test(m.impl))).toBe(true);
  });

  it('a route search the bound stopped while replaying the explorer\'s traces is listed too, per trace and in boundsReached', { timeout: 120_000 }, () => {
    // a trace replay ran under the same bound, but only the graph paths' and fast-check's stops were listed
    const adversarial = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' } as const;
    const r = conform({ universe: small, configs: [adversarial], seed: 1, runs: 0, sample: 500, limits: { maxRouteAttempts: 1 } });
    const traces = r.configs[0]!.traces;
    expect(traces.length).toBeGreaterThan(0);
    const stops = traces.reduce((a, t) => a + t.routeStops, 0);
    expect(stops).toBeGreaterThan(0);
    expect(r.boundsReached).toContainEqual({ bound: 'maxRouteAttempts', where: 'adversarial/srs-keys/history trace replays', detail: `${stops} state checks stopped a route search at 1 attempts` });
  });

  it('a graph cut by the explorer\'s memory bound is reported as that bound, with the states it reached', { timeout: 120_000 }, () => {
    // adversarial on small reaches 12 010 states; a quarter of a MiB of markings holds fewer
    const adversarial = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' } as const;
    const net = buildNet(small, adversarial);
    const explored = () => exploreGraph(net, [], { maxStoreBytes: 2 ** 18 });
    const within = MarkingStore.statesWithin(m0Of(net).length, 2 ** 18);
    const r = conform({ universe: small, configs: [adversarial], seed: 1, runs: 0, traces: false, sample: 50, explored });
    const cut = r.boundsReached.filter((b) => b.bound === 'memory');
    expect(cut).toHaveLength(1);
    expect(cut[0].detail).toMatch(new RegExp(`^the reachable graph was cut at ${within} states, the most its markings may take in memory \\(0\\.25 MiB\\)`));
    expect(r.boundsReached.map((b) => b.bound)).not.toContain('maxStates');
  });
});
