// Verification: the SMT catalogue's time (smt/verify.ts verifyCatalogue, in-process Z3), whole
// and per property. Wall clock: the solver's time is what a user waits for. `small` checks the
// paper profile of the srs-keys variant only.
import { performance } from 'node:perf_hooks';
import { verifyCatalogue } from '../smt/verify.js';
import type { BenchPoint, VerificationTable } from './types.js';

export async function verificationBench(small: boolean): Promise<{ point: BenchPoint; table: VerificationTable }> {
  const t0 = performance.now();
  const results = await verifyCatalogue(small ? { profiles: ['paper'], variants: ['srs-keys'] } : {});
  const seconds = (performance.now() - t0) / 1000;
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
      perProperty: [...byProperty].map(([property, e]) => ({ property, ...e })).sort((a, b) => b.seconds - a.seconds),
    },
  };
}
