// Conditions several rules share. Each is a named piece of the paper's text, written once.
// `p` is the patient (owner) whose data or member the condition is about.
import { hasModule } from '../config.js';
import { type Prop, TRUE, and, fact, not } from '../prop.js';
import type { Ctx } from '../rule.js';
import { ACL, Expired, Member, MemberAtUpload, RK, SRS, holds, sk } from '../terms.js';
import { patientTag } from '../universe.js';

/** Section 3.6 policy: under from-join-date, R^U only for partitions uploaded while u was a member. */
export function policyAllows(ctx: Ctx, u: string, f: string, i: string): Prop {
  return ctx.cfg.policy === 'from-join-date' ? fact(MemberAtUpload(u, f, i)) : TRUE;
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
  return and(fact(Member(u, P)), fact(ACL(u, i, P)), policyAllows(ctx, u, f, i), windowAllows(ctx, p, u), srsHasRK(ctx, p, u));
}
