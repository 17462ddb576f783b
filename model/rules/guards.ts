// Conditions several rules share. Each is a named piece of the paper's text, written once.
// `p` is the patient (owner) whose data or member the condition is about.
import { hasModule, includesProfile } from '../config.js';
import { type Prop, FALSE, TRUE, and, fact, not, or } from '../prop.js';
import type { Ctx } from '../rule.js';
import { ACL, Excepted, Expired, Member, MemberAtUpload, RK, SRS, holds, sk } from '../terms.js';
import { boundsOf, patientTag } from '../universe.js';

/** Whether the owner's per-member exception to the backward policy exists in this net: the
 *  lifecycle profiles (the paper profile has no owner action beyond the printed rules), on a
 *  universe that has it (model/universe.ts LifecycleBounds). */
export const hasExceptions = (ctx: Ctx): boolean => includesProfile(ctx.cfg.profile, 'extended') && boundsOf(ctx.U).exceptions;
/** Whether the owner may narrow a member's access (Ungrant) in this net, likewise. */
export const hasNarrowing = (ctx: Ctx): boolean => includesProfile(ctx.cfg.profile, 'extended') && boundsOf(ctx.U).narrowing;

/** Section 3.6, "from the date of joining unless specified otherwise by the PHR owner": u's
 *  backward access runs from its joining date: the global policy, unless the owner excepted u
 *  (Except_Policy), which turns it the other way for u alone. */
export function fromJoinDateFor(ctx: Ctx, p: string, u: string): Prop {
  const global = ctx.cfg.policy === 'from-join-date';
  if (!hasExceptions(ctx)) return global ? TRUE : FALSE;
  const ex = fact(Excepted(u, patientTag(ctx.U, p)));
  return global ? not(ex) : ex;
}

/** Section 3.6 policy: where u's backward access runs from its joining date, R^U only for
 *  partitions uploaded while u was a member. */
export function policyAllows(ctx: Ctx, p: string, u: string, f: string, i: string): Prop {
  if (!hasExceptions(ctx)) return ctx.cfg.policy === 'from-join-date' ? fact(MemberAtUpload(u, f, i)) : TRUE;
  return or(not(fromJoinDateFor(ctx, p, u)), fact(MemberAtUpload(u, f, i)));
}

/** time module: R^U only inside u's grant window from patient p, i.e. before the clock passed its end. */
export function windowAllows(ctx: Ctx, p: string, u: string): Prop {
  return hasModule(ctx.cfg, 'time') ? not(fact(Expired(u, patientTag(ctx.U, p)))) : TRUE;
}

/** Eq. 14: the SRS can form RK_{p->u}: from both secrets (srs-keys) or the owner's deposit (owner-keys). */
export function srsHasRK(ctx: Ctx, p: string, u: string): Prop {
  return ctx.cfg.variant === 'srs-keys'
    ? and(fact(holds(SRS, sk(p))), fact(holds(SRS, sk(u))))
    : fact(holds(SRS, RK(u, patientTag(ctx.U, p))));
}

/** The whole ACL check of D_R_S (31); D_R_F (32) is its complement (defect rule32-index-precedence). */
export function requestGranted(ctx: Ctx, p: string, u: string, f: string, i: string): Prop {
  const P = patientTag(ctx.U, p);
  return and(fact(Member(u, P)), fact(ACL(u, i, P)), policyAllows(ctx, p, u, f, i), windowAllows(ctx, p, u), srsHasRK(ctx, p, u));
}
