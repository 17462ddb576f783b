// Why the model refuses any step: the transition's guard read conjunct by conjunct, in the order
// the rule states them, and the first one that is false named by the refusal code the
// implementation returns for it (impl/errors.ts ErrorCode). An R request keeps the SRS's own
// order (refusal.ts). Nothing here restates a guard: the conjuncts are the rule's own formula,
// so a new rule gets its reasons from the facts its guard tests.
import { type Marking, evaluate, has } from './marking.js';
import type { GroundTransition, Net } from './net.js';
import { type Prop, and, fact, not } from './prop.js';
import { membershipReason, refusalReason } from './refusal.js';
import { Registered, Revoked, parseTerm, splitHolds } from './terms.js';
import { patientIds, patientTag } from './universe.js';

/** Every reason the model can give, request or lifecycle step. */
export const REFUSAL_REASONS = [
  'NOT_REGISTERED', 'NOT_APPROVED', 'REVOKED', 'OTHER_OWNER', 'ALREADY_APPROVED', 'DUPLICATE_USER',
  'NOT_GRANTED', 'BEFORE_JOIN', 'OUTSIDE_WINDOW', 'NO_SUCH_PARTITION', 'MISSING_KEY', 'WRONG_STEP',
] as const;
export type RefusalReasonCode = (typeof REFUSAL_REASONS)[number];

export interface StepRefusal {
  readonly reason: RefusalReasonCode;
  /** the condition that fails, in the model's fact names (no secret: facts are names) */
  readonly detail: string;
  /** a formula over the marking that holds here and fixes the reason: the conjuncts before the
   *  failing one, its negation, and the facts that tell membership reasons apart (for Z3) */
  readonly evidence: Prop;
}

const REQUESTS = new Set(['D_R_S', 'D_R_F']);

/** The refusal of t in m, or undefined when t is enabled. */
export function stepRefusal(net: Net, m: Marking, t: GroundTransition): StepRefusal | undefined {
  if (evaluate(net, t.guard, m)) return undefined;
  const { u, f, i } = t.binding;
  if (REQUESTS.has(t.rule.name) && u !== undefined && f !== undefined && i !== undefined) {
    const reason = refusalReason(net, m, u, f, i) as RefusalReasonCode | undefined;
    if (reason) return { reason, detail: `the SRS's request check fails (${reason})`, evidence: not(t.guard) };
  }
  const conjuncts = t.guard.t === 'and' ? t.guard.as : [t.guard];
  const k = conjuncts.findIndex((c) => !evaluate(net, c, m));
  const failed = conjuncts[k];
  const { reason, detail, facts } = explain(net, m, failed);
  const literal = (x: string) => (has(net, m, x) ? fact(x) : not(fact(x)));
  return { reason, detail, evidence: and(...conjuncts.slice(0, k), not(failed), ...facts.map(literal)) };
}

/** The code and words for one false conjunct, and the facts its code also depends on. */
function explain(net: Net, m: Marking, c: Prop): { reason: RefusalReasonCode; detail: string; facts: string[] } {
  const positive = c.t === 'fact' ? c.f : undefined;
  const negated = c.t === 'not' && c.a.t === 'fact' ? c.a.f : undefined;
  const f = positive ?? negated;
  if (f === undefined) return { reason: 'WRONG_STEP', detail: 'a condition of the step does not hold', facts: [] };
  const detail = positive ? `${f} does not hold` : `${f} holds`;
  const { head, args } = parseTerm(f);
  const held = splitHolds(f);
  if (positive) {
    if (head === 'Registered' || head === 'Member') {
      // scoped facts print the patient's tag first when the universe has several patients
      const u = args[args.length - 1];
      const p = args.length > 1 ? args[0] : patientIds(net.U)[0];
      const P = patientTag(net.U, p);
      const facts = [Revoked(u, P), Registered(u, P), ...patientIds(net.U).filter((q) => q !== p).flatMap((q) => [Registered(u, patientTag(net.U, q)), Revoked(u, patientTag(net.U, q))])];
      return { reason: membershipReason(net, m, u, p) as RefusalReasonCode, detail, facts };
    }
    if (head === 'ACL') return { reason: 'NOT_GRANTED', detail, facts: [] };
    if (head === 'MemberAtUpload') return { reason: 'BEFORE_JOIN', detail, facts: [] };
    if (head === 'Uploaded') return { reason: 'NO_SUCH_PARTITION', detail, facts: [] };
    if (held) {
      const th = parseTerm(held.token).head;
      if (th === 'sk' || th === 'pk' || th === 'RK') return { reason: 'MISSING_KEY', detail, facts: [] };
      if (th === 'RP' && held.who === 'SRS') return { reason: 'NO_SUCH_PARTITION', detail, facts: [] };
    }
    return { reason: 'WRONG_STEP', detail, facts: [] };
  }
  if (head === 'Registered') return { reason: 'DUPLICATE_USER', detail, facts: [] };
  if (head === 'Member') return { reason: 'ALREADY_APPROVED', detail, facts: [] };
  if (head === 'Revoked') return { reason: 'REVOKED', detail, facts: [] };
  if (head === 'Expired') return { reason: 'OUTSIDE_WINDOW', detail, facts: [] };
  // a once-only step already taken (a key already drawn, a label already granted, C already sent)
  return { reason: 'WRONG_STEP', detail, facts: [] };
}
