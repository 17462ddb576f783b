// What the model says the implementation must answer to an event in a marking: accept it when
// the transition is enabled, refuse it otherwise; for an R request (D_R_S / D_R_F), also WHY it
// is refused, read off the guard's conjuncts in the order the SRS checks them (impl/acl.ts decide,
// then RK). A refusal for the wrong reason is a mismatch: it is how a revocation that leaves the
// ACL entry behind shows, even when the request happens to be refused anyway.
import { fire, has, isEnabled, type Marking } from '../model/marking.js';
import type { GroundTransition, Net } from '../model/net.js';
import { ACL, Member, MemberAtUpload, RK, RP, Registered, Revoked, SRS, holds, sk } from '../model/terms.js';

/** The SRS's answer the model predicts for u's request of (f,i): undefined = granted. */
export function expectedRefusal(net: Net, m: Marking, u: string, f: string, i: string): string | undefined {
  const { cfg, U } = net;
  const on = (x: string) => has(net, m, x);
  if (!on(Member(u))) return on(Revoked(u)) ? 'REVOKED' : on(Registered(u)) ? 'NOT_APPROVED' : 'NOT_REGISTERED';
  if (!on(holds(SRS, RP(f, i)))) return 'NO_SUCH_PARTITION';
  if (!on(ACL(u, i))) return 'NOT_GRANTED';
  if (cfg.policy === 'from-join-date' && !on(MemberAtUpload(u, f, i))) return 'BEFORE_JOIN';
  const rk = cfg.variant === 'srs-keys' ? on(holds(SRS, sk(U.owner))) && on(holds(SRS, sk(u))) : on(holds(SRS, RK(u)));
  return rk ? undefined : 'MISSING_KEY';
}

export interface Expectation {
  readonly enabled: boolean;
  /** for D_R_S / D_R_F: the refusal code the model predicts (undefined when granted) */
  readonly refusal?: string;
  /** the marking after firing (enabled only) */
  readonly next?: Marking;
}

export function expectationOf(net: Net, m: Marking, t: GroundTransition): Expectation {
  const enabled = isEnabled(net, t, m);
  const { u, f, i } = t.binding;
  const refusal = t.rule.name === 'D_R_S' || t.rule.name === 'D_R_F' ? expectedRefusal(net, m, u, f, i) : undefined;
  return { enabled, refusal, next: enabled ? fire(net, t, m) : undefined };
}
