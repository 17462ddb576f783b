// Universes: the finite sets of patients, principals, partitions and files a net is instantiated
// over. The paper gives no initial marking (M0) and no universe; these are ours, stated as data
// (the YAML files of universes/, read by universes/index.ts). One SRS and one cloud serve every
// patient of a universe (Section 3.1); a user holds one key pair and may have a role for several
// patients (the doctor of one, family of another) or for none (an outsider to all).

import { type Prop, FALSE, TRUE } from './prop.js';

export type Role = 'family' | 'friend' | 'doctor' | 'pharmacist' | 'insurer' | 'researcher' | 'outsider';

export const ROLES: readonly Role[] = ['family', 'friend', 'doctor', 'pharmacist', 'insurer', 'researcher', 'outsider'];

export interface PatientSpec {
  /** the PHR owner's principal id */
  readonly id: string;
  /** partition labels of every file of this patient (Section 3.2: the owner's choice) */
  readonly partitions: readonly string[];
  /** the model's file ids: unique in the universe (`A.f1` when the universe has several patients) */
  readonly files: readonly string[];
  /** this owner's default access per role (Section 3.6): partitions a new member of that role gets */
  readonly defaultAccess: Readonly<Partial<Record<Role, readonly string[]>>>;
}

export interface UserSpec {
  /** identifier, used inside token names: [a-z][a-z0-9]* */
  readonly id: string;
  /** its role per patient id; a patient it has no role for (or `outsider`) sees an outsider, who never registers */
  readonly roles: Readonly<Record<string, Role>>;
}

export interface Universe {
  readonly name: string;
  /** the PHR owners, in order */
  readonly patients: readonly PatientSpec[];
  /** every principal that is not an owner */
  readonly users: readonly UserSpec[];
  /** every file of every patient, in patient order */
  readonly files: readonly string[];
  /** every partition label of any patient, in order of first use */
  readonly partitions: readonly string[];
  /** the file it was read from, for messages */
  readonly source?: string;
  /** the bounds of the lifecycle beyond the paper (Section 3.6 and record updates); absent: the defaults */
  readonly bounds?: LifecycleBounds;
  /** set on a universe expanded by lifecycleUniverse: the universe as written */
  readonly base?: Universe;
  /** set on a symbolic universe (smt/all-sizes/): whether its patient list stands for several
   *  patients (it holds a variable), which its length, a count of symbols, does not say */
  readonly severalPatients?: boolean;
  /** set on a symbolic universe: u's role for patient p as its rigid atom (severalPatients' role test) */
  readonly roleAtom?: (u: string, p: string) => Prop;
}

/**
 * Which parts of the lifecycle beyond the printed rules the extended and adversarial profiles
 * ground over a universe, and how far they unroll what a deployment leaves unbounded, as universe
 * data: `versions`, the uploads each (file, partition) may have (1: no update; version v of file f
 * is the file id `f~v`); `rejoins`, how often a revoked user may join again with a fresh key pair
 * (its generation g is the user id `u~g`); `narrowing`, whether the owner may take a label back
 * (Ungrant); `exceptions`, whether the owner may set a member's backward access against the
 * global policy (Except_Policy). The defaults are DEFAULT_BOUNDS.
 */
export interface LifecycleBounds {
  readonly versions: number;
  readonly rejoins: number;
  readonly narrowing: boolean;
  readonly exceptions: boolean;
}

/** Everything off unless a universe asks for it, since each part multiplies the state space (the
 *  counts on `small` are in the README's "Defaults, by measurement", computed again by
 *  test/lifecycle-defaults.test.ts). A universe opts in (universes/lifecycle.yaml has all four). */
export const DEFAULT_BOUNDS: LifecycleBounds = { versions: 1, rejoins: 0, narrowing: false, exceptions: false };

export const boundsOf = (U: Universe): LifecycleBounds => ({ ...DEFAULT_BOUNDS, ...(U.base ?? U).bounds });

/** The parts of a universe as written, before the derived lists. */
export interface UniverseSpec {
  readonly name: string;
  readonly patients: readonly PatientSpec[];
  readonly users: readonly UserSpec[];
  readonly source?: string;
  readonly bounds?: Partial<LifecycleBounds>;
}

export function makeUniverse(spec: UniverseSpec): Universe {
  const bounds = spec.bounds && Object.keys(spec.bounds).length ? { ...DEFAULT_BOUNDS, ...spec.bounds } : undefined;
  const { bounds: _, ...rest } = spec;
  return {
    ...rest,
    ...(bounds && { bounds }),
    files: spec.patients.flatMap((p) => p.files),
    partitions: [...new Set(spec.patients.flatMap((p) => p.partitions))],
  };
}

// ---- versions and key generations --------------------------------------------------------------
// Version 1 of a file and the first key generation of a user keep their plain ids, so every
// token, fact and transition of a net without updates or re-joins is named as it always was.

/** the file id of version v of file f (`f1`, `f1~2`) */
export const versionId = (f: string, v: number): string => (v <= 1 ? f : `${f}~${v}`);
/** the user id of generation g of user u (`d`, `d~2`) */
export const generationId = (u: string, g: number): string => (g <= 1 ? u : `${u}~${g}`);

function splitTilde(id: string): { base: string; n: number } {
  const k = id.lastIndexOf('~');
  if (k < 0) return { base: id, n: 1 };
  const n = Number(id.slice(k + 1));
  return Number.isInteger(n) && n > 1 ? { base: id.slice(0, k), n } : { base: id, n: 1 };
}
/** the file a version belongs to, and its number */
export const versionOf = (f: string): { file: string; version: number } => ((x) => ({ file: x.base, version: x.n }))(splitTilde(f));
/** the user a key generation belongs to (the person), and its number */
export const generationOf = (u: string): { user: string; generation: number } => ((x) => ({ user: x.base, generation: x.n }))(splitTilde(u));
/** the version before f (undefined for a first version) */
export const previousVersion = (f: string): string | undefined => ((x) => (x.version > 1 ? versionId(x.file, x.version - 1) : undefined))(versionOf(f));
/** the generation before u (undefined for a first generation) */
export const previousGeneration = (u: string): string | undefined => ((x) => (x.generation > 1 ? generationId(x.user, x.generation - 1) : undefined))(generationOf(u));
/** u and every generation of the same person before it, oldest first */
export const generationsUpTo = (u: string): string[] => ((x) => Array.from({ length: x.generation }, (_, k) => generationId(x.user, k + 1)))(generationOf(u));

/**
 * The universe a net of a lifecycle profile (extended, adversarial) is grounded over: every file
 * followed by its later versions, every user who can join someone followed by its later key
 * generations (same roles). The paper profile has neither (nothing there updates or re-joins), so
 * its nets are grounded over the universe as written. With the default bounds this is U itself.
 */
export function lifecycleUniverse(U: Universe, profile: 'paper' | 'extended' | 'adversarial'): Universe {
  const base = U.base ?? U;
  const { versions, rejoins } = boundsOf(base);
  if (profile === 'paper' || (versions <= 1 && rejoins <= 0)) return base;
  const hit = expanded.get(base);
  if (hit) return hit;
  const vs = Array.from({ length: versions }, (_, k) => k + 1);
  const gs = Array.from({ length: rejoins + 1 }, (_, k) => k + 1);
  const patients = base.patients.map((p) => ({ ...p, files: p.files.flatMap((f) => vs.map((v) => versionId(f, v))) }));
  const joinsSomeone = (u: UserSpec) => Object.values(u.roles).some((r) => r !== 'outsider');
  const users = base.users.flatMap((u) => (joinsSomeone(u) ? gs.map((g) => ({ ...u, id: generationId(u.id, g) })) : [u]));
  const out: Universe = { ...base, patients, users, files: patients.flatMap((p) => p.files), base };
  expanded.set(base, out);
  return out;
}
const expanded = new WeakMap<Universe, Universe>();

/**
 * The patient argument of a patient-scoped token or transition id: the patient's id when the
 * universe has several, nothing when it has one, so that a one-patient net names every token and
 * transition as the paper's single-owner net always did (`Member(d)`, `D_R_S(d,f1,medical)`).
 */
export function patientTag(U: Universe, p: string): string | undefined {
  return severalPatients(U) ? p : undefined;
}

/**
 * Whether the universe has several patients: every one-patient special case of the model (patient
 * tags, transition ids, the role test, refusals) asks this and nothing else. A finite universe
 * counts its patients; a symbolic one says whether its patient list stands for several.
 */
export const severalPatients = (U: Universe): boolean => U.severalPatients ?? U.patients.length > 1;

/** Whether u has a role other than outsider for patient p, as a formula: TRUE or FALSE on a finite
 *  universe, the universe's rigid atom on a symbolic one. */
export const hasRole = (U: Universe, u: string, p: string): Prop => (U.roleAtom ? U.roleAtom(u, p) : joiners(U, p).includes(u) ? TRUE : FALSE);

export function patient(U: Universe, id: string): PatientSpec {
  const p = U.patients.find((x) => x.id === id);
  if (!p) throw new Error(`universe '${U.name}' has no patient '${id}': expected one of ${U.patients.map((x) => x.id).join(', ')}`);
  return p;
}

export const patientIds = (U: Universe): string[] => U.patients.map((p) => p.id);

/** The patient a file belongs to. */
export function ownerOf(U: Universe, f: string): string {
  const p = U.patients.find((x) => x.files.includes(f));
  if (!p) throw new Error(`universe '${U.name}' has no file '${f}'`);
  return p.id;
}

export const filesOf = (U: Universe, p: string): readonly string[] => patient(U, p).files;
export const partitionsOf = (U: Universe, p: string): readonly string[] => patient(U, p).partitions;

/** Every (patient, file, partition) of the universe, patient by patient. */
export const fileParts = (U: Universe): Array<readonly [string, string, string]> =>
  U.patients.flatMap((p) => p.files.flatMap((f) => p.partitions.map((i) => [p.id, f, i] as const)));

/** Principals that can hold a key pair: the owners and every user. */
export function principals(U: Universe): string[] {
  return [...U.patients.map((p) => p.id), ...U.users.map((x) => x.id)];
}

export const isPatient = (U: Universe, id: string): boolean => U.patients.some((p) => p.id === id);

/** u's role for patient p (`outsider` when it has none). */
export function roleOf(U: Universe, u: string, p: string): Role | undefined {
  const user = U.users.find((x) => x.id === u);
  return user ? (user.roles[p] ?? 'outsider') : undefined;
}

/** Users that can register and join patient p (everyone with a role for p but `outsider`). */
export function joiners(U: Universe, p: string): string[] {
  return U.users.filter((x) => (x.roles[p] ?? 'outsider') !== 'outsider').map((x) => x.id);
}

/** Users that never register with patient p. */
export function outsiders(U: Universe, p: string): string[] {
  return U.users.filter((x) => (x.roles[p] ?? 'outsider') === 'outsider').map((x) => x.id);
}

/** Users that are an outsider to every patient. */
export function outsidersToAll(U: Universe): string[] {
  return U.users.filter((x) => Object.values(x.roles).every((r) => r === 'outsider')).map((x) => x.id);
}

/** Patients u has a role for. */
export function patientsOf(U: Universe, u: string): string[] {
  return U.patients.filter((p) => joiners(U, p.id).includes(u)).map((p) => p.id);
}

export function defaultAccessOf(U: Universe, u: string, p: string): readonly string[] {
  const role = roleOf(U, u, p);
  return role ? (patient(U, p).defaultAccess[role] ?? []) : [];
}
