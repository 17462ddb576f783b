// The eleven transitions of the paper's HLPN (Section 5, Fig. 2, rules 23-33), in the paper's order.
// Each reads as the printed rule does, with the defects resolved as model/defects.ts records.
import { type Prop, FALSE, TRUE, and, any, fact, not } from '../prop.js';
import { type Ctx, defineRule } from '../rule.js';
import { C, CLOUD, Member, MemberAtUpload, PHR, Registered, Revoked, RevokedAtUpload, RP, RU, SRS, Uploaded, holds, pk, r, sk } from '../terms.js';
import { hasRole, isPatient, joiners, patientIds, patientTag, severalPatients } from '../universe.js';
import { requestGranted } from './guards.js';

/**
 * Principal x's standing with patient p, for key issue: p itself always; another owner never (an
 * owner is no one's user); a user when `gate` holds (a member under srs-keys, registered under
 * owner-keys), or always when there is no gate.
 */
const standing = ({ U }: Ctx, x: string, p: string, gate?: (P: string | undefined) => string): Prop =>
  x === p ? TRUE : isPatient(U, x) ? FALSE : gate ? fact(gate(patientTag(U, p))) : hasRoleWith(U, x, p);

/** With several patients, a user without a role for p has no standing with it (p cannot have revoked
 *  it, so "not revoked by p" would say nothing); with one, every user is taken as the single-owner
 *  net always took it (its guard never mentions roles). */
const hasRoleWith = (U: Ctx['U'], x: string, p: string): Prop => (severalPatients(U) ? hasRole(U, x, p) : TRUE);

/** Some patient, not having revoked x, gives x the standing: one key pair serves all of x's patients. */
const eligible = (ctx: Ctx, x: string, gate?: (P: string | undefined) => string): Prop =>
  any(patientIds(ctx.U).map((p) => and(not(fact(Revoked(x, patientTag(ctx.U, p)))), standing(ctx, x, p, gate))));

/**
 * Who may publish its pk to the SRS (owner-keys): a user registered with a patient that has not
 * revoked it; the SRS refuses anyone else (NOT_REGISTERED). With one patient that needs no gate of
 * its own: a holder of pk(x) registered to make it (Gen_Key) and nothing unregisters, so "not
 * revoked" says it (and the single-owner net keeps its guard). With several, a user revoked by one
 * patient keeps its pair under Revoke_Keep, and its role with another patient it never registered
 * with gives it no standing at the SRS.
 */
const publishGate = (ctx: Ctx, x: string) => (severalPatients(ctx.U) ? (P: string | undefined) => Registered(x, P) : undefined);

export const Gen_Key = defineRule({
  name: 'Gen_Key', eq: 23, profile: 'paper',
  params: [['x', 'principal']],
  arcs: { in: ['SRS', 'User', 'Member', 'Registered', 'Revoked'], out: ['SRS', 'User'] },
  paper: 'R(Gen_Key) = ∀ x1 ∈ X1, ∀ x2 ∈ X2 | x2[1] := x1[1] ∧ x2[2] := GenSK() ∧ x2[3] := GenPK(x2[2]) ∧ X2\' := X2 ∪ {x2}: the SRS makes g, Zq*, SK_i, PK_i for U_i.',
  reading: 'srs-keys: the SRS makes (sk(x), pk(x)) for x once (x the owner, or a member). owner-keys: x makes its own pair once registered.',
  defects: ['rule23-brackets'],
  ground: ({ x }, ctx) =>
    ctx.cfg.variant === 'srs-keys'
      ? {
          guard: and(not(fact(holds(SRS, sk(x)))), eligible(ctx, x, (P) => Member(x, P))),
          add: [holds(SRS, sk(x)), holds(SRS, pk(x))], del: [],
        }
      : {
          guard: and(not(fact(holds(x, sk(x)))), eligible(ctx, x, (P) => Registered(x, P))),
          add: [holds(x, sk(x)), holds(x, pk(x))], del: [],
        },
});

export const Send_Keys = defineRule({
  name: 'Send_Keys', eq: 24, profile: 'paper',
  params: [['x', 'principal']],
  arcs: { in: ['SRS', 'User', 'Revoked'], out: ['SRS', 'User'] },
  paper: 'R(Send_Keys): the user token gets U_i, SK_i, PK_i, Z and g from the SRS token.',
  reading: 'srs-keys: the SRS hands x its pair. owner-keys: the direction reverses, x publishes pk(x) to the SRS.',
  ground: ({ x }, ctx) =>
    ctx.cfg.variant === 'srs-keys'
      ? { guard: and(fact(holds(SRS, sk(x))), not(fact(holds(x, sk(x))))), add: [holds(x, sk(x)), holds(x, pk(x))], del: [] }
      : { guard: and(fact(holds(x, pk(x))), not(fact(holds(SRS, pk(x)))), eligible(ctx, x, publishGate(ctx, x))), add: [holds(SRS, pk(x))], del: [] },
});

export const Gen_ri = defineRule({
  name: 'Gen_ri', eq: 25, profile: 'paper',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['User'], out: ['User'] },
  paper: 'R(Gen_ri): the owner draws a fresh r_i ∈ Zq* for partition P_i.',
  reading: 'The owner draws r(f,i) once per partition of each file (fresh per upload; the model has one upload per (f,i)).',
  ground: ({ p, f, i }) => ({ guard: not(fact(holds(p, r(f, i)))), add: [holds(p, r(f, i))], del: [] }),
});

export const Encrypt_Pi = defineRule({
  name: 'Encrypt_Pi', eq: 26, profile: 'paper',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['User'], out: ['User'] },
  paper: 'R(Encrypt_Pi): C := encrypt(P_i, r_i, Z), i.e. C_i = Z^{r_i} · PHR_i (Eqs. 6-9).',
  reading: 'With r(f,i) and the plaintext, the owner seals C(f,i).',
  ground: ({ p, f, i }) => ({
    guard: and(fact(holds(p, r(f, i))), fact(holds(p, PHR(f, i))), not(fact(holds(p, C(f, i))))),
    add: [holds(p, C(f, i))], del: [],
  }),
});

export const Compt_Ri = defineRule({
  name: 'Compt_Ri', eq: 27, profile: 'paper',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['User'], out: ['User'] },
  paper: 'R(Compt_Ri): R_i := comp_R(SK, g, r_i), i.e. R_i^P = g^{r_i x_P} (Eqs. 10-13).',
  reading: 'With r(f,i) and its own sk(P), the owner computes RP(f,i).',
  ground: ({ p, f, i }) => ({
    guard: and(fact(holds(p, r(f, i))), fact(holds(p, sk(p))), not(fact(holds(p, RP(f, i))))),
    add: [holds(p, RP(f, i))], del: [],
  }),
});

export const Send_C = defineRule({
  name: 'Send_C', eq: 28, profile: 'paper',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['User', 'Cloud'], out: ['Cloud'] },
  paper: 'R(Send_C): the Cloud place gets C.',
  reading: 'The owner uploads C(f,i) to the cloud.',
  ground: ({ p, f, i }) => ({
    guard: and(fact(holds(p, C(f, i))), not(fact(holds(CLOUD, C(f, i))))),
    add: [holds(CLOUD, C(f, i))], del: [],
  }),
});

export const Send_Ri = defineRule({
  name: 'Send_Ri', eq: 29, profile: 'paper',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['User', 'SRS', 'Member', 'Revoked'], out: ['SRS', 'Uploaded', 'Epochs'] },
  paper: 'R(Send_Ri): the SRS token gets R_i and the partition id P_i.',
  reading: 'The owner sends RP(f,i) to the SRS, which records the upload and, as its epoch, who is a member and who is revoked at that moment.',
  defects: ['no-lifecycle'],
  ground: ({ p, f, i }, { U }) => ({
    guard: and(fact(holds(p, RP(f, i))), not(fact(holds(SRS, RP(f, i))))),
    add: [holds(SRS, RP(f, i)), Uploaded(f, i)], del: [],
    when: joiners(U, p).flatMap((u) => [
      { if: fact(Member(u, patientTag(U, p))), add: [MemberAtUpload(u, f, i)], del: [] },
      { if: fact(Revoked(u, patientTag(U, p))), add: [RevokedAtUpload(u, f, i)], del: [] },
    ]),
  }),
});

export const D_C = defineRule({
  name: 'D_C', eq: 30, profile: 'paper',
  params: [['p', 'patient'], ['u', 'user'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['Cloud', 'Member', 'User'], out: ['User'] },
  paper: 'R(D_C): the user token gets C from the cloud.',
  reading: 'A member downloads C(f,i). (Outsiders reach C only through the adversarial Leak_C.)',
  ground: ({ p, u, f, i }, { U }) => ({
    guard: and(fact(holds(CLOUD, C(f, i))), fact(Member(u, patientTag(U, p))), not(fact(holds(u, C(f, i))))),
    add: [holds(u, C(f, i))], del: [],
  }),
});

export const D_R_S = defineRule({
  name: 'D_R_S', eq: 31, profile: 'paper',
  params: [['p', 'patient'], ['u', 'user'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['SRS', 'Member', 'ACL', 'Epochs', 'User'], out: ['User'] },
  paper: 'R(D_R_S): if the SRS token\'s user id and partition match the request, the user token gets R_i.',
  reading: 'If u is a member, the ACL grants it label i, the policy allows (f,i) and the SRS can form RK(u), the SRS pairs RK(u) with RP(f,i) and u gets RU(u,f,i) = Z^{r x_u}.',
  defects: ['rule31-acl-as-relation', 'rule31-pairing', 'backward-tension'],
  ground: ({ p, u, f, i }, ctx) => ({
    guard: and(fact(holds(SRS, RP(f, i))), requestGranted(ctx, p, u, f, i), not(fact(holds(u, RU(u, f, i))))),
    add: [holds(u, RU(u, f, i))], del: [],
  }),
});

export const D_R_F = defineRule({
  name: 'D_R_F', eq: 32, profile: 'paper',
  params: [['p', 'patient'], ['u', 'user'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['SRS', 'Member', 'ACL', 'Epochs'], out: [] },
  paper: 'R(D_R_F): if the user id or the partition does not match, nothing changes (the request fails).',
  reading: 'A request for an uploaded (f,i) that D_R_S would not grant is refused; the marking is unchanged.',
  defects: ['rule32-index-precedence'],
  ground: ({ p, u, f, i }, ctx) => ({
    guard: and(fact(holds(SRS, RP(f, i))), not(requestGranted(ctx, p, u, f, i))),
    add: [], del: [],
  }),
});

export const Decrypt_ri = defineRule({
  name: 'Decrypt_ri', eq: 33, profile: 'paper',
  params: [['p', 'patient'], ['u', 'user'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['User'], out: ['User'] },
  paper: 'R(Decrypt_ri): P_i := decrypt(C, R_i), i.e. PHR_i = C_i / (R_i^U)^{1/x_U} (Eqs. 19-22).',
  reading: 'Holding C(f,i), RU(u,f,i) and sk(u), the user recovers PHR(f,i).',
  ground: ({ u, f, i }) => ({
    guard: and(fact(holds(u, C(f, i))), fact(holds(u, RU(u, f, i))), fact(holds(u, sk(u))), not(fact(holds(u, PHR(f, i))))),
    add: [holds(u, PHR(f, i))], del: [],
  }),
});

export const PAPER_RULES = [Gen_Key, Send_Keys, Gen_ri, Encrypt_Pi, Compt_Ri, Send_C, Send_Ri, D_C, D_R_S, D_R_F, Decrypt_ri] as const;
