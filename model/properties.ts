// The property catalogue (design.md): each property is data: an id, the paper's words, the
// profiles it is checked under, and its statement as a formula built over a universe. The
// verdict is always computed (explorer, SMT), never written here; `paperClaims` only records
// what the paper asserts, for the reports to set beside the computed verdict.
import { type Module, type NetConfig, hasModule, includesProfile } from './config.js';
import type { Profile } from './config.js';
import type { Net } from './net.js';
import { type Prop, all, and, any, fact, implies, knows, not, or, unchanged, fired, enabled, pre, post } from './prop.js';
import { D_R_S, Decrypt_ri } from './rules/paper.js';
import { transitionId } from './rule.js';
import { ACL, C, CLOUD, Corrupted, Detected, Excepted, Expired, Logged, Member, MemberAtUpload, Narrowed, NarrowedAtUpload, PHR, RK, RP, Revoked, RevokedAtUpload, RU, SRS, TPA, Uploaded, holds, sk, pk, key } from './terms.js';
import { type Universe, boundsOf, fileParts as patientFileParts, filesOf, generationsUpTo, joiners, outsiders, partitionsOf, patientIds, patientTag, previousGeneration, principals, versionOf } from './universe.js';
import { fromJoinDateFor } from './rules/guards.js';

/**
 * invariant: the statement holds in every reachable marking.
 * reachable: some reachable marking satisfies it (a witness is the evidence).
 * step: the statement holds across every firing (atoms pre/post/fired).
 */
export type PropertyKind = 'invariant' | 'reachable' | 'step';

export interface Property {
  readonly id: string;
  readonly title: string;
  /** the paper's words or section */
  readonly source: string;
  readonly kind: PropertyKind;
  /** profiles it is checked under by default (the first is the least it needs) */
  readonly profiles: readonly Profile[];
  /** optional modules it needs (NetConfig.modules); checked only on nets that have them all */
  readonly modules?: readonly Module[];
  /** the least number of patients the universe needs for the statement to say anything (default 1) */
  readonly minPatients?: number;
  /** the lifecycle bound the universe must allow for the statement to say anything: record
   *  updates (`versions` above 1) or re-joining (`rejoins` above 0); model/universe.ts LifecycleBounds */
  readonly needs?: 'versions' | 'rejoins' | 'narrowing';
  /** whether the paper claims it (true), denies it, or does not say (undefined) */
  readonly paperClaims?: boolean;
  /** the statement over a ground net; an implication's premise is kept in it (model/vacuity.ts) */
  readonly statement: (net: Net) => Prop;
  /** configurations on which the premise is unreachable by design, each with the reason; the
   *  verdict is still computed (and still `vacuous`): this only tells the reports it is expected */
  readonly vacuousBy?: readonly VacuousBy[];
}

export interface VacuousBy {
  readonly when: Partial<Pick<NetConfig, 'profile' | 'variant' | 'policy'>>;
  readonly reason: string;
}

/** every (file, partition) of the universe, patient by patient */
const fileParts = (U: Universe) => patientFileParts(U).map(([, f, i]) => [f, i] as const);
/** every (file, partition) of patient p */
const partsOf = (U: Universe, p: string) => filesOf(U, p).flatMap((f) => partitionsOf(U, p).map((i) => [f, i] as const));
/** every (patient, its tag, u, file, partition) with u a member-to-be of that patient: the shape most insider properties quantify over */
const memberParts = (U: Universe) => patientIds(U).flatMap((p) => joiners(U, p).flatMap((u) => partsOf(U, p).map(([f, i]) => ({ p, P: patientTag(U, p), u, f, i }))));
/** u (alone, or with `with`) can open partition i of file f */
const reads = (parties: string[], f: string, i: string) => knows(parties, PHR(f, i));
/** u joined patient P after (f,i) was uploaded: not a member then, not revoked then, a member now */
const joinedAfter = (u: string, f: string, i: string, P: string | undefined) =>
  and(fact(Member(u, P)), fact(Uploaded(f, i)), not(fact(MemberAtUpload(u, f, i))), not(fact(RevokedAtUpload(u, f, i))));
/** the owner has not set u's backward access against the global policy (Except_Policy): the
 *  backward.* properties speak of the global policy; a per-member exception is the owner's choice */
const noException = (U: Universe, u: string, P: string | undefined) => (boundsOf(U).exceptions ? not(fact(Excepted(u, P))) : and());

export const CATALOGUE: readonly Property[] = [
  {
    id: 'paper.no-ungranted-R',
    title: 'A valid user never obtains R^U for a partition the ACL did not grant it',
    source: 'Section 5, property 1: "a valid user cannot obtain the re-encryption parameters of a partition it has not been granted"',
    kind: 'invariant', profiles: ['paper', 'extended', 'adversarial'], paperClaims: true,
    statement: ({ U }) => all(memberParts(U).map(({ P, u, f, i }) =>
      implies(and(fact(Member(u, P)), knows([u], RU(u, f, i))), fact(ACL(u, i, P))))),
  },
  {
    id: 'paper.correct-decryption',
    title: 'A legitimate holder of C and R^U can decrypt, and any plaintext a user holds came from that partition\'s C and key',
    source: 'Section 5, property 2: "encryption and decryption are performed correctly as specified" (byte-level correctness is the conformance suite\'s)',
    kind: 'invariant', profiles: ['paper', 'extended'], paperClaims: true,
    statement: ({ U }) => all(U.users.flatMap(({ id: u }) => patientFileParts(U).flatMap(([p, f, i]) => [
      implies(and(fact(holds(u, C(f, i))), fact(holds(u, RU(u, f, i))), fact(holds(u, sk(u)))),
        or(fact(holds(u, PHR(f, i))), enabled(transitionId(Decrypt_ri, { p, u, f, i }, U)))),
      implies(fact(holds(u, PHR(f, i))), and(fact(holds(u, C(f, i))), knows([u], key(f, i)))),
    ]))),
  },
  {
    id: 'paper.unauthorised-cannot',
    title: 'An unregistered party never obtains any R^U nor any plaintext',
    source: 'Section 5, property 3: "an unauthorised user can neither generate the re-encryption parameters nor decrypt the PHR"',
    kind: 'invariant', profiles: ['paper', 'adversarial'], paperClaims: true,
    statement: ({ U }) => all(patientIds(U).flatMap((p) => outsiders(U, p).flatMap((o) => partsOf(U, p).flatMap(([f, i]) => [
      not(reads([o], f, i)),
      ...U.users.map(({ id: u }) => not(knows([o], RU(u, f, i)))),
    ])))),
  },
  {
    id: 'conf.cloud',
    title: 'The cloud can read no partition',
    source: 'Section 4: confidentiality against the untrusted cloud',
    kind: 'invariant', profiles: ['paper', 'adversarial'], paperClaims: true,
    statement: ({ U }) => all(fileParts(U).map(([f, i]) => not(reads([CLOUD], f, i)))),
  },
  {
    id: 'conf.srs-never-gets-data',
    title: 'No ciphertext and no plaintext ever reaches the SRS',
    source: 'Section 3.1: "the SRS never receives the PHR, encrypted or plain"',
    kind: 'invariant', profiles: ['paper', 'adversarial'], paperClaims: true,
    statement: ({ U }) => all(fileParts(U).flatMap(([f, i]) => [not(fact(holds(SRS, C(f, i)))), not(fact(holds(SRS, PHR(f, i))))])),
  },
  {
    id: 'insider.fine-grained',
    title: 'A member reads only partitions it was granted, whatever it combines',
    source: 'Section 4: protection from valid insiders; fine-grained access',
    kind: 'invariant', profiles: ['paper', 'extended', 'adversarial'], paperClaims: true,
    statement: ({ U }) => all(memberParts(U).map(({ P, u, f, i }) =>
      implies(and(fact(Member(u, P)), reads([u], f, i)), fact(ACL(u, i, P))))),
  },
  {
    id: 'forward.new-files',
    title: 'A revoked user reads no partition uploaded after its revocation',
    source: 'Section 4: forward access control',
    kind: 'invariant', profiles: ['extended', 'adversarial'], paperClaims: true,
    statement: ({ U }) => all(memberParts(U).map(({ u, f, i }) =>
      implies(fact(RevokedAtUpload(u, f, i)), not(reads([u], f, i))))),
  },
  {
    id: 'forward.all-files',
    title: 'A revoked user reads nothing any more (the strong reading)',
    source: 'Section 4: "a departed user is denied afterwards"; Section 3.7: nothing is re-encrypted',
    kind: 'invariant', profiles: ['extended', 'adversarial'],
    statement: ({ U }) => all(memberParts(U).map(({ P, u, f, i }) =>
      implies(fact(Revoked(u, P)), not(reads([u], f, i))))),
  },
  {
    id: 'backward.history',
    title: 'A member who joined after an upload can read that upload',
    source: 'Section 4: backward access control, "new users may access the past data"',
    kind: 'reachable', profiles: ['extended'], paperClaims: true,
    statement: ({ U }) => any(memberParts(U).map(({ P, u, f, i }) => and(joinedAfter(u, f, i, P), noException(U, u, P), reads([u], f, i)))),
  },
  {
    id: 'backward.from-join-date',
    title: 'A member reads no upload older than its joining',
    source: 'Section 3.6: access "from the date of joining unless specified otherwise by the PHR owner"',
    kind: 'invariant', profiles: ['extended'], paperClaims: true,
    statement: ({ U }) => all(memberParts(U).map(({ P, u, f, i }) => implies(and(joinedAfter(u, f, i, P), noException(U, u, P)), not(reads([u], f, i))))),
  },
  {
    id: 'collusion.srs-cloud',
    title: 'The SRS and the cloud together read nothing',
    source: 'Section 3.1: the SRS is semi-trusted and must not run on the public cloud',
    kind: 'invariant', profiles: ['adversarial'],
    statement: ({ U }) => all(fileParts(U).map(([f, i]) => not(reads([SRS, CLOUD], f, i)))),
  },
  {
    id: 'collusion.user-srs',
    title: 'A user and the SRS together read nothing that user was not granted',
    source: 'Section 4: protection from insiders; single-key PRE (Ateniese et al. 2006) is not collusion-safe',
    kind: 'invariant', profiles: ['adversarial'],
    statement: ({ U }) => all(memberParts(U).map(({ P, u, f, i }) =>
      implies(reads([u, SRS], f, i), fact(ACL(u, i, P))))),
  },
  {
    id: 'collusion.revoked-cloud',
    title: 'A revoked user and the cloud together read nothing uploaded after the revocation',
    source: 'Section 4: forward access control, with the ciphertext in untrusted hands',
    kind: 'invariant', profiles: ['adversarial'],
    statement: ({ U }) => all(memberParts(U).map(({ u, f, i }) =>
      implies(fact(RevokedAtUpload(u, f, i)), not(reads([u, CLOUD], f, i))))),
  },
  {
    id: 'revocation.no-rekey',
    title: 'Revoking one user changes no other principal\'s keys, no ciphertext and no R^P',
    source: 'Section 3.7 and Table IV: revocation needs no re-keying and no re-encryption',
    kind: 'step', profiles: ['extended', 'adversarial'], paperClaims: true,
    statement: (net) => {
      const { U } = net;
      // with several patients, also the revoked user's re-encryption keys from every other patient
      const protectedFacts = (p: string, u: string) => [
        ...principals(U).filter((x) => x !== u).flatMap((x) => [holds(x, sk(x)), holds(x, pk(x)), holds(SRS, sk(x)), holds(SRS, pk(x)), ...patientIds(U).map((q) => holds(SRS, RK(x, patientTag(U, q))))]),
        ...patientIds(U).filter((q) => q !== p).map((q) => holds(SRS, RK(u, patientTag(U, q)))),
        ...fileParts(U).flatMap(([f, i]) => [holds(CLOUD, C(f, i)), holds(SRS, RP(f, i))]),
      ];
      const revokes = net.transitions.filter((t) => t.rule.name === 'Revoke' || t.rule.name === 'Revoke_Keep');
      return all(revokes.map((t) => implies(fired(t.id), all(protectedFacts(t.binding.p, t.binding.u).map(unchanged)))));
    },
  },
  {
    id: 'flow.granted-user-reads',
    title: 'The paper\'s flow (keys, encrypt, upload, request, decrypt) reaches a user holding a plaintext',
    source: 'Section 5: "an upload followed by a download and decryption by another user"',
    kind: 'reachable', profiles: ['paper', 'extended'], paperClaims: true,
    statement: ({ U }) => any(U.users.flatMap(({ id: u }) => fileParts(U).map(([f, i]) => fact(holds(u, PHR(f, i)))))),
  },
];

/**
 * The properties of the optional modules. Kept apart from CATALOGUE so that every
 * consumer that walks CATALOGUE over module-free nets sees exactly what it always saw; a module
 * property is checked on a net that has its modules (propertiesFor, plannedRuns).
 */
export const MODULE_CATALOGUE: readonly Property[] = [
  {
    id: 'audit.every-R-logged',
    title: 'Every R^U ever issued has its entry in the audit log',
    source: 'Seed 001: "auditability and traceability of access and data sharing events"',
    kind: 'invariant', profiles: ['extended', 'adversarial'], modules: ['audit'],
    // A holder of RU(u,f,i) got it from D_R_S (no other rule issues it) and log entries are never
    // removed, so "held now implies logged" over every reachable marking covers "ever issued".
    statement: ({ U }) => all(U.users.flatMap(({ id: u }) => patientFileParts(U).map(([p, f, i]) =>
      implies(fact(holds(u, RU(u, f, i))), fact(Logged(transitionId(D_R_S, { p, u, f, i }, U))))))),
  },
  {
    id: 'audit.append-only',
    title: 'No event removes an entry from the audit log',
    source: 'Seed 001/002: a tamper-evident ("blockchain") record of every access (byte-level tamper detection: test/modules-audit.test.ts)',
    kind: 'step', profiles: ['extended', 'adversarial'], modules: ['audit'],
    statement: (net) => all(net.facts.filter((f) => f.startsWith('Logged(')).map((f) => implies(pre(f), post(f)))),
  },
  {
    id: 'tpa.reads-nothing',
    title: 'The TPA holds no key and reads no partition, alone or with the cloud',
    source: 'Seed 002/003: the auditor checks the records without access to them',
    kind: 'invariant', profiles: ['paper', 'adversarial'], modules: ['tpa'],
    statement: ({ U }) => all([
      ...principals(U).map((x) => not(knows([TPA], sk(x)))),
      ...fileParts(U).flatMap(([f, i]) => [not(knows([TPA], key(f, i))), not(reads([TPA], f, i)), not(reads([TPA, CLOUD], f, i))]),
    ]),
  },
  {
    id: 'tpa.detects',
    title: 'A TPA challenge of a corrupted or deleted partition detects it',
    source: 'Seed 002/003: the auditor checks that the cloud still holds every uploaded file intact',
    kind: 'step', profiles: ['paper', 'adversarial'], modules: ['tpa'],
    statement: (net) => all(net.transitions.filter((t) => t.rule.name.startsWith('TPA_Challenge')).map((t) =>
      implies(and(fired(t.id), pre(Corrupted(t.binding.f, t.binding.i))), post(Detected(t.binding.f, t.binding.i))))),
  },
  {
    id: 'tpa.no-false-alarm',
    title: 'The TPA flags only partitions the cloud corrupted or deleted',
    source: 'Seed 002/003 (an intact partition always verifies against its commitment)',
    kind: 'invariant', profiles: ['paper', 'adversarial'], modules: ['tpa'],
    statement: ({ U }) => all(fileParts(U).map(([f, i]) => implies(fact(Detected(f, i)), fact(Corrupted(f, i))))),
  },
  {
    id: 'tpa.detection-reachable',
    title: 'A corruption can be detected (the detection property is not vacuous)',
    source: 'Seed 002/003',
    kind: 'reachable', profiles: ['paper', 'adversarial'], modules: ['tpa'],
    statement: ({ U }) => any(fileParts(U).map(([f, i]) => fact(Detected(f, i)))),
  },
  {
    id: 'time.no-R-outside-window',
    title: 'No R^U is issued to a user whose grant window has ended',
    source: 'Seed 003: a time server whose start and end times bound access',
    kind: 'step', profiles: ['extended', 'adversarial'], modules: ['time'],
    statement: (net) => all(net.transitions.filter((t) => t.rule.name === 'D_R_S').map((t) => implies(fired(t.id), not(pre(Expired(t.binding.u, patientTag(net.U, t.binding.p))))))),
  },
  {
    id: 'time.expired-keeps',
    title: 'A user whose window ended still reads the partitions whose R^U it obtained inside it, C fetched before or after (expiry, like revocation, re-encrypts nothing)',
    source: 'Seed 003 against Section 3.7: expiry refuses new requests; nothing already issued is taken back',
    kind: 'reachable', profiles: ['extended', 'adversarial'], modules: ['time'],
    statement: ({ U }) => any(memberParts(U).map(({ P, u, f, i }) => and(fact(Expired(u, P)), reads([u], f, i)))),
  },
];

/**
 * users u, v (each ordered pair of distinct users) and the statement that they are members for two
 * different patients. The statement is symmetric in u and v, so every pair is taken both ways: v
 * ranges over a second read of the users, u dropped by comparison. A symbolic universe reads that
 * comparison as v ≠ u (smt/all-sizes/), where "v after u" in one list would miss two distinct users
 * that one list variable stands for.
 */
const membersOfTwo = (U: Universe): Array<{ u: string; v: string; together: Prop }> =>
  // each user read from the joiners of its own patient (b over a second read of the patients, v
  // over a second read of the users): a symbolic list read once stands for one patient, or one
  // user, at a time, so b !== a, or v !== u, over the same read would leave no pair
  patientIds(U).flatMap((a) => patientIds(U).filter((b) => b !== a).flatMap((b) => joiners(U, a).flatMap((u) => joiners(U, b).filter((v) => v !== u)
    .map((v) => ({ u, v, together: and(fact(Member(u, patientTag(U, a))), fact(Member(v, patientTag(U, b)))) })))));
/** u was granted label i by patient p, or p revoked it (what a revoked user keeps is forward.*'s question, not isolation's) */
const grantedOrRevoked = (u: string, i: string, P: string | undefined) => or(fact(ACL(u, i, P)), fact(Revoked(u, P)));

/**
 * The properties only a universe with several patients can state: one SRS and one cloud serve
 * them all (Section 3.1), and the threat model's insiders (Section 4) are members for some
 * patients and not for others. Kept apart from CATALOGUE, as the module properties are, so that a
 * one-patient universe is checked for exactly what it always was.
 */
export const PATIENT_CATALOGUE: readonly Property[] = [
  {
    id: 'isolation.cross-patient',
    title: 'A member of one patient reads none of another patient\'s partitions unless that patient granted them to it',
    source: 'Section 4: protection from valid insiders, for a member of one patient\'s circle facing another patient\'s data; Section 3.1: one SRS and one cloud serve every patient',
    kind: 'invariant', profiles: ['paper', 'extended', 'adversarial'], minPatients: 2,
    statement: ({ U }) => all(patientIds(U).flatMap((a) => joiners(U, a).flatMap((u) => patientIds(U).filter((b) => b !== a).flatMap((b) => partsOf(U, b).map(([f, i]) =>
      implies(and(fact(Member(u, patientTag(U, a))), reads([u], f, i)), grantedOrRevoked(u, i, patientTag(U, b)))))))),
  },
  {
    id: 'collusion.members-of-two-patients',
    title: 'Two users, members for two different patients, together read nothing that neither was granted',
    source: 'Section 4: insiders who are members for some patients and not for others; collusion resistance of per-user re-encryption keys',
    kind: 'invariant', profiles: ['adversarial'], minPatients: 2,
    statement: ({ U }) => all(membersOfTwo(U).flatMap(({ u, v, together }) => patientFileParts(U).map(([p, f, i]) =>
      implies(and(together, reads([u, v], f, i)), or(grantedOrRevoked(u, i, patientTag(U, p)), grantedOrRevoked(v, i, patientTag(U, p))))))),
  },
  {
    id: 'collusion.patient-srs',
    title: 'An owner and the SRS together derive no key of another owner\'s partitions',
    source: 'Section 3.1: the SRS is semi-trusted; Section 4: an insider (here another patient) colluding with it. The ciphertexts sit in the untrusted cloud, so the partition key is what protects them',
    kind: 'invariant', profiles: ['adversarial'], minPatients: 2,
    statement: ({ U }) => all(patientIds(U).flatMap((a) => patientFileParts(U).filter(([b]) => b !== a).map(([, f, i]) => not(knows([a, SRS], key(f, i)))))),
  },
];

/**
 * The properties of the lifecycle beyond the printed rules (record updates, re-joining,
 * narrowing): each needs a universe that has that part (`needs`, model/universe.ts
 * LifecycleBounds), so they are kept apart from CATALOGUE, as the module and patient properties
 * are, and a universe without them is checked for exactly what it always was.
 */
export const LIFECYCLE_CATALOGUE: readonly Property[] = [
  {
    id: 'forward.new-versions',
    title: 'A departed member reads no version uploaded after its departure, even of a file it could read before, even given the ciphertext',
    source: 'Section 4: forward access control ("a departed user is denied afterwards"), for the updates of a record; Section 3.7: nothing is re-encrypted, so only the new version\'s fresh r protects it',
    kind: 'invariant', profiles: ['extended', 'adversarial'], paperClaims: true, needs: 'versions',
    statement: ({ U }) => all(memberParts(U).filter(({ f }) => versionOf(f).version > 1).map(({ u, f, i }) =>
      implies(fact(RevokedAtUpload(u, f, i)), not(reads([u, CLOUD], f, i))))),
  },
  {
    id: 'backward.rejoin-from-join-date',
    title: 'A re-joined member whose backward access runs from its joining date reads nothing uploaded during its absence, whatever its earlier key generations kept',
    source: 'Section 3.6: access "from the date of joining unless specified otherwise by the PHR owner", for a member who departed (Section 3.7) and joined again with a fresh key pair',
    kind: 'invariant', profiles: ['extended', 'adversarial'], needs: 'rejoins',
    statement: (net) => all(memberParts(net.U).filter(({ u }) => previousGeneration(u) !== undefined).map(({ p, P, u, f, i }) =>
      implies(
        and(fact(Member(u, P)), fact(RevokedAtUpload(previousGeneration(u)!, f, i)), not(fact(MemberAtUpload(u, f, i))), fromJoinDateFor(net, p, u)),
        not(reads(generationsUpTo(u), f, i))))),
  },
  {
    id: 'narrowing.no-new-uploads',
    title: 'A narrowed member reads no upload of the removed label made after the narrowing',
    source: 'Section 3.6: the owner decides a member\'s access per partition label; narrowing it (the converse of Grant) must hold for what is uploaded afterwards, as revocation does (Section 4, forward access control)',
    kind: 'invariant', profiles: ['extended', 'adversarial'], needs: 'narrowing',
    statement: ({ U }) => all(memberParts(U).map(({ P, u, f, i }) =>
      implies(and(fact(Narrowed(u, i, P)), fact(NarrowedAtUpload(u, f, i))), not(reads([u], f, i))))),
  },
];

/** Whether universe U has the part of the lifecycle property `p` needs (true when it needs none). */
export function universeHas(p: Property, U: Universe): boolean {
  const b = boundsOf(U);
  return p.needs === undefined || (p.needs === 'versions' ? b.versions > 1 : p.needs === 'rejoins' ? b.rejoins > 0 : b.narrowing);
}

/** Whether `p` is checked on a net of configuration `cfg` (over universe `U`, when given): its least profile, all its modules, enough patients. */
export function appliesTo(p: Property, cfg: NetConfig, U?: Universe): boolean {
  const allows = !U || universeHas(p, U);
  return includesProfile(cfg.profile, p.profiles[0]) && (p.modules ?? []).every((m) => hasModule(cfg, m)) && (!U || U.patients.length >= (p.minPatients ?? 1)) && allows;
}

/** Every property (catalogue, modules, and with several patients the patient catalogue) that a net of configuration `cfg` over `U` can be checked for. */
export function propertiesFor(cfg: NetConfig, U?: Universe): Property[] {
  return [...CATALOGUE, ...MODULE_CATALOGUE, ...(U ? [...PATIENT_CATALOGUE, ...LIFECYCLE_CATALOGUE] : [])].filter((p) => appliesTo(p, cfg, U));
}

export function propertyById(id: string): Property {
  const all = [...CATALOGUE, ...MODULE_CATALOGUE, ...PATIENT_CATALOGUE, ...LIFECYCLE_CATALOGUE];
  const p = all.find((x) => x.id === id);
  if (!p) throw new Error(`unknown property '${id}': expected one of ${all.map((x) => x.id).join(', ')}`);
  return p;
}

/** The paper's own three properties: the reproduction of Section 5. */
export const PAPER_PROPERTY_IDS = ['paper.no-ungranted-R', 'paper.correct-decryption', 'paper.unauthorised-cannot'] as const;
