// A scenario handed to the verifier: the events the model run chose become a trace constraint and
// the read and knowledge expectations become formulas asserted after their step (the closure as
// exported: model/knowledge.ts knowsFormula), and a step expected to be refused becomes "its
// transition is not enabled here, and the formula that fixes its reason holds". Z3 answers whether
// the sequence is reachable and whether the expectations necessarily hold along it.
import { type Prop, enabled, knows, not } from '../model/prop.js';
import { transitionOf } from '../model/machine.js';
import { PHR } from '../model/terms.js';
import { checkSequence, type SequenceCheck } from '../smt/sequence.js';
import type { LoadedScenario } from './load.js';
import type { ModelRun } from './run-model.js';

const parties = (p: string | string[]) => (Array.isArray(p) ? p : [p]);

export interface ScenarioSmtCheck extends SequenceCheck {
  /** refusals whose reason, which Z3 confirms from the model's evidence, is not the one expected */
  readonly problems: readonly string[];
}

export async function checkOnSmt(s: LoadedScenario, model: ModelRun, limitSeconds = 60): Promise<ScenarioSmtCheck> {
  const claims = new Map<number, Prop[]>();
  s.spec.steps.forEach((step, k) => {
    if (!('expect' in step) || (model.stoppedAt !== undefined && k + 1 > model.stoppedAt)) return;
    const after = model.events.filter((e) => e.step < k + 1).length;
    const ps = claims.get(after) ?? [];
    for (const t of step.expect['can-read'] ?? []) ps.push(knows(parties(t.party), PHR(t.file, t.partition)));
    for (const t of step.expect['cannot-read'] ?? []) ps.push(not(knows(parties(t.party), PHR(t.file, t.partition))));
    for (const t of step.expect.knows ?? []) ps.push(knows(parties(t.party), t.token));
    for (const t of step.expect['not-knows'] ?? []) ps.push(not(knows(parties(t.party), t.token)));
    claims.set(after, ps);
  });
  for (const r of model.refusals) {
    const ps = claims.get(r.after) ?? [];
    // a step the model enabled against the expectation: Z3 is asked the same, and must disagree
    ps.push(not(enabled(transitionOf(s.net, r.event)!.id)));
    if (r.evidence) ps.push(r.evidence);
    claims.set(r.after, ps);
  }
  // Z3 proves the formula that fixes the model's reason; a different expected reason is then refuted.
  const problems = model.refusals.filter((r) => r.reason !== undefined && r.reason !== r.expected).map((r) => `line ${r.line}: ${r.transition} is refused for ${r.reason}, not ${r.expected}`);
  const c = await checkSequence(s.net, model.events.map((e) => e.event), claims, limitSeconds);
  return { ...c, entailed: c.entailed && problems.length === 0, problems };
}
