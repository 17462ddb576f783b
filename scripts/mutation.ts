// Mutation score of the conformance suite: applies each seeded fault of scripts/faults.ts
// ONE AT A TIME, runs the suite against it (graph paths on small over every configuration, the
// explorer's traces, fast-check runs on paper), and prints fault -> caught by / missed. Each fault
// runs under the suite's bounds (conformance/limits.ts) and a time budget: no path or run starts
// after it, so the table's time column is bounded whatever the fault does.
// Usage: node --import ./register.mjs scripts/mutation.ts [--runs N] [--seed S] [--budget SECONDS] [--json]
import { mkdirSync } from 'node:fs';
import { PROFILES } from '../model/config.js';
import { small } from '../universes/index.js';
import { conform } from '../conformance/conform.js';
import type { Makers } from '../conformance/world.js';
import { configurations, parseIntIn, parseSeed } from '../cli/options.js';
import { orRefuse, scriptArgs } from '../input/script-args.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { FAULTS } from './faults.js';

export interface MutationRow {
  readonly fault: string;
  readonly describe: string;
  readonly caught: boolean;
  /** the first mismatch: where (config, path, step, event) and what (kind, party, both answers) */
  readonly by?: string;
  readonly seconds: number;
  /** the time budget the fault ran under (seconds; a path or run started before it finishes) */
  readonly budget: number;
  /** seconds until the first mismatch was found */
  readonly foundAfter?: number;
}

/** Seconds per fault after which no further path or run starts. */
export const MUTATION_BUDGET = 300;

/** A case of the mutation score: the shipped implementation, or one seeded fault. */
export interface MutationCase {
  readonly id: string;
  readonly describe: string;
  /** the faulty parties (none: the shipped ones) */
  readonly make?: Makers;
}

/** The shipped implementation, run first: it must pass, or every "caught" below means nothing. */
export const HONEST: MutationCase = { id: 'none (honest)', describe: 'the implementation as shipped: must pass', make: undefined };

export interface MutationOptions {
  readonly runs: number;
  readonly seed: number;
  readonly configs?: ReturnType<typeof configurations>;
  readonly budget?: number;
}

/** The suite against one case: caught or not, by what, and when. */
export function mutationRow(f: MutationCase, opts: MutationOptions): MutationRow {
  const configs = opts.configs ?? configurations(PROFILES);
  const budget = opts.budget ?? MUTATION_BUDGET;
  const t0 = performance.now();
  const r = conform({ universe: small, configs, seed: opts.seed, runs: opts.runs, make: f.make, stopAtFirst: true, shrink: false, timeBudget: budget });
  const m = r.mismatches[0];
  const where = m && r.configs.find((c) => c.paths?.mismatches.includes(m) || c.random?.counterexample?.mismatches.includes(m))?.config;
  const by = m && `${m.kind} mismatch, ${where ? `${where.profile}/${where.variant}/${where.policy} ` : ''}${m.path} step ${m.step} (${m.event ?? 'initial'}), ${m.party}${m.file ? ` ${m.file}/${m.partition}` : ''}: model ${m.model} / impl ${m.impl}`;
  return { fault: f.id, describe: f.describe, caught: m !== undefined, by, seconds: (performance.now() - t0) / 1000, budget, foundAfter: r.firstMismatch?.seconds };
}

/** The honest run, then each fault of `faults` alone, in order. */
export function mutationScore(opts: MutationOptions & { faults?: readonly MutationCase[] }): MutationRow[] {
  return [HONEST, ...(opts.faults ?? FAULTS)].map((f) => mutationRow(f, opts));
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const USAGE = 'usage: node --import ./register.mjs scripts/mutation.ts [--runs N] [--seed S] [--budget SECONDS] [--json]';
  const o = scriptArgs('mutation', USAGE, { runs: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' }, budget: { type: 'string', default: String(MUTATION_BUDGET) }, json: { type: 'boolean' } });
  const checked = <T>(check: () => T) => orRefuse('mutation', USAGE, check);
  const rows = mutationScore({
    runs: checked(() => parseIntIn('--runs', o.runs, { min: 0, max: 10_000 })), seed: checked(() => parseSeed(o.seed)), budget: checked(() => parseIntIn('--budget', o.budget, { min: 1, max: 86_400 })),
  });
  mkdirSync('reports', { recursive: true });
  writeFileAtomic('reports/mutation.json', JSON.stringify(rows, null, 2) + '\n');
  if (o.json) console.log(JSON.stringify(rows, null, 2));
  else {
    const w = Math.max(...rows.map((r) => r.fault.length));
    console.log(`${'fault'.padEnd(w)}  result   seconds (found / bound)  caught by`);
    for (const r of rows) {
      const verdict = r.fault === HONEST.id ? (r.caught ? 'FALSE ALARM' : 'passes') : r.caught ? 'caught' : 'MISSED';
      const time = `${r.seconds.toFixed(1)} (${r.foundAfter?.toFixed(1) ?? '-'} / ${r.budget})`;
      console.log(`${r.fault.padEnd(w)}  ${verdict.padEnd(8)} ${time.padStart(22)}  ${r.by ?? '-'}`);
    }
    const faults = rows.filter((r) => r.fault !== HONEST.id);
    console.log(`\nmutation score: ${faults.filter((r) => r.caught).length} / ${faults.length} faults caught`);
  }
}
