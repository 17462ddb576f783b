// `sesphr verify`: the property catalogue checked by Z3 on a universe (default `paper`), as a
// table or JSON, with reports/verification.json and one .smt2 file per query. The work is done
// by smt/ (verifyCatalogue); this file only parses options and prints.
import { existsSync, mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../../output/atomic-file.js';
import { dirname } from 'node:path';
import { loadavg } from 'node:os';
import type { Command } from 'commander';
import { POLICIES, PROFILES, VARIANTS } from '../../model/config.js';
import { CATALOGUE, LIFECYCLE_CATALOGUE, MODULE_CATALOGUE, PATIENT_CATALOGUE } from '../../model/properties.js';
import { shippedUniverses } from '../../universes/index.js';
import { type CatalogueOptions, plannedRuns, verifyCatalogue } from '../../smt/catalogue.js';
import { CHOICES, LIMITS, UsageError, parseIntIn, parseModules, parsePolicy, parseProfile, parseTimeout, parseUniverse, parseVariant } from '../options.js';
import { checkInputFile, checkOutputDir, checkOutputFile } from '../paths.js';
import { EXIT, raise, unknownSummary } from '../exit.js';
import type { VerifyResult } from '../../smt/verdict.js';
import { shutdownZ3 } from '../../smt/z3.js';
import { profileText, takeProfile } from '../../smt/profile.js';
import { compareFingerprints, compareGolden, describeChanges, GoldenError, readGoldenFile, writeGolden } from '../../report/golden.js';
import { runAllSizes } from './verify-all-sizes.js';
import { answerStoreLine, DEFAULT_ANSWERS_DIR, useAnswerStore } from '../answer-store.js';

const REPORT = 'reports/verification.json';

/** The verdict cell: kind, and the depth for bounded ones. */
export function verdictText(r: VerifyResult): string {
  const v = r.verdict;
  return v.kind === 'holds-to-depth' ? `holds to depth ${v.depth}` : v.kind === 'unknown' ? `unknown (${v.limit})`
    : v.kind === 'vacuous' ? `vacuous${r.vacuity?.expected ? ' (expected)' : ''}` : v.kind;
}

/** The policy cell, with the run's modules after it when there are any: `history+tpa`. */
const policyCell = (r: VerifyResult) => `${r.policy}${(r.modules ?? []).map((m) => `+${m}`).join('')}`;

export function table(results: readonly VerifyResult[]): string {
  const head = ['property', 'profile', 'variant', 'policy', 'verdict', 'depth or method', 'seconds'];
  const premise = (r: VerifyResult) => (r.vacuity && r.verdict.kind !== 'vacuous' && r.verdict.kind !== 'violated'
    ? `; premise ${r.vacuity.premise === 'reachable' ? `reached, ${r.vacuity.how}` : `${r.vacuity.premise} (${r.vacuity.how})`}` : '');
  const rows = results.map((r) => [r.property, r.profile, r.variant, policyCell(r), verdictText(r), r.how + premise(r), r.seconds.toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

interface Raw {
  universe: string; profile?: string[]; variant?: string[]; policy?: string[]; property?: string[];
  depth: string; timeout: string; json?: boolean; smtOut: string; expect?: string; writeGolden?: string; modules?: string; allSizes?: boolean; timings?: boolean; answers: string; fresh?: boolean;
}

/** Options to library options, or a UsageError naming the bad one (exit code 2, no stack trace). */
export function catalogueOptions(o: Raw): CatalogueOptions {
  parseUniverse(o.universe);
  const known = [...CATALOGUE, ...MODULE_CATALOGUE, ...PATIENT_CATALOGUE, ...LIFECYCLE_CATALOGUE];
  const unknown = (o.property ?? []).filter((id) => !known.some((p) => p.id === id));
  if (unknown.length) throw new UsageError(`unknown property ${unknown.map((u) => `'${u}'`).join(', ')}; known: ${known.map((p) => p.id).join(', ')}`);
  const timeout = parseTimeout(o.timeout);
  const opts: CatalogueOptions = {
    universe: o.universe,
    profiles: o.profile?.map(parseProfile),
    variants: o.variant?.map(parseVariant),
    policies: o.policy?.map(parsePolicy),
    properties: o.property,
    modules: o.modules === undefined ? undefined : parseModules(o.modules),
    depth: parseIntIn('--depth', o.depth, LIMITS.depth),
    timeoutSeconds: timeout,
    smtOut: checkOutputDir('--smt-out', o.smtOut),
  };
  if (plannedRuns(opts).length === 0)
    throw new UsageError('no valid combination of property, profile, variant and policy selected (profile paper needs variant srs-keys; a property runs only on its own profiles)');
  return opts;
}

export function register(program: Command): void {
  program
    .command('verify')
    .description('check the property catalogue with Z3 (in process: native libz3 or the z3-solver WASM): unbounded proofs, counterexamples replayed on the model, .smt2 files')
    .option('--universe <name>', `universe: ${shippedUniverses().join(', ')}, or a universe file`, 'paper')
    .option('--profile <profile...>', `profiles (${PROFILES.join(', ')}); default: each property on each of its own`)
    .option('--variant <variant...>', `key-management variants (${VARIANTS.join(', ')}); default: both`)
    .option('--policy <policy...>', `backward-access policies (${POLICIES.join(', ')}); default: both`)
    .option('--property <id...>', 'property ids; default: the whole catalogue (a module property runs with its modules on)')
    .option('--modules <list>', `${CHOICES.modules}; adds their properties, each run on nets with its own modules on`)
    .option('--depth <k>', `deepest BMC step (${LIMITS.depth.min} to ${LIMITS.depth.max})`, '40')
    .option('--timeout <s>', `wall-clock limit per solver query, seconds (${LIMITS.timeout.min} to ${LIMITS.timeout.max}); an answer taken from the store (--answers) costs no solving and is given whatever its query took when solved (sent to z3 again, under the limit, only where a later command of the same query needs solving): --fresh holds every query to the limit`, '60')
    .option('--json', 'print the results as JSON instead of a table')
    .option('--smt-out <dir>', 'directory for the .smt2 files', 'reports/smt2')
    .option('--expect <file>', 'compare verdicts and fingerprints with a golden file: name every change; exit 3 if a verdict moved, 6 if a statement or net changed')
    .option('--write-golden <file>', 'record these verdicts in a golden file (entries of other runs are kept)')
    .option('--timings', 'print where the time went (solver calls by kind, premise checks, random runs, worker start-up and idle time, WASM load), summed over threads, beside the CPU of the process and the load average; also recorded in reports/verification.json')
    .option('--answers <dir>', 'directory of the answers z3 gave in earlier runs, reused where the same commands are sent again (same verdicts, same .smt2 files)', DEFAULT_ANSWERS_DIR)
    .option('--fresh', 'solve every query again instead of reusing stored answers (the new answers are still recorded)')
    .option('--all-sizes', 'prove the catalogue (module properties included) for any number of users, files and partitions, of one patient and of two or more (the patient catalogue included): quantified inductive invariants (smt/all-sizes/); --universe then only chooses which properties apply')
    .action(async (o: Raw) => {
      const opts = catalogueOptions(o);
      // Every path is checked before the first query: a bad one costs milliseconds, not a run.
      checkOutputDir('reports', dirname(REPORT));
      if (o.writeGolden !== undefined) checkOutputFile('--write-golden', o.writeGolden, true);
      if (o.expect !== undefined) checkInputFile('--expect', o.expect);
      const store = useAnswerStore(o.answers, o.fresh ?? false);
      if (o.allSizes) return runAllSizes(opts, o.json ?? false, o.expect, store);
      let golden, fingerprints;
      try {
        ({ verdicts: golden, fingerprints } = o.expect ? readGoldenFile(o.expect) : { verdicts: undefined, fingerprints: undefined });
        // a golden file to update is read now too: one it cannot keep entries of is refused before the run
        if (o.writeGolden !== undefined && existsSync(o.writeGolden)) readGoldenFile(o.writeGolden);
      } catch (e) {
        throw e instanceof GoldenError ? new UsageError(e.message) : e;
      }
      const progress = (r: VerifyResult) => process.stderr.write(`  ${r.property} ${r.profile}/${r.variant}/${policyCell(r)}: ${verdictText(r)} (${r.seconds.toFixed(2)} s)\n`);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const load = loadavg()[0];
      let results: VerifyResult[];
      try {
        results = await verifyCatalogue({ ...opts, onResult: o.json ? undefined : progress });
      } finally {
        await shutdownZ3();
      }
      const seconds = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(cpu0);
      const cpu = { seconds: (used.user + used.system) / 1e6, load };
      const timings = takeProfile();
      mkdirSync(dirname(REPORT), { recursive: true });
      const answers = answerStoreLine(store, timings);
      writeFileAtomic(REPORT, JSON.stringify({ universe: o.universe, seconds, cpu, solver: results[0]?.solver, answers: { ...store, summary: answers }, timings, results }, null, 2) + '\n');
      if (o.timings) console.error(profileText(timings, seconds, cpu));
      console.error(answers);
      if (o.json) console.log(JSON.stringify(results, null, 2));
      else console.log(`${table(results)}\n\n${results.length} checks in ${seconds.toFixed(2)} s; ${REPORT} and ${o.smtOut}/ written`);
      const unknown = unknownSummary(results);
      if (unknown) {
        console.error(unknown);
        raise(EXIT.unknown);
      }
      if (o.writeGolden) {
        const changed = describeChanges(writeGolden(o.writeGolden, results));
        for (const line of changed) console.error(line);
        console.error(`golden verdicts recorded in ${o.writeGolden}${changed.length ? `: ${changed.length} change(s) against the file as it was` : ', nothing changed'}`);
      }
      if (golden && fingerprints) {
        const changes = { verdicts: compareGolden(golden, results), fingerprints: compareFingerprints(fingerprints, results) };
        for (const line of describeChanges(changes)) console.error(line);
        const { verdicts: moved, fingerprints: refp } = changes;
        console.error(moved.length || refp.length
          ? `${moved.length} verdict(s) moved, ${refp.length} statement or net fingerprint(s) changed against ${o.expect}`
          : `all ${results.length} verdicts and fingerprints match ${o.expect}`);
        // exit codes: 3 a verdict moved, 6 a statement or net changed (the higher wins)
        if (moved.length) raise(EXIT.verdictMoved);
        if (refp.length) raise(EXIT.fingerprintChanged);
      }
    });
}
