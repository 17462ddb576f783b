// Universes: the finite sets of patients, principals, partitions and files a net is instantiated
// over. The paper gives no initial marking (M0) and no universe; these are ours, stated as data
// (the YAML files of universes/, read by universes/index.ts). One SRS and one cloud serve every
// patient of a universe (Section 3.1); a user holds one key pair and may have a role for several
// patients (the doctor of one, family of another) or for none (an outsider to all).

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
}

/** The parts of a universe as written, before the derived lists. */
export interface UniverseSpec {
  readonly name: string;
  readonly patients: readonly PatientSpec[];
  readonly users: readonly UserSpec[];
  readonly source?: string;
}

export function makeUniverse(spec: UniverseSpec): Universe {
  return {
    ...spec,
    files: spec.patients.flatMap((p) => p.files),
    partitions: [...new Set(spec.patients.flatMap((p) => p.partitions))],
  };
}

/**
 * The patient argument of a patient-scoped token or transition id: the patient's id when the
 * universe has several, nothing when it has one, so that a one-patient net names every token and
 * transition as the paper's single-owner net always did (`Member(d)`, `D_R_S(d,f1,medical)`).
 */
export function patientTag(U: Universe, p: string): string | undefined {
  return U.patients.length > 1 ? p : undefined;
}

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
