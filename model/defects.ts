// The printed model's defects (Section 5 of the paper) and how each is resolved, in one place.
// Rules cite these ids; reports list them; nothing else decides how a defect is read.

export interface DefectResolution {
  readonly id: string;
  readonly where: string;
  readonly printed: string;
  readonly chosen: string;
  readonly why: string;
}

export const DEFECTS: readonly DefectResolution[] = [
  {
    id: 'rule23-brackets',
    where: 'Rule (23), Gen_Key',
    printed: 'The rule has unbalanced parentheses; the binding of the new key pair to U_i is unreadable.',
    chosen: 'Gen_Key(x) creates one key pair (sk(x), pk(x)) for one principal x, kept by its maker; it fires once per principal.',
    why: 'It is the only reading under which Send_Keys (24) has a token to copy and every principal has exactly one key pair.',
  },
  {
    id: 'flow-relation',
    where: 'Definition of N, flow relation F',
    printed: 'F written as (P x T) ∪ (T ∪ P).',
    chosen: 'F ⊆ (P x T) ∪ (T x P), Murata\'s definition; each rule declares its input and output places and a test checks every ground instance reads and writes only those.',
    why: 'T ∪ P is not a set of arcs; the printed form is a typo for the standard definition.',
  },
  {
    id: 'rule32-index-precedence',
    where: 'Rule (32), D_R_F',
    printed: 'One operand lacks its index and the disjunction has no brackets, so "user id differs OR partition differs AND ..." has two readings.',
    chosen: 'D_R_F(u,f,i) fires exactly when the SRS holds R^P for (f,i) and the request is not granted: ¬(Member(u) ∧ ACL(u,i) ∧ policy(u,f,i) ∧ SRS can form RK(u)). It is the complement of D_R_S\'s guard under the same availability condition, and changes nothing.',
    why: 'Success and failure of one request must partition the cases; any other bracketing leaves requests that neither succeed nor fail, or both.',
  },
  {
    id: 'rule31-acl-as-relation',
    where: 'Rule (31), D_R_S',
    printed: 'The SRS token\'s user id and partition are compared with the request; the ACL is not a separate object.',
    chosen: 'The ACL is a place of (user, partition label) pairs written by the lifecycle (Approve, Grant, Revoke); in the paper profile M0 fills it with the running example\'s default access.',
    why: 'Sections 3.6 and 3.7 grant, extend and revoke access; an id comparison inside the SRS token cannot express any of that.',
  },
  {
    id: 'rule31-pairing',
    where: 'Rule (31), D_R_S',
    printed: 'The user token receives the R_i stored in the SRS token: the owner\'s R^P itself, not a per-user value.',
    chosen: 'D_R_S computes RK(u) = g^{x_u/x_P} (Eq. 14) and R^U = e(RK, R^P) (Eqs. 15-18) and gives the user RU(u,f,i). Under srs-keys it needs sk(P) and sk(u) at the SRS; under owner-keys, the RK(u) the owner deposited.',
    why: 'Handing out R^P = g^{r x_P} would let nobody but the owner decrypt (Eqs. 19-22 need Z^{r x_u}); the printed rule skips the step the whole scheme rests on.',
  },
  {
    id: 'no-lifecycle',
    where: 'Sections 3.6 and 3.7 versus Section 5',
    printed: 'Joining, default access, approval and revocation are described in prose and have no transitions.',
    chosen: 'The extended profile adds Register, Approve, Grant and Revoke, and the epoch facts MemberAtUpload / RevokedAtUpload written at each upload (Send_Ri).',
    why: 'Forward and backward access control cannot be stated, let alone checked, without them.',
  },
  {
    id: 'no-initial-marking',
    where: 'Definition of N',
    printed: 'N = (P, T, F, phi, R, L, M0) with no L and no M0 given.',
    chosen: 'M0 is built from a universe (model/universe.ts): the owner holds each plaintext partition; in the paper profile every non-outsider user is already a member with its role\'s default access; in the other profiles nobody has registered yet. L (labels) are the rule names.',
    why: 'A net without an initial marking has no reachable states to check.',
  },
  {
    id: 'backward-tension',
    where: 'Section 3.6 versus Section 4',
    printed: '"Access from the date of joining unless specified otherwise" versus "new users can access the past data".',
    chosen: 'Both are policies: `history` (no date check) and `from-join-date` (R^U only for partitions uploaded while the user was a member).',
    why: 'The paper states both; the properties backward.history and backward.from-join-date show that each policy satisfies exactly one of them.',
  },
];

export function defect(id: string): DefectResolution {
  const d = DEFECTS.find((x) => x.id === id);
  if (!d) throw new Error(`no defect resolution '${id}'`);
  return d;
}
