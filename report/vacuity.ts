// The report's vacuity and model-mutation blocks: for every premise → conclusion run, whether its
// premise was reached (with the witness's length) or shown unreachable (a `vacuous` verdict), and
// what caught each seeded model fault.
import type { ModelMutationRow } from '../scripts/model-faults.js';
import { caughtBy } from '../scripts/model-faults.js';
import type { VerifyResult } from '../smt/verdict.js';
import type { Block } from './blocks.js';

const cfgOf = (r: VerifyResult) => `${r.profile} / ${r.variant} / ${r.policy}${r.modules?.length ? ` + ${r.modules.join('+')}` : ''}`;

export function vacuityBlocks(results: readonly VerifyResult[]): Block[] {
  const runs = results.filter((r) => r.vacuity);
  if (!runs.length) return [];
  const vacuous = runs.filter((r) => r.verdict.kind === 'vacuous');
  const premise = (r: VerifyResult) => {
    const v = r.vacuity!;
    return v.premise === 'reachable' ? `reached: ${v.trace ? `witness of ${v.trace.steps.length} steps (${v.how})` : v.how}` : `${v.premise} (${v.how})`;
  };
  return [
    { h: 2, text: 'Vacuity: is each premise reachable?', id: 'vacuity' },
    { p: `A property of the form premise → conclusion proves nothing when no run meets its premise. For each such run the premise (read off the statement) was checked for reachability by the same solver; ${vacuous.length} of ${runs.length} runs are vacuous${vacuous.length ? `: ${vacuous.map((r) => `${r.property} under ${cfgOf(r)}${r.vacuity?.expected ? ` (expected: ${r.vacuity.expected})` : ''}`).join('; ')}` : ''}.` },
    { details: {
      summary: `premises of ${runs.length} runs`,
      blocks: [{ table: {
        head: ['property', 'configuration', 'verdict', 'premise', 'expected by design'],
        rows: runs.map((r) => [r.property, cfgOf(r), r.verdict.kind, premise(r), r.vacuity!.expected ?? '']),
        classes: runs.map((r) => ['', '', r.verdict.kind === 'vacuous' ? (r.vacuity!.expected ? 'info' : 'bad') : '', r.vacuity!.premise === 'reachable' ? 'ok' : r.vacuity!.expected ? 'info' : 'warn', '']),
      } }],
    } },
  ];
}

export function modelMutationBlocks(rows: readonly ModelMutationRow[]): Block[] {
  if (!rows.length) return [];
  return [
    { h: 3, text: 'Seeded model faults, against the golden verdicts and fingerprints' },
    { p: `${rows.filter((r) => r.caught).length} of ${rows.length} model faults caught (in-memory changes of the rules or the catalogue, compared with test/golden/verdicts.json: a moved verdict, a vacuous proof, a changed statement or net fingerprint).` },
    { table: {
      head: ['model fault', 'what it does', 'caught', 'by', 'runs re-verified', 'seconds'],
      rows: rows.map((r) => [r.fault, r.describe, r.caught ? 'caught' : 'missed', caughtBy(r), `${r.verified} of ${r.runs}`, r.seconds.toFixed(1)]),
      classes: rows.map((r) => ['', '', r.caught ? 'ok' : 'bad', '', '', '']),
    } },
  ];
}
