// Why the model refuses any step: the transition's guard read conjunct by conjunct, in the order
// the rule states them, and the first one that is false named by the refusal code the
// implementation returns for it (impl/errors.ts ErrorCode). An R request keeps the SRS's own
// order (refusal.ts). Nothing here restates a guard: the conjuncts are the rule's own formula,
// so a new rule gets its reasons from the facts its guard tests.
import { type Marking, evaluate, has } from './marking.js';
import type { GroundTransition, Net } from './net.js';
import { type Prop, and, fact, not } from './prop.js';
import { membershipReason, refusalReason } from './refusal.js';
import { Registered, Revoked, Uploaded, holds, r, parseTerm, splitHolds } from './terms.js';
import { generationOf, patientIds, patientTag, versionOf } from './universe.js';

/** Every reason the model can give, request or lifecycle step. */
export const REFUSAL_REASONS = [
  'NOT_REGISTERED', 'NOT_APPROVED', 'REVOKED', 'OTHER_OWNER', 'ALREADY_APPROVED', 'DUPLICATE_USER',
  'NOT_GRANTED', 'BEFORE_JOIN', 'OUTSIDE_WINDOW', 'NO_SUCH_PARTITION', 'MISSING_KEY', 'WRONG_STEP', 'STALE_VERSION',
  // a TPA challenge's outcome, when the other outcome's transition is asked for
  'INTACT', 'CORRUPTED',
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

/** An R request (D_R_S granted, D_R_F refused): its refusal keeps the SRS's own order (refusal.ts). */
export const isRequest = (t: GroundTransition): boolean => t.rule.name === 'D_R_S' || t.rule.name === 'D_R_F';

/** The refusal of t in m, or undefined when t is enabled. */
export function stepRefusal(net: Net, m: Marking, t: GroundTransition): StepRefusal | undefined {
  if (evaluate(net, t.guard, m)) return undefined;
  const { u, f, i } = t.binding;
  if (isRequest(t) && u !== undefined && f !== undefined && i !== undefined) {
    const reason = refusalReason(net, m, u, f, i) as RefusalReasonCode | undefined;
    if (reason) return { reason, detail: `the SRS's request check fails (${reason})`, evidence: not(t.guard) };
  }
  const conjuncts = t.guard.t === 'and' ? t.guard.as : [t.guard];
  const k = conjuncts.findIndex((c) => !evaluate(net, c, m));
  const failed = conjuncts[k];
  const { reason, detail, facts } = explain(net, m, failed, t);
  const literal = (x: string) => (has(net, m, x) ? fact(x) : not(fact(x)));
  return { reason, detail, evidence: and(...conjuncts.slice(0, k), not(failed), ...facts.map(literal)) };
}

/** The file a fact or held token names (its first file-like argument), if any. */
function fileOf(net: Net, x: string): string | undefined {
  const held = splitHolds(x);
  const { args } = parseTerm(held ? held.token : x);
  return args.find((a) => net.U.files.includes(a));
}

/** A later version of f's partition i that its owner p has started (drawn its r, which drops f's
 *  tokens) or uploaded: p's client has moved on, and f is stale. */
function supersededBy(net: Net, m: Marking, p: string, f: string, i: string): string | undefined {
  const { file, version } = versionOf(f);
  return net.U.files.find((g) => versionOf(g).file === file && versionOf(g).version > version && (has(net, m, holds(p, r(g, i))) || has(net, m, Uploaded(g, i))));
}

/** The code and words for one false conjunct, and the facts its code also depends on. */
function explain(net: Net, m: Marking, c: Prop, t: GroundTransition): { reason: RefusalReasonCode; detail: string; facts: string[] } {
  // "some patient gives the standing": the refusal is the first alternative's (a user revoked by
  // one patient and unknown to the others is refused as revoked)
  if (c.t === 'or' && c.as.length > 0) {
    const alt = c.as[0];
    const parts = alt.t === 'and' ? alt.as : [alt];
    const failed = parts.find((x) => !evaluate(net, x, m));
    if (failed) return explain(net, m, failed, t);
  }
  const positive = c.t === 'fact' ? c.f : undefined;
  const negated = c.t === 'not' && c.a.t === 'fact' ? c.a.f : undefined;
  const f = positive ?? negated;
  if (f === undefined) return { reason: 'WRONG_STEP', detail: 'a condition of the step does not hold', facts: [] };
  const detail = positive ? `${f} does not hold` : `${f} holds`;
  const { head, args } = parseTerm(f);
  const held = splitHolds(f);
  // record updates: a step of version v needs v-1 uploaded first (out of order), and a step of a
  // version a later one superseded is stale
  const { f: tf, i: ti } = t.binding;
  const named = fileOf(net, f);
  if (positive && tf !== undefined && named !== undefined && named !== tf && versionOf(named).file === versionOf(tf).file)
    return { reason: 'WRONG_STEP', detail: `${detail} (version ${versionOf(named).version} first)`, facts: [] };
  const owner = held && patientIds(net.U).includes(held.who) ? held.who : undefined;
  const later = positive && owner && tf !== undefined && ti !== undefined && named === tf ? supersededBy(net, m, owner, tf, ti) : undefined;
  if (later) return { reason: 'STALE_VERSION', detail: `${detail} (${later} supersedes it)`, facts: [] };
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
    // a challenge's outcomes are two transitions: the failing one is refused with the other's answer
    if (head === 'Corrupted') return { reason: 'INTACT', detail, facts: [] };
    // re-joining as a new key generation needs the earlier one revoked: while it stands, the
    // person is registered already
    if (head === 'Revoked') {
      const registered = Registered(args[args.length - 1], args.length > 1 ? args[0] : undefined);
      return { reason: has(net, m, registered) ? 'DUPLICATE_USER' : 'WRONG_STEP', detail, facts: [registered] };
    }
    if (head === 'MemberAtUpload') return { reason: 'BEFORE_JOIN', detail, facts: [] };
    if (head === 'Uploaded') return { reason: 'NO_SUCH_PARTITION', detail, facts: [] };
    if (held) {
      const th = parseTerm(held.token).head;
      if ((th === 'sk' || th === 'pk') && held.who === 'SRS') {
        // the SRS has no pair for x: a person who never registered, under any key generation and
        // with any patient, is refused as a stranger before anything else is looked at
        const x = parseTerm(held.token).args[0];
        const person = generationOf(x).user;
        const registrations = net.U.users.filter((u) => generationOf(u.id).user === person).flatMap((u) => patientIds(net.U).map((p) => Registered(u.id, patientTag(net.U, p))));
        const known = registrations.filter((g) => net.factIndex.has(g));
        if (!patientIds(net.U).includes(x) && !known.some((g) => has(net, m, g))) return { reason: 'NOT_REGISTERED', detail: `${x} is registered with no patient`, facts: known };
      }
      if (th === 'sk' || th === 'pk' || th === 'RK') return { reason: 'MISSING_KEY', detail, facts: [] };
      if (th === 'RP' && held.who === 'SRS') return { reason: 'NO_SUCH_PARTITION', detail, facts: [] };
      // the TPA holds no commitment to (f,i): nothing was uploaded for it to audit
      if (th === 'Com' && held.who === 'TPA') return { reason: 'NO_SUCH_PARTITION', detail, facts: [] };
      // the cloud has no C for (f,i): nothing was uploaded there
      if (th === 'C' && held.who === 'Cloud') return { reason: 'NO_SUCH_PARTITION', detail, facts: [] };
      // a user without R_U(f,i) was never granted it by the SRS
      if (th === 'RU') return { reason: 'NOT_GRANTED', detail, facts: [] };
    }
    return { reason: 'WRONG_STEP', detail, facts: [] };
  }
  if (head === 'Registered') return { reason: 'DUPLICATE_USER', detail, facts: [] };
  if (head === 'Member') return { reason: 'ALREADY_APPROVED', detail, facts: [] };
  if (head === 'Revoked') return { reason: 'REVOKED', detail, facts: [] };
  if (head === 'Expired') return { reason: 'OUTSIDE_WINDOW', detail, facts: [] };
  if (head === 'Corrupted') return { reason: 'CORRUPTED', detail, facts: [] };
  // a once-only step already taken (a key already drawn, a label already granted, C already sent)
  return { reason: 'WRONG_STEP', detail, facts: [] };
}
