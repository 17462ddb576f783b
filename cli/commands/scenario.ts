// `sesphr scenario run|check FILE...`: run scenarios on the model and the implementation, or only
// validate them and replay them on the model. With no FILE, the shipped scenarios.
import type { Command } from 'commander';
import { shippedScenarios } from '../../scenarios/index.js';
import { loadScenario, ScenarioError, type LoadedScenario } from '../../scenarios/load.js';
import { runOnImpl } from '../../scenarios/run-impl.js';
import { checkOnSmt } from '../../scenarios/run-smt.js';
import { shutdownZ3 } from '../../smt/z3.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runOnModel, ScenarioRunError, type StepOutcome } from '../../scenarios/run-model.js';
import { BACKEND_HELP, UsageError, parseUniverse, selectBackend } from '../options.js';
import { checkInputFile, checkOutputDir } from '../paths.js';
import { EXIT, raise } from '../exit.js';

/**
 * Every file of the batch, loaded or with the reason it could not be (bad input: exit 2): one
 * bad file never hides the verdicts of the others.
 */
function load(files: string[], universe?: string): Array<LoadedScenario | { file: string; error: string }> {
  const U = universe === undefined ? undefined : parseUniverse(universe);
  return (files.length ? files : shippedScenarios()).map((f) => {
    try {
      return loadScenario(checkInputFile('scenario file', f), U);
    } catch (e) {
      if (e instanceof ScenarioError || e instanceof UsageError) {
        raise(EXIT.badInput);
        return { file: f, error: e.message };
      }
      throw e;
    }
  });
}

const failures = (xs: readonly StepOutcome[]) =>
  xs.flatMap((o) => o.results.filter((r) => !r.ok).map((r) => `line ${o.line}: ${r.what}: expected ${r.expected}, got ${r.actual}`));
/** expectations a runner could not check, said as such (never counted as passed or failed) */
const unchecked = (xs: readonly StepOutcome[]) =>
  xs.flatMap((o) => o.results.filter((r) => r.unchecked).map((r) => `line ${o.line}: ${r.what}: not checked: ${r.unchecked}`));

export function register(program: Command): void {
  const sc = program.command('scenario').description('declarative scenarios (YAML) run on the model and the implementation');
  sc.command('run')
    .argument('[files...]', 'scenario files (default: the shipped ones)')
    .option('--json', 'print JSON')
    .option('--seed <s>', 'seed for the implementation\'s randomness', 'scenario')
    .option('--backend <name>', BACKEND_HELP)
    .option('--universe <name>', 'run on this universe (shipped name or file) instead of the one each scenario names')
    .description('run each scenario on the model and on the real implementation; both must meet its expectations')
    .action(async (files: string[], o) => {
      const backend = await selectBackend(o.backend);
      const results = load(files, o.universe).map((s) => {
        if ('error' in s) return { file: s.file, name: '(not loaded)', events: 0, model: [s.error], impl: ['not run'], input: true };
        try {
          const model = runOnModel(s);
          const impl = runOnImpl(s, model, o.seed);
          return { file: s.file, name: s.spec.name, events: model.events.length, model: failures(model.expectations), impl: [...impl.divergences, ...failures(impl.expectations)], notes: unchecked(impl.expectations) };
        } catch (e) {
          // Any failure stays this file's, with its name: the batch goes on.
          return { file: s.file, name: s.spec.name, events: 0, model: [e instanceof ScenarioRunError ? e.message : `${s.file}: ${(e as Error).message}`], impl: ['not run'] };
        }
      });
      // the group backend the implementation ran on, named as conform and demo name it
      if (o.json) process.stdout.write(JSON.stringify({ backend, scenarios: results }, null, 2) + '\n');
      else
        for (const r of results) {
          const ok = !r.model.length && !r.impl.length;
          if ('input' in r) {
            console.log(`BAD   ${r.model[0]}`);
            continue;
          }
          console.log(`${ok ? 'PASS' : 'FAIL'}  ${r.file}  (${r.events} events)  ${r.name}`);
          for (const m of r.model) console.log(`      model: ${m}`);
          for (const m of r.impl) console.log(`      implementation: ${m}`);
          for (const m of ('notes' in r ? r.notes : undefined) ?? []) console.log(`      implementation (note): ${m}`);
        }
      const failed = results.filter((r) => !('input' in r) && (r.model.length || r.impl.length)).length;
      const bad = results.filter((r) => 'input' in r).length;
      if (!o.json) console.log(`${results.length} scenario file(s): ${results.length - failed - bad} passed, ${failed} failed, ${bad} could not be read; the implementation on group backend ${backend}`);
      if (failed) raise(EXIT.failed);
    });
  sc.command('check')
    .argument('[files...]', 'scenario files (default: the shipped ones)')
    .option('--smt', 'also hand each scenario to Z3 as a trace constraint: reachable, and expectations entailed')
    .option('--smt-out <dir>', 'with --smt: write each query as a .smt2 file here')
    .option('--universe <name>', 'check on this universe (shipped name or file) instead of the one each scenario names')
    .description('validate scenario files and replay them on the model (is this sequence reachable, and are the expectations met?)')
    .action(async (files: string[], o) => {
      if (o.smtOut !== undefined && !o.smt) throw new UsageError('--smt-out writes the queries of --smt: give --smt too');
      if (o.smtOut !== undefined) checkOutputDir('--smt-out', o.smtOut);
      let bad = 0; // failed checks; a file with several counts once in the summary
      const failedFiles = new Set<string>();
      const loaded = load(files, o.universe);
      for (const s of loaded) {
        if ('error' in s) {
          console.log(`BAD   ${s.error}`);
          continue;
        }
        try {
          const r = runOnModel(s);
          const f = failures(r.expectations);
          console.log(`${f.length ? 'FAIL' : 'ok  '}  ${s.file}: ${r.events.length} events reachable in the model${f.length ? '' : ', expectations met'}`);
          f.forEach((x) => console.log(`      ${x}`));
          if (f.length) { bad++; failedFiles.add(s.file); }
          if (o.smt) {
            const c = await checkOnSmt(s, r);
            console.log(`      z3: sequence ${c.reachable ? 'reachable' : 'NOT reachable'}, expectations ${c.entailed ? 'entailed' : 'NOT entailed'} (${c.answers.join(', ')}; ${c.seconds.toFixed(2)} s)`);
            c.problems.forEach((x) => console.log(`      z3: ${x}`));
            if (!c.reachable || !c.entailed) { bad++; failedFiles.add(s.file); }
            if (o.smtOut) {
              mkdirSync(o.smtOut, { recursive: true });
              writeFileSync(join(o.smtOut, basename(s.file).replace(/\.ya?ml$/, '.smt2')), c.smt2);
            }
          }
        } catch (e) {
          console.log(`FAIL  ${e instanceof ScenarioRunError ? e.message : `${s.file}: ${(e as Error).message}`}`);
          bad++;
          failedFiles.add(s.file);
        }
      }
      if (o.smt) await shutdownZ3();
      const unread = loaded.filter((s) => 'error' in s).length;
      console.log(`${loaded.length} scenario file(s): ${loaded.length - failedFiles.size - unread} ok, ${failedFiles.size} failed, ${unread} could not be read`);
      if (bad) raise(EXIT.failed);
    });
}
