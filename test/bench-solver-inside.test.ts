// The verification bench's split of its ratio to the floor: Z3's own calls inside the catalogue,
// read from the run's time buckets, against Z3 alone on the same files.
import { describe, expect, it } from 'vitest';
import { goalChecks } from '../bench/goals.js';
import { benchSummaryText } from '../bench/table.js';
import { solverInside, type Timings } from '../bench/verification.js';
import { verifyCatalogue } from '../smt/catalogue.js';
import { takeProfile } from '../smt/profile.js';
import { threadClock } from '../smt/thread-clock.js';
import { SOLVER_BUCKETS, SOLVER_CPU_BUCKET } from '../smt/z3.js';

const b = (seconds: number, count = 1) => ({ seconds, count });

describe("Z3's calls inside a catalogue against its floor", () => {
  it('sums the solver buckets only, and spreads them over the threads against the floor', () => {
    const timings: Timings = {
      [SOLVER_BUCKETS.solving]: b(5.5, 2880),
      [SOLVER_BUCKETS.other]: b(1.7, 3960),
      [SOLVER_BUCKETS.make]: b(0.7, 966),
      [SOLVER_BUCKETS.del]: b(0.5, 966),
      // a query's bucket holds its solver calls, and our own work is not the solver's
      'query inductive-invariant': b(8.4, 899),
      'houdini: candidates and their text': b(0.8, 213361),
    };
    const s = solverInside(timings, 2, { seconds: 3.5, cpuSeconds: 7 });
    const sum = 5.5 + 1.7 + 0.7 + 0.5;
    expect(s.seconds).toBeCloseTo(sum, 9);
    expect(s.toFloorCpu).toBeCloseTo(sum / 7, 9);
    expect(s.toFloor).toBeCloseTo(sum / 2 / 3.5, 9);
    // no CPU bucket in the run: no CPU share, rather than one of 0
    expect(s.cpuSeconds).toBeUndefined();
    expect(s.cpuToFloorCpu).toBeUndefined();
  });

  it("puts the calls' own CPU against the floor's CPU, apart from their wall clock", () => {
    const timings: Timings = { [SOLVER_BUCKETS.solving]: b(5.5, 2880), [SOLVER_BUCKETS.other]: b(1.7, 3960), [SOLVER_CPU_BUCKET]: b(6.3, 6840) };
    const s = solverInside(timings, 2, { seconds: 3.5, cpuSeconds: 7 });
    expect(s.seconds).toBeCloseTo(7.2, 9);
    expect(s.cpuSeconds).toBeCloseTo(6.3, 9);
    expect(s.cpuToFloorCpu).toBeCloseTo(0.9, 9);
  });

  it('refuses a run that timed no solver call, instead of a share of 0', () => {
    expect(() => solverInside({ 'random runs (cached per slice)': b(0.7) }, 2, { seconds: 3.5, cpuSeconds: 7 })).toThrow(/timed no solver call/);
  });

  it("finds the solver's buckets in a real catalogue's profile, inside the runs that hold them", async () => {
    takeProfile();
    const results = await verifyCatalogue({ universe: 'small', profiles: ['paper'], variants: ['srs-keys'], policies: ['history'], properties: ['paper.no-ungranted-R'], workers: 1 });
    const timings = takeProfile();
    expect(results.length).toBe(1);
    const s = solverInside(timings, 1, { seconds: 1, cpuSeconds: 1 });
    expect(timings[SOLVER_BUCKETS.solving]!.count).toBeGreaterThan(0);
    expect(timings[SOLVER_BUCKETS.make]!.count).toBeGreaterThan(0);
    expect(s.seconds).toBeGreaterThan(0);
    // every solver call is made inside a run (its property's or its premise's)
    const runs = (timings['run: the property']?.seconds ?? 0) + (timings['run: its premise']?.seconds ?? 0);
    expect(s.seconds).toBeLessThanOrEqual(runs);
    // each call's CPU is timed with it, one count a call, and a thread's CPU never outruns its wall
    // clock (the clocks are read on every machine the tests run on: test/smt-thread-clock.test.ts)
    expect(threadClock()).not.toBeTypeOf('string');
    const calls = Object.values(SOLVER_BUCKETS).reduce((n, k) => n + (timings[k]?.count ?? 0), 0);
    expect(timings[SOLVER_CPU_BUCKET]!.count).toBe(calls);
    expect(s.cpuSeconds!).toBeGreaterThan(0);
    // the CPU is read inside the wall clock's reads (smt/z3.ts solverCall), so it never outruns
    // them: a microsecond a call is the clocks' own rounding, not the reads around the call
    expect(s.cpuSeconds!).toBeLessThanOrEqual(s.seconds + calls * 1e-6);
  }, 120_000);

  it('shows that share beside the ratio, in the goals and in the summary', () => {
    const summary = { worstToFloor: undefined, worstToLimit: undefined, verifySeconds: 6.6, verifyFloorSeconds: 3.2, verifyToFloor: 2.06, verifySolverToFloor: 1.33 };
    const row = goalChecks({ points: [], summary, memory: [] }).find((g) => g.goal.includes('Z3 alone'))!;
    expect(row.measured).toBe("2.06x (Z3's calls inside it alone 1.33x)");
    expect(row.met).toBe(false);
    expect(benchSummaryText(summary)).toContain("verification: 2.06x its floor (6.60 s against 3.20 s; Z3's calls inside it alone 1.33x)");
    const withCpu = { ...summary, verifySolverCpuToFloor: 1.09 };
    expect(goalChecks({ points: [], summary: withCpu, memory: [] }).find((g) => g.goal.includes('Z3 alone'))!.measured).toBe("2.06x (Z3's calls inside it alone 1.33x, by their own CPU 1.09x)");
    expect(benchSummaryText(withCpu)).toContain("3.20 s; Z3's calls inside it alone 1.33x, by their own CPU 1.09x)");
    const without = { ...summary, verifySolverToFloor: undefined };
    expect(goalChecks({ points: [], summary: without, memory: [] }).find((g) => g.goal.includes('Z3 alone'))!.measured).toBe('2.06x');
  });
});
