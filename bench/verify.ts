// `node --import ./register.mjs bench/verify.ts [--universe U] [--threads N] [--compare] [--native N] [--reproduce quick|full|both] [--out FILE]`:
// the SMT layer's own benchmark. Times the whole default catalogue (wall clock and the process's
// CPU, all threads, since the machines are shared; the load average is printed beside them),
// per property and per method, then reruns the same .smt2 files in-process (WASM) and with
// native z3 when it is on PATH, for their ratio. `--compare` first runs the catalogue on one
// thread and prints the ratio of the threaded run to it (the verdicts must be the same). Note
// the native z3 of a distribution may be an older release than the WASM build: both versions
// are printed, and the ratio compares builds, not just WASM against native code.
// Every figure is printed against its goal as a ratio (`sesphr verify` with no options 10 s,
// `reproduce --quick` 20 s, full `reproduce` 3 min), beside where the time went (smt/profile.ts).
// `--reproduce` runs the CLI's `reproduce` in a child process and prints its stage table (wall
// clock, CPU, load), which is the table the README's "Reproducing the paper" section carries.
// Each child gets an empty answer store of its own, so the table is that of a fresh clone
// whatever the working directory's store holds, and `both`'s full run reuses nothing of the quick
// one. Run compiled (`npm run bench:verify`), the child runs the compiled CLI; run from source, it
// runs the sources too, and compiling them as it goes makes every stage slower.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { workerCount } from '../smt/parallel.js';
import { type Profile, profileText, takeProfile } from '../smt/profile.js';
import type { VerifyResult } from '../smt/verdict.js';
import { plannedRuns, verifyCatalogue } from '../smt/catalogue.js';
import { Session, shutdownZ3, z3Version } from '../smt/z3.js';
import { fmtTime } from './table.js';
import { scriptWithoutProcessFlags } from '../threads/worker-script.js';
import { verifyBenchArgs } from './verify-args.js';
import { writeFileAtomic } from '../output/atomic-file.js';

// every argument checked before the first catalogue run
const o = verifyBenchArgs();
const { nativeSample, universe } = o;
const which = o.reproduce;
const asked = o.threads;
const out = resolve(o.out);
const dir = mkdtempSync(join(tmpdir(), 'sesphr-bench-smt2-'));
const threads = workerCount(asked, plannedRuns({ universe }).length);

/** One catalogue run: wall clock, CPU of every thread of the process, load. */
async function timed(workers: number, smtOut?: string) {
  const load = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await verifyCatalogue({ universe, smtOut, workers });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  return { results, wall, cpu: (c.user + c.system) / 1e6, load };
}
const verdicts = (rs: readonly VerifyResult[]) => rs.map((r) => `${r.property}/${r.profile}/${r.variant}/${r.policy}: ${r.verdict.kind} ${r.how}`).join('\n');

const z0 = performance.now();
const solverText = await z3Version();
const startup = (performance.now() - z0) / 1000;
console.log(`z3-solver start-up (WASM instance, this thread): ${fmtTime(startup)}; each worker thread starts its own`);
const one = o.compare && threads > 1 ? await timed(1) : undefined;
if (one) console.log(`one thread: ${one.results.length} checks, ${fmtTime(one.wall)} wall, ${fmtTime(one.cpu)} CPU (load average ${one.load.toFixed(1)})`);
takeProfile();
const { results, wall, cpu, load } = await timed(threads, dir);
const timings: Profile = takeProfile();
if (one && verdicts(one.results) !== verdicts(results)) throw new Error('the threaded catalogue reached other verdicts than the one-thread run');

const perProperty = new Map<string, { runs: number; seconds: number; verdicts: Set<string> }>();
for (const r of results) {
  const e = perProperty.get(r.property) ?? { runs: 0, seconds: 0, verdicts: new Set<string>() };
  e.runs++;
  e.seconds += r.seconds;
  e.verdicts.add(r.verdict.kind);
  perProperty.set(r.property, e);
}
console.log(`SMT catalogue on '${universe}': ${results.length} checks on ${threads} thread(s), ${fmtTime(wall)} wall, ${fmtTime(cpu)} CPU of this process (load average ${load.toFixed(1)}; ${solverText})`);
if (one) console.log(`threads against one thread: wall ${(one.wall / wall).toFixed(2)}x faster, CPU ${(cpu / one.cpu).toFixed(2)}x of it; same verdicts`);
console.log(`goal: 10 s wall; this run ${(wall / 10).toFixed(1)}x the goal (${(cpu / 2 / 10).toFixed(1)}x on two idle cores, from its CPU)`);
console.log(profileText(timings, wall));
const perMethod = new Map<string, { sessions: number; checks: number; seconds: number }>();
for (const q of results.flatMap((r) => r.queries)) {
  const e = perMethod.get(q.method) ?? { sessions: 0, checks: 0, seconds: 0 };
  e.sessions++;
  e.checks += q.answers.length;
  e.seconds += q.seconds;
  perMethod.set(q.method, e);
}
console.log('per method (solver sessions; seconds summed over threads, JavaScript of the session included):');
for (const [m, e] of [...perMethod].sort((a, b) => b[1].seconds - a[1].seconds))
  console.log(`  ${m.padEnd(22)} ${String(e.sessions).padStart(5)} sessions ${String(e.checks).padStart(6)} check-sats  ${fmtTime(e.seconds).padStart(9)}`);
console.log(`unknown: ${results.filter((r) => r.verdict.kind === 'unknown').length}, holds-to-depth: ${results.filter((r) => r.verdict.kind === 'holds-to-depth').length}`);
for (const [p, e] of [...perProperty].sort((a, b) => b[1].seconds - a[1].seconds))
  console.log(`  ${p.padEnd(28)} ${String(e.runs).padStart(3)} runs  ${fmtTime(e.seconds).padStart(9)}  ${[...e.verdicts].join(', ')}`);

// WASM against native on the same files: the slowest queries first, up to --native of them.
const files = results.flatMap((r) => r.queries).filter((q) => q.path).sort((a, b) => b.seconds - a.seconds).slice(0, nativeSample).map((q) => q.path!);
let native: { version: string; files: number; wasm: number; native: number } | undefined;
if (spawnSync('which', ['z3']).status === 0 && files.length) {
  let wasm = 0, nat = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const w0 = performance.now();
    const s = await Session.open(120);
    try { await s.send(text); } finally { s.close(); }
    wasm += (performance.now() - w0) / 1000;
    const n0 = performance.now();
    spawnSync('z3', ['-T:120', f], { encoding: 'utf8' });
    nat += (performance.now() - n0) / 1000;
  }
  native = { version: execFileSync('z3', ['--version'], { encoding: 'utf8' }).trim(), files: files.length, wasm, native: nat };
  console.log(`WASM vs native on the ${files.length} slowest query files: in-process ${fmtTime(wasm)}, ${native.version} ${fmtTime(nat)} (process start included), ratio ${(wasm / nat).toFixed(2)}x`);
} else console.log('native z3 not on PATH: no WASM/native ratio (apt-get install -y z3)');

const solver = await z3Version();
await shutdownZ3();

// `reproduce` in a child process, its stages from the report it writes.
interface Stage { name: string; seconds: number; cpuSeconds?: number; load?: number; skipped?: string; ok: boolean }
const REPRODUCE_GOALS = { quick: 20, full: 180 } as const;
const reproduce: Record<string, { wall: number; cpu: number; goalSeconds: number; exit: number | null; stages: Stage[] }> = {};
const kinds: Array<keyof typeof REPRODUCE_GOALS> = which === 'both' ? ['quick', 'full'] : which === 'quick' || which === 'full' ? [which] : [];
for (const kind of kinds) {
  const outDir = mkdtempSync(join(tmpdir(), 'sesphr-bench-reproduce-'));
  const { url, execArgv } = scriptWithoutProcessFlags('../cli/sesphr', import.meta.url);
  const cli = fileURLToPath(url);
  const r0 = performance.now();
  const child = spawnSync(process.execPath, [...execArgv, cli, 'reproduce', ...(kind === 'quick' ? ['--quick'] : []), '--out', outDir, '--answers', join(outDir, 'answers')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const rwall = (performance.now() - r0) / 1000;
  let stages: Stage[] = [];
  try {
    stages = (JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as { meta: { stages: Stage[] } }).meta.stages;
  } catch {
    console.log(`reproduce ${kind}: no report.json (exit ${child.status}): ${(child.stderr ?? '').split('\n').filter(Boolean).slice(-3).join(' / ')}`);
  }
  const rcpu = stages.reduce((x, st) => x + (st.cpuSeconds ?? 0), 0);
  reproduce[kind] = { wall: rwall, cpu: rcpu, goalSeconds: REPRODUCE_GOALS[kind], exit: child.status, stages };
  console.log(`\nreproduce${kind === 'quick' ? ' --quick' : ''}: ${fmtTime(rwall)} wall (exit ${child.status}), stages ${fmtTime(rcpu)} CPU; goal ${REPRODUCE_GOALS[kind]} s: ${(rwall / REPRODUCE_GOALS[kind]).toFixed(1)}x the goal (${(rcpu / 2 / REPRODUCE_GOALS[kind]).toFixed(1)}x on two idle cores, from its CPU)`);
  console.log('| stage | wall | CPU | load at start |\n|---|---|---|---|');
  for (const st of stages) console.log(`| ${st.name} | ${st.skipped ? 'skipped' : fmtTime(st.seconds)} | ${st.cpuSeconds === undefined ? '-' : fmtTime(st.cpuSeconds)} | ${st.load === undefined ? '-' : st.load.toFixed(1)} |`);
  rmSync(outDir, { recursive: true, force: true });
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(dirname(out), { recursive: true });
writeFileAtomic(out, JSON.stringify({ universe, checks: results.length, threads, wall, cpu, load, startup, goalSeconds: 10, ratioToGoal: wall / 10, timings, reproduce, oneThread: one && { wall: one.wall, cpu: one.cpu, load: one.load }, perMethod: Object.fromEntries(perMethod), solver, perProperty: Object.fromEntries([...perProperty].map(([p, e]) => [p, { ...e, verdicts: [...e.verdicts] }])), native }, null, 2) + '\n');
console.log(`wrote ${out}`);
