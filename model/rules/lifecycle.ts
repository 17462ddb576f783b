// The access-control lifecycle of Sections 3.6 and 3.7, which the paper describes but never
// modelled (defect no-lifecycle). Profile `extended`.
import { FALSE, all, and, any, fact, not } from '../prop.js';
import { defineRule, type Ctx, type Ground, type RuleExtension, type WhenEffect } from '../rule.js';
import { ACL, C, CLOUD, Excepted, Member, Narrowed, NarrowedAtUpload, PHR, Registered, Revoked, RK, RP, RU, SRS, Uploaded, holds, pk, r, sk } from '../terms.js';
import { hasExceptions, hasNarrowing } from './guards.js';
import { defaultAccessOf, filesOf, joiners, partitionsOf, patientIds, patientTag, previousGeneration, previousVersion, versionId, versionOf } from '../universe.js';

export const Register = defineRule({
  name: 'Register', profile: 'extended',
  params: [['p', 'patient'], ['u', 'joiner']],
  arcs: { in: ['Registered', 'Revoked', 'Member'], out: ['Registered'] },
  paper: 'Section 3.6: a new member registers with the SRS by role (roles may be proven by X.509 attribute certificates).',
  reading: 'u registers once, with the role the universe gives it. Outsiders never register. Re-joining (universe bound `rejoins`): a later key generation u~g registers only once p revoked the generation before it and that generation is a member of no patient any more (its key pair, shared by all its patients, is retired); it then joins as a new member with a fresh key pair: approval gives its role\'s default access again (the old grants and exceptions are gone), and its joining date is the re-join.',
  defects: ['no-lifecycle'],
  ground: ({ p, u }, { U }) => {
    const P = patientTag(U, p);
    const own = not(fact(Registered(u, P)));
    const prev = previousGeneration(u);
    if (!prev) return { guard: own, add: [Registered(u, P)], del: [] };
    const retired = all(patientIds(U).filter((q) => joiners(U, q).includes(prev)).map((q) => not(fact(Member(prev, patientTag(U, q))))));
    return { guard: and(own, fact(Revoked(prev, P)), retired), add: [Registered(u, P)], del: [] };
  },
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
  reading: 'The owner extends member u\'s access to label i (and so ends a narrowing of i).',
  defects: ['no-lifecycle'],
  ground: ({ p, u, i }, ctx) => {
    const P = patientTag(ctx.U, p);
    return { guard: and(fact(Member(u, P)), not(fact(ACL(u, i, P)))), add: [ACL(u, i, P)], del: hasNarrowing(ctx) ? [Narrowed(u, i, P)] : [] };
  },
});

/** What an honest client drops of patient p's label i when the owner takes the label back: every
 *  version's C, R^U and plaintext (its key pair stays: it is still a member). */
const labelHoldings = (p: string, u: string, i: string, { U }: Ctx) => filesOf(U, p).flatMap((f) => [C(f, i), RU(u, f, i), PHR(f, i)].map((t) => holds(u, t)));

export const Ungrant = defineRule({
  name: 'Ungrant', profile: 'extended', applies: hasNarrowing,
  params: [['p', 'patient'], ['u', 'joiner'], ['i', 'partition']],
  arcs: { in: ['Member', 'ACL'], out: ['ACL', 'User'] },
  paper: 'Section 3.6 (the converse of Grant): the owner narrows a member\'s access; the SRS removes label i from its ACL entry. As with revocation (Section 3.7), nothing is re-keyed or re-encrypted.',
  reading: 'The owner takes label i back from member u: the SRS removes ACL(u,i) and remembers the narrowing (an epoch fact for later uploads of i); u\'s honest client drops what it held of label i. u stays a member.',
  defects: ['no-lifecycle'],
  ground: ({ p, u, i }, ctx) => {
    if (!hasNarrowing(ctx)) return null;
    const P = patientTag(ctx.U, p);
    return { guard: and(fact(Member(u, P)), fact(ACL(u, i, P))), add: [Narrowed(u, i, P)], del: [ACL(u, i, P), ...labelHoldings(p, u, i, ctx)] };
  },
});

export const Except_Policy = defineRule({
  name: 'Except_Policy', profile: 'extended', applies: hasExceptions,
  params: [['p', 'patient'], ['u', 'joiner']],
  arcs: { in: ['Member', 'ACL'], out: ['ACL'] },
  paper: 'Section 3.6: access runs "from the date of joining unless specified otherwise by the PHR owner".',
  reading: 'The owner specifies otherwise for member u: u\'s backward access runs the other way than the global policy (its full history under from-join-date, from its joining date under history). The SRS keeps the choice in u\'s ACL entry until u departs.',
  defects: ['no-lifecycle', 'backward-tension'],
  ground: ({ p, u }, ctx) => {
    if (!hasExceptions(ctx)) return null;
    const P = patientTag(ctx.U, p);
    return { guard: and(fact(Member(u, P)), not(fact(Excepted(u, P)))), add: [Excepted(u, P)], del: [] };
  },
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
    del: [
      Member(u, P), ...partitionsOf(ctx.U, p).flatMap((i) => [ACL(u, i, P), ...(hasNarrowing(ctx) ? [Narrowed(u, i, P)] : [])]),
      ...(hasExceptions(ctx) ? [Excepted(u, P)] : []), ...keys.del, holds(SRS, RK(u, P)),
    ],
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

export const LIFECYCLE_RULES = [Register, Approve, Grant, Ungrant, Except_Policy, Revoke, Revoke_Keep] as const;

/**
 * What the lifecycle profiles add to the paper's upload rules (25, 28, 29), whose printed reading
 * stays as it is: record updates (version f~v of a file follows version v-1 of each partition and
 * replaces it at the owner, the cloud and the SRS) and the narrowing epoch (at each upload the SRS
 * also records who is narrowed on that label). Nothing here applies to a first version or to the
 * paper profile.
 */
export const LifecycleUploads: RuleExtension = {
  profile: 'extended',
  rules: ['Gen_ri', 'Send_C', 'Send_Ri'],
  arcs: { in: ['Uploaded', 'Cloud', 'ACL'], out: ['User', 'Cloud', 'SRS', 'Epochs'] },
  reading: 'Record updates: a later version f~v of (f,i) is drawn once version v-1 is at the cloud and the SRS, and the owner\'s client then holds only the new version; its upload replaces v-1\'s C at the cloud and v-1\'s R^P at the SRS (the SRS records v\'s own upload epoch). At every upload the SRS also records who is narrowed on label i.',
  extend: (rule, { p, f, i }, ctx) => {
    const { U } = ctx;
    const prev = previousVersion(f);
    switch (rule.name) {
      case 'Gen_ri': {
        // a version an update superseded is not drawn again: the owner no longer has its plaintext
        const superseded = filesOf(U, p).includes(versionId(versionOf(f).file, versionOf(f).version + 1)) ? fact(holds(p, PHR(f, i))) : undefined;
        const after = prev ? and(fact(Uploaded(prev, i)), fact(holds(CLOUD, C(prev, i)))) : undefined;
        const guard = superseded && after ? and(superseded, after) : superseded ?? after;
        return { ...(guard && { guard }), ...(prev && { del: [PHR(prev, i), r(prev, i), C(prev, i), RP(prev, i)].map((t) => holds(p, t)) }) };
      }
      case 'Send_C':
        return prev ? { del: [holds(CLOUD, C(prev, i))] } : {};
      case 'Send_Ri': {
        const P = patientTag(U, p);
        return {
          del: prev ? [holds(SRS, RP(prev, i))] : [],
          when: hasNarrowing(ctx) ? joiners(U, p).map((u) => ({ if: fact(Narrowed(u, i, P)), add: [NarrowedAtUpload(u, f, i)], del: [] })) : [],
        };
      }
      default:
        return {};
    }
  },
};

export const LIFECYCLE_EXTENSIONS: readonly RuleExtension[] = [LifecycleUploads];
