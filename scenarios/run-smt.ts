// A scenario handed to the verifier: the events the model run chose become a trace constraint and
// the read expectations become formulas asserted after their step. Z3 answers whether the sequence
// is reachable and whether the expectations necessarily hold along it.
import { type Prop, knows, not } from '../model/prop.js';
import { PHR } from '../model/terms.js';
import { checkSequence, type SequenceCheck } from '../smt/sequence.js';
import type { LoadedScenario } from './load.js';
import type { ModelRun } from './run-model.js';

const parties = (p: string | string[]) => (Array.isArray(p) ? p : [p]);

export async function checkOnSmt(s: LoadedScenario, model: ModelRun, limitSeconds = 60): Promise<SequenceCheck> {
  const claims = new Map<number, Prop[]>();
  s.spec.steps.forEach((step, k) => {
    if (!('expect' in step)) return;
    const after = model.events.filter((e) => e.step < k + 1).length;
    const ps = claims.get(after) ?? [];
    for (const t of step.expect['can-read'] ?? []) ps.push(knows(parties(t.party), PHR(t.file, t.partition)));
    for (const t of step.expect['cannot-read'] ?? []) ps.push(not(knows(parties(t.party), PHR(t.file, t.partition))));
    claims.set(after, ps);
  });
  return checkSequence(s.net, model.events.map((e) => e.event), claims, limitSeconds);
}
