// Verification: `sesphr verify` with no options, as a user runs it (a child process: start-up,
// worker threads and the WASM load included), twice. First with an empty answer store (`--fresh`:
// every query solved), then again with the answers the first run recorded (cli/answer-store.ts:
// the same commands get the recorded outputs; the same verdicts and files). Wall clock is what a
// user waits for; the CPU of every thread of the child and the load average say how much of it the
// machine gave. The goal is `sesphr verify` with no options in 10 s. Between the two runs, the
// floor: Z3 alone on the distinct .smt2 files the first run wrote, on as many threads
// (solver-floor.ts), which no run that writes those files can beat. Beside it, the solver's own
// calls as the first run timed them (its verification.json): what the same Z3 took inside the
// catalogue, so the ratio to the floor splits into the solver's share and ours. `small` checks the
// paper profile of the srs-keys variant only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerCount } from '../smt/parallel.js';
import { plannedRuns } from '../smt/catalogue.js';
import type { VerifyResult } from '../smt/verdict.js';
import { SOLVER_BUCKETS, SOLVER_CPU_BUCKET } from '../smt/z3.js';
import { scriptWithoutProcessFlags } from '../threads/worker-script.js';
import { solverFloor, type SolverFloor } from './solver-floor.js';
import type { BenchPoint, SolverInside, VerificationTable } from './types.js';

/** A run's time buckets, as its verification.json keeps them (smt/profile.ts). */
export type Timings = Readonly<Record<string, { seconds: number; count: number }>>;

/**
 * Z3's own calls inside a catalogue (their buckets summed over threads) against Z3 alone on the
 * same files. `toFloor` is those calls spread evenly over the run's threads, over the floor's wall
 * clock: what the catalogue would still take against its floor with none of our own work around
 * the calls, each call as slow as it was inside the catalogue. The same calls by their threads' own
 * CPU (`cpuSeconds`, where the run could read it) against the floor's CPU (`cpuToFloorCpu`): the
 * solver's work alone, without the time its threads waited for a core.
 */
export function solverInside(timings: Timings, threads: number, floor: Pick<SolverFloor, 'seconds' | 'cpuSeconds'>): SolverInside {
  const seconds = Object.values(SOLVER_BUCKETS).reduce((sum, name) => sum + (timings[name]?.seconds ?? 0), 0);
  const calls = timings[SOLVER_BUCKETS.solving]?.count ?? 0;
  if (calls === 0) throw new Error(`bench: the verification run timed no solver call ("${SOLVER_BUCKETS.solving}")`);
  const cpuSeconds = timings[SOLVER_CPU_BUCKET]?.seconds;
  return {
    seconds,
    toFloorCpu: seconds / floor.cpuSeconds,
    toFloor: seconds / threads / floor.seconds,
    ...(cpuSeconds === undefined ? {} : { cpuSeconds, cpuToFloorCpu: cpuSeconds / floor.cpuSeconds }),
  };
}

interface CliRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly loadAverage: number;
  readonly results: VerifyResult[];
  /** the child's line about the answers: how many commands came from the store, how many queries were solved */
  readonly answers: string;
  readonly timings: Timings;
}

/** One `sesphr verify` in a child process, in `dir` (its reports/ and .smt2 files go there). */
function verifyCli(dir: string, args: readonly string[]): CliRun {
  const { url, execArgv } = scriptWithoutProcessFlags('../cli/sesphr', import.meta.url);
  const cli = fileURLToPath(url);
  const load = loadavg()[0];
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [...execArgv, cli, 'verify', '--json', '--answers', join(dir, 'answers'), '--smt-out', join(dir, 'smt2'), ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`sesphr verify exited ${child.status}: ${(child.stderr ?? '').slice(-500)}`);
  const report = JSON.parse(readFileSync(join(dir, 'reports', 'verification.json'), 'utf8')) as { cpu: { seconds: number }; answers: { summary: string }; timings: Timings; results: VerifyResult[] };
  return { seconds, cpuSeconds: report.cpu.seconds, loadAverage: load, results: report.results, answers: report.answers.summary, timings: report.timings };
}

export async function verificationBench(small: boolean): Promise<{ point: BenchPoint; table: VerificationTable }> {
  const opts = small ? { profiles: ['paper' as const], variants: ['srs-keys' as const] } : {};
  const args = small ? ['--profile', 'paper', '--variant', 'srs-keys'] : [];
  const dir = mkdtempSync(join(tmpdir(), 'sesphr-bench-verify-'));
  try {
    const threads = workerCount(undefined, plannedRuns(opts).length);
    const cold = verifyCli(dir, [...args, '--fresh']);
    const floor = await solverFloor(join(dir, 'smt2'), threads);
    const warm = verifyCli(dir, args);
    const same = warm.results.length === cold.results.length && warm.results.every((r, k) => r.verdict.kind === cold.results[k].verdict.kind);
    if (!same) throw new Error('the run with stored answers reached other verdicts than the run that solved them');
    const byProperty = new Map<string, { runs: number; seconds: number; verdicts: Record<string, number> }>();
    for (const r of cold.results) {
      const e = byProperty.get(r.property) ?? { runs: 0, seconds: 0, verdicts: {} };
      e.runs++;
      e.seconds += r.seconds;
      e.verdicts[r.verdict.kind] = (e.verdicts[r.verdict.kind] ?? 0) + 1;
      byProperty.set(r.property, e);
    }
    return {
      point: { figure: 'verify-catalogue', x: cold.results.length, xLabel: 'runs', ours: { min: cold.seconds, median: cold.seconds, max: cold.seconds }, floor: floor.seconds },
      table: {
        scope: small ? 'paper profile, srs-keys, both policies' : 'whole catalogue: every profile, variant and policy',
        runs: cold.results.length,
        seconds: cold.seconds,
        cpuSeconds: cold.cpuSeconds,
        threads,
        loadAverage: cold.loadAverage,
        goalSeconds: 10,
        solverFloor: floor,
        solverInside: solverInside(cold.timings, threads, floor),
        stored: { seconds: warm.seconds, cpuSeconds: warm.cpuSeconds, loadAverage: warm.loadAverage, answers: warm.answers },
        perProperty: [...byProperty].map(([property, e]) => ({ property, ...e })).sort((a, b) => b.seconds - a.seconds),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
