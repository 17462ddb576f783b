// Hand lemmas for the all-sizes proofs (smt/all-sizes/): facts about every reachable marking that
// the proofs need and that a reader can check against the rules. Each is stated over a universe
// as the properties are, read first-order the same way, checked like every other candidate (a
// lemma that is not inductive is dropped, never assumed), and carries the reason it is needed.
import type { Profile } from './config.js';
import { type Prop, all, fact, implies, not, or } from './prop.js';
import { ACL, Member, PHR, Revoked, RU, holds } from './terms.js';
import { type Universe, joiners, outsiders } from './universe.js';

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
    id: 'member-is-joiner',
    reason: 'Only Approve (a joiner) or M0 (the paper profile\'s joiners) makes a member. Without it, the smallest counterexample to induction of paper.unauthorised-cannot is an outsider who is a member and obtains R^U through D_R_S.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(outsiders(U).map((o) => not(fact(Member(o))))),
  },
  {
    id: 'member-not-revoked',
    reason: 'Revoke and Revoke_Keep remove membership as they record the revocation, and a revoked user is never approved again. forward.* and insider.fine-grained need it so that a revoked user\'s kept R^U is not read as a member\'s.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(joiners(U).map((u) => implies(fact(Member(u)), not(fact(Revoked(u)))))),
  },
  {
    id: 'RU-granted-or-revoked',
    reason: 'D_R_S issues R^U only against an ACL entry, and only a revocation removes ACL entries (Revoke_Keep leaves R^U behind). Needs three literals, so it is stated here as well as mined.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(joiners(U).flatMap((u) => U.files.flatMap((f) => U.partitions.map((i) =>
      implies(fact(holds(u, RU(u, f, i))), or(fact(ACL(u, i)), fact(Revoked(u)))))))),
  },
  {
    id: 'PHR-granted-or-revoked',
    reason: 'A user obtains a plaintext only by Decrypt_ri, which needs R^U, which D_R_S issues only against an ACL entry; Revoke wipes the plaintext with the ACL entries, Revoke_Keep leaves it with the revocation recorded. Without it, the smallest counterexample to induction of insider.fine-grained is a registered user holding a plaintext and being approved.',
    profiles: ['paper', 'extended', 'adversarial'],
    statement: (U) => all(joiners(U).flatMap((u) => U.files.flatMap((f) => U.partitions.map((i) =>
      implies(fact(holds(u, PHR(f, i))), or(fact(ACL(u, i)), fact(Revoked(u)))))))),
  },
  {
    id: 'PHR-member-or-revoked',
    reason: 'As above: a user holding a plaintext was approved, and only a revocation ends membership. The same counterexample to induction (a plaintext held before Approve) for backward.from-join-date.',
    profiles: ['extended', 'adversarial'],
    statement: (U) => all(joiners(U).flatMap((u) => U.files.flatMap((f) => U.partitions.map((i) =>
      implies(fact(holds(u, PHR(f, i))), or(fact(Member(u)), fact(Revoked(u)))))))),
  },
];

/** The lemmas offered to a net of profile `p`. */
export const lemmasFor = (p: Profile): Lemma[] => LEMMAS.filter((l) => l.profiles.includes(p));
