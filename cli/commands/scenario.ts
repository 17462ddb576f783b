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

function load(files: string[], universe?: string): LoadedScenario[] {
  const U = universe === undefined ? undefined : parseUniverse(universe);
  try {
    return (files.length ? files : shippedScenarios()).map((f) => loadScenario(f, U));
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message);
    throw e;
  }
}

const failures = (xs: readonly StepOutcome[]) =>
  xs.flatMap((o) => o.results.filter((r) => !r.ok).map((r) => `line ${o.line}: ${r.what}: expected ${r.expected}, got ${r.actual}`));

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
      await selectBackend(o.backend);
      const results = load(files, o.universe).map((s) => {
        try {
          const model = runOnModel(s);
          const impl = runOnImpl(s, model, o.seed);
          return { file: s.file, name: s.spec.name, events: model.events.length, model: failures(model.expectations), impl: [...impl.divergences, ...failures(impl.expectations)] };
        } catch (e) {
          if (e instanceof ScenarioRunError) return { file: s.file, name: s.spec.name, events: 0, model: [e.message], impl: ['not run'] };
          throw e;
        }
      });
      if (o.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
      else
        for (const r of results) {
          const ok = !r.model.length && !r.impl.length;
          console.log(`${ok ? 'PASS' : 'FAIL'}  ${r.file}  (${r.events} events)  ${r.name}`);
          for (const m of r.model) console.log(`      model: ${m}`);
          for (const m of r.impl) console.log(`      implementation: ${m}`);
        }
      if (results.some((r) => r.model.length || r.impl.length)) process.exitCode = 1;
    });
  sc.command('check')
    .argument('[files...]', 'scenario files (default: the shipped ones)')
    .option('--smt', 'also hand each scenario to Z3 as a trace constraint: reachable, and read expectations entailed')
    .option('--smt-out <dir>', 'with --smt: write each query as a .smt2 file here')
    .option('--universe <name>', 'check on this universe (shipped name or file) instead of the one each scenario names')
    .description('validate scenario files and replay them on the model (is this sequence reachable, and are the expectations met?)')
    .action(async (files: string[], o) => {
      let bad = 0;
      for (const s of load(files, o.universe)) {
        try {
          const r = runOnModel(s);
          const f = failures(r.expectations);
          console.log(`${f.length ? 'FAIL' : 'ok  '}  ${s.file}: ${r.events.length} events reachable in the model${f.length ? '' : ', expectations met'}`);
          f.forEach((x) => console.log(`      ${x}`));
          if (f.length) bad++;
          if (o.smt) {
            const c = await checkOnSmt(s, r);
            console.log(`      z3: sequence ${c.reachable ? 'reachable' : 'NOT reachable'}, read expectations ${c.entailed ? 'entailed' : 'NOT entailed'} (${c.answers.join(', ')}; ${c.seconds.toFixed(2)} s)`);
            if (!c.reachable || !c.entailed) bad++;
            if (o.smtOut) {
              mkdirSync(o.smtOut, { recursive: true });
              writeFileSync(join(o.smtOut, basename(s.file).replace(/\.ya?ml$/, '.smt2')), c.smt2);
            }
          }
        } catch (e) {
          if (!(e instanceof ScenarioRunError)) throw e;
          console.log(`FAIL  ${e.message}`);
          bad++;
        }
      }
      if (o.smt) await shutdownZ3();
      if (bad) process.exitCode = 1;
    });
}
