// Why the SRS refuses a request (rule 32, D_R_F): the first conjunct of the request check (rule
// 31's guard, model/rules/guards.ts) that is false, in the order the SRS tests them, named by the
// refusal code the implementation returns. A test holds this to the guard itself: no reason
// exactly when D_R_S is enabled, a reason exactly when D_R_F is.
import { hasModule } from './config.js';
import { evaluate, has, type Marking } from './marking.js';
import { fromJoinDateFor } from './rules/guards.js';
import type { Net } from './net.js';
import { ACL, Expired, Member, MemberAtUpload, RK, RP, Registered, Revoked, SRS, holds, sk } from './terms.js';
import { ownerOf, patientIds, patientTag, severalPatients } from './universe.js';

export function refusalReason(net: Net, m: Marking, u: string, f: string, i: string): string | undefined {
  const { cfg, U } = net;
  const on = (x: string) => has(net, m, x);
  // the request is to the owner of f; with several patients, each keeps its own members
  const p = ownerOf(U, f);
  const P = patientTag(U, p);
  // with several owners, a partition the SRS never stored has no owner to check a membership against
  if (severalPatients(U) && !on(holds(SRS, RP(f, i)))) return 'NO_SUCH_PARTITION';
  if (!on(Member(u, P))) return membershipReason(net, m, u, p);
  if (!on(holds(SRS, RP(f, i)))) return 'NO_SUCH_PARTITION';
  if (!on(ACL(u, i, P))) return 'NOT_GRANTED';
  // the policy in force for u: the global one, or the owner's exception for u (guards.ts)
  if (evaluate(net, fromJoinDateFor({ U, cfg }, p, u), m) && !on(MemberAtUpload(u, f, i))) return 'BEFORE_JOIN';
  // time module (guards.ts windowAllows): checked after the ACL and the policy, before RK
  if (hasModule(cfg, 'time') && on(Expired(u, P))) return 'OUTSIDE_WINDOW';
  const rk = cfg.variant === 'srs-keys' ? on(holds(SRS, sk(p))) && on(holds(SRS, sk(u))) : on(holds(SRS, RK(u, P)));
  return rk ? undefined : 'MISSING_KEY';
}

/** Why u is not a member of patient p's circle, as the SRS names it: revoked, registered and
 *  waiting for approval, in another patient's circle only, or never registered. Shared by every
 *  refusal whose first failing condition is a membership (requests here, lifecycle steps in
 *  step-refusal.ts). */
export function membershipReason(net: Net, m: Marking, u: string, p: string): string {
  const { U } = net;
  const on = (x: string) => has(net, m, x);
  const P = patientTag(U, p);
  // in another patient's circle (registered there, not revoked) but not in p's: the SRS names that
  const elsewhere = () => patientIds(U).some((q) => q !== p && on(Registered(u, patientTag(U, q))) && !on(Revoked(u, patientTag(U, q))));
  return on(Revoked(u, P)) ? 'REVOKED' : on(Registered(u, P)) ? 'NOT_APPROVED' : elsewhere() ? 'OTHER_OWNER' : 'NOT_REGISTERED';
}
