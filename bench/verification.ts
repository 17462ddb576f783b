// Verification: the SMT catalogue's time (smt/verify.ts verifyCatalogue, in-process Z3, one
// worker thread per core), whole and per property. Wall clock: the solver's time is what a user
// waits for; the CPU of every thread and the load average say how much of it the machine gave.
// The goal is `sesphr verify` with no options in 10 s. `small` checks the paper profile of the
// srs-keys variant only.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { workerCount } from '../smt/parallel.js';
import { plannedRuns, verifyCatalogue } from '../smt/verify.js';
import type { BenchPoint, VerificationTable } from './types.js';

export async function verificationBench(small: boolean): Promise<{ point: BenchPoint; table: VerificationTable }> {
  const opts = small ? { profiles: ['paper' as const], variants: ['srs-keys' as const] } : {};
  const load = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await verifyCatalogue(opts);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const byProperty = new Map<string, { runs: number; seconds: number; verdicts: Record<string, number> }>();
  for (const r of results) {
    const e = byProperty.get(r.property) ?? { runs: 0, seconds: 0, verdicts: {} };
    e.runs++;
    e.seconds += r.seconds;
    e.verdicts[r.verdict.kind] = (e.verdicts[r.verdict.kind] ?? 0) + 1;
    byProperty.set(r.property, e);
  }
  return {
    point: { figure: 'verify-catalogue', x: results.length, xLabel: 'runs', ours: { min: seconds, median: seconds, max: seconds } },
    table: {
      scope: small ? 'paper profile, srs-keys, both policies' : 'whole catalogue: every profile, variant and policy',
      runs: results.length,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      threads: workerCount(undefined, plannedRuns(opts).length),
      loadAverage: load,
      goalSeconds: 10,
      perProperty: [...byProperty].map(([property, e]) => ({ property, ...e })).sort((a, b) => b.seconds - a.seconds),
    },
  };
}
