// Hand lemmas for the all-sizes proofs (smt/all-sizes/): facts about every reachable marking that
// the proofs need and that a reader can check against the rules. Each is stated over a universe
// as the properties are, read first-order the same way, checked like every other candidate (a
// lemma that is not inductive is dropped, never assumed), and carries the reason it is needed.
import type { Profile } from './config.js';
import { type Prop, all, and, fact, implies, not, or } from './prop.js';
import { ACL, C, Member, MemberAtUpload, PHR, RP, Revoked, RevokedAtUpload, RU, SRS, Uploaded, holds, r, sk } from './terms.js';
import { type Universe, filesOf, joiners, outsiders, partitionsOf, patientTag, principals } from './universe.js';

/**
 * A statement over every patient of U: `each(p, t, files, parts)` with the patient's id, its tag in
 * patient-scoped facts (none when U has one patient, as the model names them) and its own files
 * and partition labels. A user's holdings about a patient's files are that patient's business only.
 */
const perPatient = (U: Universe, each: (p: string, t: string | undefined, files: readonly string[], parts: readonly string[]) => Prop[]): Prop[] =>
  U.patients.flatMap(({ id }) => each(id, patientTag(U, id), filesOf(U, id), partitionsOf(U, id)));

export interface Lemma {
  readonly id: string;
  /** why the proofs need it (the counterexample to induction it removes) */
  readonly reason: string;
  /** profiles whose nets it is offered to */
  readonly profiles: readonly Profile[];
  readonly statement: (U: Universe) => Prop;
}

export const LEMMAS: readonly Lemma[] = [
  {
    id: 'owner-only-r-and-RP',
    reason: 'Only the owner draws r (Gen_ri) and computes R^P (Compt_Ri); no rule hands either to a user. Without it, the smallest counterexample to induction of insider.fine-grained is a user already holding r and R^P who downloads C (D_C).',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => U.users.flatMap(({ id: u }) => files.flatMap((f) => parts.flatMap((i) => [not(fact(holds(u, r(f, i)))), not(fact(holds(u, RP(f, i))))]))))),
  },
  {
    id: 'member-is-joiner',
    reason: 'Only Approve (a joiner) or M0 (the paper profile\'s joiners) makes a member. Without it, the smallest counterexample to induction of paper.unauthorised-cannot is an outsider who is a member and obtains R^U through D_R_S.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => outsiders(U, p).map((o) => not(fact(Member(o, t)))))),
  },
  {
    id: 'outsider-holds-no-RU',
    reason: 'D_R_S issues R^U of a patient\'s partition only to that patient\'s member, and an outsider of a patient is never its member (member-is-joiner); a plaintext needs that R^U (Decrypt_ri). With several patients a user can be a joiner of one patient and an outsider of another; without it, the smallest counterexample to induction of isolation.cross-patient under extended is an outsider of A holding R^U of A\'s file when it gets its key pair as B\'s member (Send_Keys).',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => outsiders(U, p).flatMap((o) => files.flatMap((f) => parts.flatMap((i) =>
      [not(fact(holds(o, RU(o, f, i)))), not(fact(holds(o, PHR(f, i))))]))))),
  },
  {
    id: 'member-not-revoked',
    reason: 'Revoke and Revoke_Keep remove membership as they record the revocation, and a revoked user is never approved again. forward.* and insider.fine-grained need it so that a revoked user\'s kept R^U is not read as a member\'s.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).map((u) => implies(fact(Member(u, t)), not(fact(Revoked(u, t))))))),
  },
  {
    id: 'RU-granted-or-revoked',
    reason: 'D_R_S issues R^U only against an ACL entry, and only a revocation removes ACL entries (Revoke_Keep leaves R^U behind). Needs three literals, so it is stated here as well as mined.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => files.flatMap((f) => parts.map((i) =>
      implies(fact(holds(u, RU(u, f, i))), or(fact(ACL(u, i, t)), fact(Revoked(u, t))))))))),
  },
  {
    id: 'plaintext-with-its-keys',
    reason: 'A user obtains a plaintext only by Decrypt_ri, which needs C, R^U and sk; only Revoke deletes any of them, and it deletes the plaintext too. paper.correct-decryption says a holder of a plaintext can derive its key, an ∃ (some user\'s R^U and sk) that the proof may only assume weakened; this lemma names the witness, the user itself.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => U.users.flatMap(({ id: u }) => files.flatMap((f) => parts.map((i) =>
      implies(fact(holds(u, PHR(f, i))), and(fact(holds(u, C(f, i))), fact(holds(u, RU(u, f, i))), fact(holds(u, sk(u)))))))))),
  },
  {
    id: 'PHR-granted-or-revoked',
    reason: 'A user obtains a plaintext only by Decrypt_ri, which needs R^U, which D_R_S issues only against an ACL entry; Revoke wipes the plaintext with the ACL entries, Revoke_Keep leaves it with the revocation recorded. Without it, the smallest counterexample to induction of insider.fine-grained is a registered user holding a plaintext and being approved.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => files.flatMap((f) => parts.map((i) =>
      implies(fact(holds(u, PHR(f, i))), or(fact(ACL(u, i, t)), fact(Revoked(u, t))))))))),
  },
  {
    id: 'PHR-member-or-revoked',
    reason: 'As above: a user holding a plaintext was approved, and only a revocation ends membership. The same counterexample to induction (a plaintext held before Approve) for backward.from-join-date.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => files.flatMap((f) => parts.map((i) =>
      implies(fact(holds(u, PHR(f, i))), or(fact(Member(u, t)), fact(Revoked(u, t))))))))),
  },
  {
    id: 'RU-member-or-revoked',
    reason: 'D_R_S issues R^U only to a member, and only a revocation ends membership (Revoke wipes the R^U, Revoke_Keep records the revocation). With several patients PHR-member-or-revoked needs it for Decrypt_ri: the one-patient reading mines it (three literals), the patient-sorted reading keeps only mined clauses about a patient\'s own files. Without it, the smallest counterexample to induction of paper.correct-decryption with several patients is a joiner of A holding a plaintext of A without R^U, left so when Revoke by another patient wipes its key pair.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => files.flatMap((f) => parts.map((i) =>
      implies(fact(holds(u, RU(u, f, i))), or(fact(Member(u, t)), fact(Revoked(u, t))))))))),
  },
  {
    id: 'nothing-from-after-revocation',
    reason: 'R^U and the plaintext of a partition uploaded after u\'s revocation: D_R_S needs the upload and, at that time, u\'s membership, which the revocation ended for good. Without it, the smallest counterexample to induction of forward.new-files is a member holding R^U of a partition recorded as uploaded after its revocation.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => files.flatMap((f) => parts.flatMap((i) => [
      implies(fact(RevokedAtUpload(u, f, i)), not(fact(holds(u, RU(u, f, i))))),
      implies(fact(RevokedAtUpload(u, f, i)), not(fact(holds(u, PHR(f, i))))),
    ]))))),
  },
  {
    id: 'revocation-is-final',
    reason: 'An upload records u as revoked only if u is revoked, and nothing undoes a revocation. Without it, the smallest counterexample to induction of forward.new-files is a member recorded as revoked at an upload, who then obtains R^U (D_R_S).',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => files.flatMap((f) => parts.map((i) => implies(fact(RevokedAtUpload(u, f, i)), fact(Revoked(u, t)))))))),
  },
  {
    id: 'revoked-keys-gone',
    reason: 'Revoke and Revoke_Keep delete the SRS\'s copy of u\'s secret key, and the SRS makes a pair only for a member (srs-keys; under owner-keys it never holds a user\'s secret key). Without it, the smallest counterexample to induction of forward.all-files is a revoked user holding C and R^U whose secret key the SRS still holds, which Send_Keys then hands back.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t) => joiners(U, p).map((u) => implies(fact(Revoked(u, t)), not(fact(holds(SRS, sk(u)))))))),
  },
  {
    id: 'srs-holds-no-secret-key',
    reason: 'Under owner-keys every party makes its own pair and only publishes pk (Gen_Key, Send_Keys), so the SRS never holds a secret key (under srs-keys it makes them all, and the proofs drop the lemma). Without it, the smallest counterexample to induction of collusion.srs-cloud is an SRS holding the owner\'s secret key and R^P when the owner uploads C (Send_C).',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(principals(U).map((x) => not(fact(holds(SRS, sk(x)))))),
  },
  {
    id: 'revoked-holds-nothing',
    reason: 'An honest revocation (Revoke) wipes the user\'s keys and everything it held of the owner\'s files, and every rule that hands a user a key, C or R^U asks for a member (or, for keys, a pair at the SRS, which the revocation deleted). Without it, the smallest counterexample to induction of forward.all-files is a revoked user who still holds C and R^U.',
    profiles: ['extended'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => [
      implies(fact(Revoked(u, t)), not(fact(holds(u, sk(u))))),
      ...files.flatMap((f) => parts.flatMap((i) => [C(f, i), RU(u, f, i), PHR(f, i)].map((x) => implies(fact(Revoked(u, t)), not(fact(holds(u, x))))))),
    ]))),
  },
  {
    id: 'from-join-date-epochs',
    reason: 'Under from-join-date, D_R_S issues R^U only for uploads made while u was a member, and a plaintext needs that R^U (under history the lemma is not inductive and the proofs drop it). Without it, the smallest counterexample to induction of backward.from-join-date is a member holding R^U of an older upload.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => joiners(U, p).flatMap((u) => files.flatMap((f) => parts.flatMap((i) => [
      implies(fact(holds(u, RU(u, f, i))), fact(MemberAtUpload(u, f, i))),
      implies(fact(holds(u, PHR(f, i))), fact(MemberAtUpload(u, f, i))),
    ]))))),
  },
  {
    id: 'user-holdings-uploaded',
    reason: 'R^U needs the SRS to hold R^P, which comes with the upload record (Send_Ri); a plaintext needs R^U. Without it, the smallest counterexample to induction of forward.new-files (adversarial) is a revoked user keeping a plaintext of a partition not yet uploaded, which Send_Ri then records as uploaded after the revocation.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(perPatient(U, (p, t, files, parts) => [
      ...files.flatMap((f) => parts.flatMap((i) => [implies(fact(Uploaded(f, i)), fact(holds(SRS, RP(f, i)))), implies(fact(holds(SRS, RP(f, i))), fact(Uploaded(f, i)))])),
      ...joiners(U, p).flatMap((u) => files.flatMap((f) => parts.flatMap((i) => [
        implies(fact(holds(u, RU(u, f, i))), fact(Uploaded(f, i))),
        implies(fact(holds(u, PHR(f, i))), fact(Uploaded(f, i))),
      ]))),
    ])),
  },
];

/** The lemmas offered to a net of profile `p`. */
export const lemmasFor = (p: Profile): Lemma[] => LEMMAS.filter((l) => l.profiles.includes(p));
