// `sesphr verify --all-sizes`: the catalogue, module properties included, checked for every
// number of principals, files and partitions (smt/all-sizes/). Prints a table (or JSON) with the
// evidence of each proof, compares with the finite golden verdicts, and prints the time.
import { existsSync, mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../../output/atomic-file.js';
import type { CatalogueOptions } from '../../smt/catalogue.js';
import { contradictions, verifyAllSizes } from '../../smt/all-sizes/catalogue.js';
import type { AllSizesResult } from '../../smt/all-sizes/check.js';
import { allSizesScope } from '../../smt/all-sizes/symbolic.js';
import { shutdownZ3 } from '../../smt/z3.js';
import { takeProfile } from '../../smt/profile.js';
import { type AnswerStoreUse, answerStoreLine } from '../answer-store.js';
import { readGolden } from '../../report/golden.js';

const REPORT = 'reports/all-sizes.json';
const GOLDEN = 'test/golden/verdicts.json';

export function allSizesText(r: AllSizesResult): string {
  const v = r.verdict;
  switch (v.kind) {
    case 'proved-all-sizes': return 'proved-all-sizes';
    case 'violated': case 'witness': return `${v.kind} (trace on ${v.universe})`;
    case 'outside-fragment': return 'outside the decidable fragment';
    case 'not-proved': return 'not proved';
    case 'vacuous': return 'vacuous (its premise is never met)';
  }
}

function table(results: readonly AllSizesResult[]): string {
  const head = ['property', 'configuration', 'all sizes', 'how', 'seconds'];
  const rows = results.map((r) => [r.property, `${r.profile}/${r.variant}/${r.policy}${(r.modules ?? []).map((m) => `+${m}`).join('')}${r.patients ? ' (2+ patients)' : ''}`, allSizesText(r), r.how, r.seconds.toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function runAllSizes(opts: CatalogueOptions, json: boolean, expect?: string, store?: AnswerStoreUse): Promise<void> {
  let run;
  takeProfile();
  try {
    run = await verifyAllSizes({
      ...opts,
      onConfig: json ? undefined : (c, rs) => process.stderr.write(`  ${c.config}: ${rs.filter((r) => r.verdict.kind === 'proved-all-sizes').length} of ${rs.length} proved for all sizes; invariant of ${c.invariant.length} clauses from ${c.candidates} candidates (${c.states} states mined), ${c.queries} queries, ${c.seconds.toFixed(1)} s\n`),
    });
  } finally {
    await shutdownZ3();
  }
  const goldenFile = expect ?? GOLDEN;
  const against = existsSync(goldenFile) ? contradictions(run.results, readGolden(goldenFile)) : undefined;
  mkdirSync('reports', { recursive: true });
  // what each reading covers; each verdict's own `covers` says which proved it
  const body = { covers: { onePatient: allSizesScope(), patients: allSizesScope(true), both: allSizesScope('both') }, seconds: run.seconds, contradictions: against, configs: run.configs, results: run.results };
  writeFileAtomic(REPORT, JSON.stringify(body, null, 2) + '\n');
  if (json) console.log(JSON.stringify(body, null, 2));
  else {
    console.log(table(run.results));
    for (const r of run.results) {
      const v = r.verdict;
      if (v.kind === 'not-proved' && v.cti) console.log(`\n${r.property} @ ${r.profile}/${r.variant}/${r.policy}: ${v.why}\n  ${v.cti.text}`);
      if (v.kind === 'violated') console.log(`\n${r.property} @ ${r.profile}/${r.variant}/${r.policy}: ${v.note}`);
      if (v.kind === 'vacuous') console.log(`\n${r.property} @ ${r.profile}/${r.variant}/${r.policy}: vacuous: ${v.why}`);
    }
  }
  if (store) console.error(answerStoreLine(store, takeProfile()));
  console.error(`all sizes: ${run.results.filter((r) => r.verdict.kind === 'proved-all-sizes').length} of ${run.results.length} checks proved for every size, ${run.configs.length} configurations in ${run.seconds.toFixed(1)} s; ${REPORT} written`);
  console.error(`every size means, one-patient reading: ${allSizesScope()}`);
  console.error(`every size means, patient-sorted reading: ${allSizesScope(true)}`);
  if (against) {
    for (const c of against) console.error(`contradiction with ${goldenFile}: ${c}`);
    console.error(against.length ? `${against.length} all-sizes verdict(s) contradict the finite verdicts of ${goldenFile}` : `no all-sizes verdict contradicts the finite verdicts of ${goldenFile}`);
    if (against.length) process.exitCode = 1;
  }
}
