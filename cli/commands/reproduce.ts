// `sesphr reproduce`: the one command a reviewer runs. Progress per stage on stderr, the report
// written under --out, exit 0 when every stage ran (violated properties are results), 1 when a
// stage could not run or a shipped scenario failed, 3 when --expect found a verdict that moved.
import type { Command } from 'commander';
import { compareFingerprints, compareGolden, describeChanges, GoldenError, readFingerprints, readGolden, writeGolden } from '../../report/golden.js';
import { reproduce } from '../../report/reproduce.js';
import { writeReport } from '../../report/write.js';
import { findings, findingsLines } from '../../report/findings.js';
import { allVerdicts } from '../../report/content.js';
import { join } from 'node:path';
import { shutdownZ3 } from '../../smt/z3.js';
import { takeProfile } from '../../smt/profile.js';
import { answerStoreLine, DEFAULT_ANSWERS_DIR, useAnswerStore } from '../answer-store.js';
import { BACKEND_HELP, UsageError, parseSeed, parseUniverse, selectBackend } from '../options.js';
import { checkInputFile, checkOutputDir, checkOutputFile } from '../paths.js';
import { EXIT, combine, unknownSummary } from '../exit.js';

export function register(program: Command): void {
  program
    .command('reproduce')
    .description('verify the paper\'s properties and the catalogue, explore, run scenarios, benchmark, and write the report')
    .option('--out <dir>', 'where the report goes', 'reports')
    .option('--quick', 'smaller runs: Section 5 on paper, the whole catalogue and the modules on small; leaves out the patient catalogue on two-patients and the mutation score; samples conformance, shrinks the benchmarks')
    .option('--seed <n>', 'seed for every randomised stage', '20180710')
    .option('--expect <file>', 'compare verdicts and fingerprints with a golden file: name every change; exit 3 if a verdict moved, 6 if a statement or net changed')
    .option('--write-golden <file>', 'write this run\'s verdicts as the golden file')
    .option('--backend <name>', BACKEND_HELP)
    .option('--universe <name>', 'universe (shipped name or file) of the catalogue and module stages (default: paper; small with --quick)')
    .option('--answers <dir>', 'directory of the answers z3 gave in earlier runs, reused where the same commands are sent again (same verdicts, same .smt2 files)', DEFAULT_ANSWERS_DIR)
    .option('--fresh', 'solve every query again instead of reusing stored answers (the new answers are still recorded)')
    .action(async (o) => {
      // Every input and output is checked before the first stage: a bad one costs milliseconds.
      const seed = parseSeed(o.seed);
      checkOutputDir('--out', o.out);
      const universe = o.universe !== undefined ? parseUniverse(o.universe) : undefined;
      if (o.writeGolden !== undefined) checkOutputFile('--write-golden', o.writeGolden, true);
      const golden = o.expect !== undefined ? load(checkInputFile('--expect', o.expect)) : undefined;
      await selectBackend(o.backend);
      const store = useAnswerStore(o.answers, !!o.fresh);
      takeProfile();
      const t0 = performance.now();
      const { data, failed } = await reproduce({
        out: o.out, quick: !!o.quick, seed, ...(universe && { universe }),
        onStage: ({ name, index, of, done }) => {
          if (!done) process.stderr.write(`[${index}/${of}] ${name} ...\n`);
          else process.stderr.write(`[${index}/${of}] ${done.skipped ? `skipped: ${done.skipped}` : done.ok ? 'done' : `COULD NOT RUN: ${done.error}`} in ${done.seconds.toFixed(1)} s${done.cpuSeconds !== undefined ? ` (CPU ${done.cpuSeconds.toFixed(1)} s, load ${done.load?.toFixed(1)})` : ''}\n`);
        },
        onProgress: (message) => process.stderr.write(`      ${message}\n`),
      });
      await shutdownZ3();
      const answers = answerStoreLine(store, takeProfile());
      if (data.meta) data.meta.answers = answers;
      process.stderr.write(`${answers}\n`);
      const files = await writeReport(o.out, data);
      console.log(`report: ${files.join(', ')}`);
      console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const verdicts = [...(data.catalogue ?? data.section5 ?? []), ...(data.modules ?? []), ...(data.patients ?? [])];
      // The closing lines: the same findings the report opens with.
      const all = allVerdicts(data);
      if (all.length) for (const line of findingsLines(findings(all), join(o.out, 'index.html'))) console.log(line);
      if (o.writeGolden) {
        const changed = describeChanges(writeGolden(o.writeGolden, verdicts));
        for (const line of changed) console.log(`  ${line}`);
        console.log(`golden verdicts written to ${o.writeGolden} (${changed.length} change(s))`);
      }
      const codes: number[] = [failed ? EXIT.failed : EXIT.ok];
      const unknown = unknownSummary(verdicts);
      if (unknown) {
        console.log(unknown);
        codes.push(EXIT.unknown);
      }
      if (golden) {
        const changes = compareGolden(golden, verdicts);
        if (changes.length) {
          console.log(`${changes.length} verdict(s) moved against ${o.expect}:`);
          for (const c of changes) console.log(`  ${c.key}: ${c.expected} -> ${c.actual}`);
          codes.push(EXIT.verdictMoved);
        } else console.log(`verdicts match ${o.expect} (${verdicts.length} runs)`);
        const refp = compareFingerprints(load(o.expect, readFingerprints), verdicts);
        for (const line of describeChanges({ verdicts: changes, fingerprints: refp }).slice(changes.length)) console.log(`  ${line}`);
        if (refp.length) codes.push(EXIT.fingerprintChanged);
      }
      process.exitCode = combine(codes);
    });
}

function load<T = ReturnType<typeof readGolden>>(file: string, read: (f: string) => T = readGolden as (f: string) => T): T {
  try {
    return read(file);
  } catch (e) {
    if (e instanceof GoldenError) throw new UsageError(e.message);
    throw e;
  }
}
