// Conditions several rules share. Each is a named piece of the paper's text, written once.
import { hasModule } from '../config.js';
import { type Prop, TRUE, and, fact, not } from '../prop.js';
import type { Ctx } from '../rule.js';
import { ACL, Expired, Member, MemberAtUpload, RK, SRS, holds, sk } from '../terms.js';

/** Section 3.6 policy: under from-join-date, R^U only for partitions uploaded while u was a member. */
export function policyAllows(ctx: Ctx, u: string, f: string, i: string): Prop {
  return ctx.cfg.policy === 'from-join-date' ? fact(MemberAtUpload(u, f, i)) : TRUE;
}

/** time module (issue 8): R^U only inside u's grant window, i.e. before the clock passed its end. */
export function windowAllows(ctx: Ctx, u: string): Prop {
  return hasModule(ctx.cfg, 'time') ? not(fact(Expired(u))) : TRUE;
}

/** Eq. 14: the SRS can form RK(u): from both secrets (srs-keys) or the owner's deposit (owner-keys). */
export function srsHasRK(ctx: Ctx, u: string): Prop {
  return ctx.cfg.variant === 'srs-keys'
    ? and(fact(holds(SRS, sk(ctx.U.owner))), fact(holds(SRS, sk(u))))
    : fact(holds(SRS, RK(u)));
}

/** The whole ACL check of D_R_S (31); D_R_F (32) is its complement (defect rule32-index-precedence). */
export function requestGranted(ctx: Ctx, u: string, f: string, i: string): Prop {
  return and(fact(Member(u)), fact(ACL(u, i)), policyAllows(ctx, u, f, i), windowAllows(ctx, u), srsHasRK(ctx, u));
}
