// `node --import ./register.mjs bench/all-sizes.ts [--profile P...] [--out FILE]`: the goals of
// the all-sizes proofs, measured (a benchmark, not a test: the machines are shared).
//  1. every invariant or step property the golden file has `proved` on `paper` in a configuration
//     is proved-all-sizes there too, or gets its exact reason;
//  2. the whole all-sizes catalogue (modules included) on the process's solver build (smt/z3.ts:
//     the native libz3 where installed, else the WASM), against the goal of 30 s: wall
//     clock, this process's CPU (every thread), and their ratios to the goal; where the time goes
//     (inference: mining and Houdini; checking: the rules' and the premises' non-vacuity and the
//     properties), summed over configurations; the threads used.
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Profile } from '../model/config.js';
import { propertyById } from '../model/properties.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { readGolden } from '../report/golden.js';
import { verifyAllSizes } from '../smt/all-sizes/catalogue.js';
import { shutdownZ3 } from '../smt/z3.js';

const GOAL_SECONDS = 30;
const args = process.argv.slice(2);
const many = (name: string) => { const i = args.indexOf(name); if (i < 0) return undefined; const out: string[] = []; for (let k = i + 1; k < args.length && !args[k].startsWith('--'); k++) out.push(args[k]); return out; };
const out = resolve(many('--out')?.[0] ?? 'reports/bench-all-sizes.json');
const profiles = many('--profile') as Profile[] | undefined;

const load0 = loadavg()[0];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const run = await verifyAllSizes({ profiles, onConfig: (c) => process.stderr.write(`  ${c.config}: ${c.seconds.toFixed(1)} s, ${c.queries} queries, invariant ${c.invariant.length}/${c.candidates}\n`) });
await shutdownZ3();
const wall = (performance.now() - t0) / 1000;
const cpu = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6;
// the machines are shared: the load average beside the figures says how far they are from a quiet machine's
const load = { start: load0, end: loadavg()[0] };

const golden = readGolden('test/golden/verdicts.json');
const rows: Array<{ key: string; allSizes: string; reason?: string }> = [];
for (const r of run.results) {
  const kind = propertyById(r.property).kind;
  // goal 1 is about the one-patient reading of paper's verdicts; the patient-sorted reading is counted below
  if (kind === 'reachable' || r.patients) continue;
  const key = `${r.property} @ paper/${r.profile}/${r.variant}/${r.policy}`;
  if (golden[key] !== 'proved') continue;
  const v = r.verdict;
  rows.push({ key, allSizes: v.kind, ...(v.kind === 'proved-all-sizes' ? {} : { reason: v.kind === 'not-proved' ? `${v.why}${v.cti ? `; ${v.cti.text}` : ''}` : v.kind === 'outside-fragment' || v.kind === 'vacuous' ? v.why : v.kind }) });
}
const met = rows.filter((r) => r.allSizes === 'proved-all-sizes').length;
console.log(`goal 1: ${met} of ${rows.length} invariant and step checks proved on paper are proved for every size`);
for (const r of rows.filter((x) => x.allSizes !== 'proved-all-sizes')) console.log(`  ${r.key}: ${r.allSizes}: ${r.reason}`);
const several = run.results.filter((r) => r.patients && propertyById(r.property).kind !== 'reachable');
console.log(`patient-sorted reading (two or more patients): ${several.filter((r) => r.verdict.kind === 'proved-all-sizes').length} of ${several.length} invariant and step checks proved; ${run.results.filter((r) => !r.patients && r.verdict.kind === 'proved-all-sizes' && r.verdict.covers.includes('every number of patients')).length} proved by both readings (every number of patients)`);
for (const r of several.filter((x) => x.verdict.kind !== 'proved-all-sizes')) console.log(`  ${r.property} @ ${r.profile}/${r.variant}/${r.policy} (2+ patients): ${r.verdict.kind}: ${r.verdict.kind === 'not-proved' ? `${r.verdict.why}${r.verdict.cti ? `; ${r.verdict.cti.text}` : ''}` : r.verdict.kind === 'outside-fragment' || r.verdict.kind === 'vacuous' ? r.verdict.why : ''}`);
console.log(`goal 2: the all-sizes catalogue (${run.results.length} checks, ${run.configs.length} configurations) took ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU of this process; goal ${GOAL_SECONDS} s: wall/goal ${(wall / GOAL_SECONDS).toFixed(2)}, CPU/goal ${(cpu / GOAL_SECONDS).toFixed(2)}; load average (1 min) ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end`);
const phases: Record<string, number> = {};
for (const c of run.configs) for (const [k, v] of Object.entries(c.phases)) phases[k] = (phases[k] ?? 0) + v;
const sum = Object.values(phases).reduce((a, b) => a + b, 0);
const share = (ks: string[]) => ks.reduce((a, k) => a + (phases[k] ?? 0), 0);
console.log(`  on ${run.threads} thread(s); configuration time summed over threads ${sum.toFixed(1)} s: inference ${share(['mine', 'houdini']).toFixed(1)} s (${((100 * share(['mine', 'houdini'])) / sum).toFixed(0)}%), checking ${share(['rules', 'properties']).toFixed(1)} s (${((100 * share(['rules', 'properties'])) / sum).toFixed(0)}%), reading and exploration ${share(['reading', 'explore']).toFixed(1)} s`);
console.log(`  per phase: ${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
for (const c of run.configs) console.log(`  ${c.config}: ${c.seconds.toFixed(1)} s (${c.queries} queries; ${c.candidates} candidates, ${c.invariant.length} kept)`);
mkdirSync(dirname(out), { recursive: true });
writeFileAtomic(out, JSON.stringify({ wall, cpu, load, threads: run.threads, phases, goalSeconds: GOAL_SECONDS, goal1: { met, of: rows.length, rows }, configs: run.configs.map(({ invariant: _i, ...c }) => c) }, null, 2) + '\n');
console.log(`written: ${out}`);
