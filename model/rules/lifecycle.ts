// The access-control lifecycle of Sections 3.6 and 3.7, which the paper describes but never
// modelled (defect no-lifecycle). Profile `extended`.
import { and, fact, not } from '../prop.js';
import { defineRule, type Ctx, type Ground } from '../rule.js';
import { ACL, C, Member, PHR, Registered, Revoked, RK, RU, SRS, holds, pk, sk } from '../terms.js';
import { defaultAccessOf } from '../universe.js';

export const Register = defineRule({
  name: 'Register', profile: 'extended',
  params: [['u', 'joiner']],
  arcs: { in: ['Registered'], out: ['Registered'] },
  paper: 'Section 3.6: a new member registers with the SRS by role (roles may be proven by X.509 attribute certificates).',
  reading: 'u registers once, with the role the universe gives it. Outsiders never register.',
  defects: ['no-lifecycle'],
  ground: ({ u }) => ({ guard: not(fact(Registered(u))), add: [Registered(u)], del: [] }),
});

export const Approve = defineRule({
  name: 'Approve', profile: 'extended',
  params: [['u', 'joiner']],
  arcs: { in: ['Registered', 'Member', 'Revoked', 'SRS', 'User'], out: ['Member', 'ACL', 'SRS'] },
  paper: 'Section 3.6: the owner approves; the member gets the owner\'s default access for its group.',
  reading: 'The owner admits u: u becomes a member with its role\'s default partitions in the ACL. Under owner-keys the owner also computes RK(u) = pk(u)^{1/x_P} (Eq. 14) and deposits it at the SRS, so it needs pk(u) at the SRS and its own sk(P).',
  defects: ['no-lifecycle'],
  ground: ({ u }, { U, cfg }) => {
    const base = and(fact(Registered(u)), not(fact(Member(u))), not(fact(Revoked(u))));
    const acl = defaultAccessOf(U, u).map((i) => ACL(u, i));
    return cfg.variant === 'srs-keys'
      ? { guard: base, add: [Member(u), ...acl], del: [] }
      : {
          guard: and(base, fact(holds(SRS, pk(u))), fact(holds(U.owner, sk(U.owner)))),
          add: [Member(u), ...acl, holds(SRS, RK(u))], del: [],
        };
  },
});

export const Grant = defineRule({
  name: 'Grant', profile: 'extended',
  params: [['u', 'joiner'], ['i', 'partition']],
  arcs: { in: ['Member', 'ACL'], out: ['ACL'] },
  paper: 'Section 3.6: extended access needs the owner\'s approval.',
  reading: 'The owner extends member u\'s access to label i.',
  defects: ['no-lifecycle'],
  ground: ({ u, i }) => ({ guard: and(fact(Member(u)), not(fact(ACL(u, i)))), add: [ACL(u, i)], del: [] }),
});

/** What revocation does at the SRS (Section 3.7): delete u's keys and ACL entries, nothing else. */
function revokeAtSrs(u: string, { U }: Ctx): Ground {
  return {
    guard: fact(Member(u)),
    add: [Revoked(u)],
    del: [Member(u), ...U.partitions.map((i) => ACL(u, i)), holds(SRS, sk(u)), holds(SRS, pk(u)), holds(SRS, RK(u))],
  };
}

/** Every token a departing user's client could hold, each partition of each file. */
export function userHoldings(u: string, { U }: Ctx): string[] {
  const per = U.files.flatMap((f) => U.partitions.flatMap((i) => [C(f, i), RU(u, f, i), PHR(f, i)]));
  return [sk(u), pk(u), ...per].map((t) => holds(u, t));
}

export const Revoke = defineRule({
  name: 'Revoke', profile: 'extended',
  params: [['u', 'joiner']],
  arcs: { in: ['Member'], out: ['Member', 'Revoked', 'ACL', 'SRS', 'User'] },
  paper: 'Section 3.7: the owner tells the SRS; the SRS deletes that user\'s keys and removes it from the ACL. No other user is re-keyed and nothing is re-encrypted.',
  reading: 'An honest departure: the SRS deletes sk(u), pk(u), RK(u) and u\'s ACL entries, and u\'s own client wipes what it held. (Revoke_Keep, adversarial, is the departure of a user who keeps everything.)',
  defects: ['no-lifecycle'],
  ground: ({ u }, ctx) => {
    const g = revokeAtSrs(u, ctx);
    return { ...g, del: [...g.del, ...userHoldings(u, ctx)] };
  },
});

export const Revoke_Keep = defineRule({
  name: 'Revoke_Keep', profile: 'adversarial',
  params: [['u', 'joiner']],
  arcs: { in: ['Member'], out: ['Member', 'Revoked', 'ACL', 'SRS'] },
  paper: 'Section 4 (forward access control) against Section 3.7: nothing forces a departed user to forget.',
  reading: 'The same SRS-side revocation, but u keeps every key, R^U, C and plaintext it had.',
  ground: ({ u }, ctx) => revokeAtSrs(u, ctx),
});

export const LIFECYCLE_RULES = [Register, Approve, Grant, Revoke, Revoke_Keep] as const;
