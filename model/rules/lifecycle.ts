// The access-control lifecycle of Sections 3.6 and 3.7, which the paper describes but never
// modelled (defect no-lifecycle). Profile `extended`.
import { FALSE, and, any, fact, not } from '../prop.js';
import { defineRule, type Ctx, type Ground, type WhenEffect } from '../rule.js';
import { ACL, C, Member, PHR, Registered, Revoked, RK, RU, SRS, holds, pk, sk } from '../terms.js';
import { defaultAccessOf, filesOf, partitionsOf, patientIds, patientTag } from '../universe.js';

export const Register = defineRule({
  name: 'Register', profile: 'extended',
  params: [['p', 'patient'], ['u', 'joiner']],
  arcs: { in: ['Registered'], out: ['Registered'] },
  paper: 'Section 3.6: a new member registers with the SRS by role (roles may be proven by X.509 attribute certificates).',
  reading: 'u registers once, with the role the universe gives it. Outsiders never register.',
  defects: ['no-lifecycle'],
  ground: ({ p, u }, { U }) => ({ guard: not(fact(Registered(u, patientTag(U, p)))), add: [Registered(u, patientTag(U, p))], del: [] }),
});

export const Approve = defineRule({
  name: 'Approve', profile: 'extended',
  params: [['p', 'patient'], ['u', 'joiner']],
  arcs: { in: ['Registered', 'Member', 'Revoked', 'SRS', 'User'], out: ['Member', 'ACL', 'SRS'] },
  paper: 'Section 3.6: the owner approves; the member gets the owner\'s default access for its group.',
  reading: 'The owner admits u: u becomes a member with its role\'s default partitions in the ACL. Under owner-keys the owner also computes RK(u) = pk(u)^{1/x_P} (Eq. 14) and deposits it at the SRS, so it needs pk(u) at the SRS and its own sk(P).',
  defects: ['no-lifecycle'],
  ground: ({ p, u }, { U, cfg }) => {
    const P = patientTag(U, p);
    const base = and(fact(Registered(u, P)), not(fact(Member(u, P))), not(fact(Revoked(u, P))));
    const acl = defaultAccessOf(U, u, p).map((i) => ACL(u, i, P));
    return cfg.variant === 'srs-keys'
      ? { guard: base, add: [Member(u, P), ...acl], del: [] }
      : {
          guard: and(base, fact(holds(SRS, pk(u))), fact(holds(p, sk(p)))),
          add: [Member(u, P), ...acl, holds(SRS, RK(u, P))], del: [],
        };
  },
});

export const Grant = defineRule({
  name: 'Grant', profile: 'extended',
  params: [['p', 'patient'], ['u', 'joiner'], ['i', 'partition']],
  arcs: { in: ['Member', 'ACL'], out: ['ACL'] },
  paper: 'Section 3.6: extended access needs the owner\'s approval.',
  reading: 'The owner extends member u\'s access to label i.',
  defects: ['no-lifecycle'],
  ground: ({ p, u, i }, { U }) => ({ guard: and(fact(Member(u, patientTag(U, p))), not(fact(ACL(u, i, patientTag(U, p))))), add: [ACL(u, i, patientTag(U, p))], del: [] }),
});

/**
 * u's key pair serves every patient it is a member of (one pair a user), so a revocation by p
 * removes it only when no other patient still has u as a member: unconditionally with one
 * patient, as a conditional effect (decided before the firing) with several.
 */
function unlessServedElsewhere(p: string, u: string, { U }: Ctx, keys: readonly string[]): { del: string[]; when: WhenEffect[] } {
  const servedElsewhere = any(patientIds(U).filter((q) => q !== p).map((q) => fact(Member(u, patientTag(U, q)))));
  return servedElsewhere === FALSE ? { del: [...keys], when: [] } : { del: [], when: [{ if: not(servedElsewhere), add: [], del: [...keys] }] };
}

/** What revocation by patient p does at the SRS (Section 3.7): delete u's keys and ACL entries, nothing else. */
function revokeAtSrs(p: string, u: string, ctx: Ctx): Ground {
  const P = patientTag(ctx.U, p);
  const keys = unlessServedElsewhere(p, u, ctx, [holds(SRS, sk(u)), holds(SRS, pk(u))]);
  return {
    guard: fact(Member(u, P)),
    add: [Revoked(u, P)],
    del: [Member(u, P), ...partitionsOf(ctx.U, p).map((i) => ACL(u, i, P)), ...keys.del, holds(SRS, RK(u, P))],
    when: keys.when,
  };
}

/** Every token a departing user's client could hold of patient p's files, and its key pair (unless another patient still serves it). */
export function userHoldings(p: string, u: string, ctx: Ctx): { del: string[]; when: WhenEffect[] } {
  const per = filesOf(ctx.U, p).flatMap((f) => partitionsOf(ctx.U, p).flatMap((i) => [C(f, i), RU(u, f, i), PHR(f, i)]));
  const keys = unlessServedElsewhere(p, u, ctx, [holds(u, sk(u)), holds(u, pk(u))]);
  return { del: [...keys.del, ...per.map((t) => holds(u, t))], when: keys.when };
}

export const Revoke = defineRule({
  name: 'Revoke', profile: 'extended',
  params: [['p', 'patient'], ['u', 'joiner']],
  arcs: { in: ['Member'], out: ['Member', 'Revoked', 'ACL', 'SRS', 'User'] },
  paper: 'Section 3.7: the owner tells the SRS; the SRS deletes that user\'s keys and removes it from the ACL. No other user is re-keyed and nothing is re-encrypted.',
  reading: 'An honest departure: the SRS deletes sk(u), pk(u), RK(u) and u\'s ACL entries, and u\'s own client wipes what it held. (Revoke_Keep, adversarial, is the departure of a user who keeps everything.)',
  defects: ['no-lifecycle'],
  ground: ({ p, u }, ctx) => {
    const g = revokeAtSrs(p, u, ctx);
    const client = userHoldings(p, u, ctx);
    return { ...g, del: [...g.del, ...client.del], when: [...(g.when ?? []), ...client.when] };
  },
});

export const Revoke_Keep = defineRule({
  name: 'Revoke_Keep', profile: 'adversarial',
  params: [['p', 'patient'], ['u', 'joiner']],
  arcs: { in: ['Member'], out: ['Member', 'Revoked', 'ACL', 'SRS'] },
  paper: 'Section 4 (forward access control) against Section 3.7: nothing forces a departed user to forget.',
  reading: 'The same SRS-side revocation, but u keeps every key, R^U, C and plaintext it had.',
  ground: ({ p, u }, ctx) => revokeAtSrs(p, u, ctx),
});

export const LIFECYCLE_RULES = [Register, Approve, Grant, Revoke, Revoke_Keep] as const;
