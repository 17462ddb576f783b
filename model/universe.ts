// Universes: the finite sets of principals, partitions and files a net is instantiated over.
// The paper gives no initial marking (M0) and no universe; these are ours, stated as data.

export type Role = 'family' | 'friend' | 'doctor' | 'pharmacist' | 'insurer' | 'researcher' | 'outsider';

export const ROLES: readonly Role[] = ['family', 'friend', 'doctor', 'pharmacist', 'insurer', 'researcher', 'outsider'];

export interface UserSpec {
  /** identifier, used inside token names: [a-z][a-z0-9]* */
  readonly id: string;
  readonly role: Role;
}

export interface Universe {
  readonly name: string;
  /** the PHR owner (patient) */
  readonly owner: string;
  /** every other principal; role `outsider` marks a party that never registers */
  readonly users: readonly UserSpec[];
  /** partition labels of every file (Section 3.2: the owner's choice) */
  readonly partitions: readonly string[];
  readonly files: readonly string[];
  /** the owner's default access per role (Section 3.6); partitions a new member of that role gets */
  readonly defaultAccess: Readonly<Partial<Record<Role, readonly string[]>>>;
}

/** The paper's running example (Sections 3.2, 3.6): default access per role. */
export const PAPER_DEFAULT_ACCESS: Readonly<Partial<Record<Role, readonly string[]>>> = {
  family: ['personal', 'medical', 'insurance', 'prescription'],
  friend: ['personal'],
  doctor: ['personal', 'medical', 'prescription'],
  pharmacist: ['prescription', 'insurance'],
  insurer: ['insurance'],
  researcher: ['medical'],
  outsider: [],
};

/**
 * `small`: the smallest universe on which every catalogue property means something: one
 * member-to-be (a doctor granted medical by default, so insurance is an ungranted partition a
 * Grant can extend to), an outsider, two partitions, one file. Exhaustive graph work runs here.
 */
export const small: Universe = {
  name: 'small',
  owner: 'P',
  users: [
    { id: 'd', role: 'doctor' },
    { id: 'o', role: 'outsider' },
  ],
  partitions: ['medical', 'insurance'],
  files: ['f1'],
  defaultAccess: { doctor: ['medical'], outsider: [] },
};

/** `paper`: the running example: five roles, an outsider, the four partitions, two files. */
export const paper: Universe = {
  name: 'paper',
  owner: 'P',
  users: [
    { id: 'fam', role: 'family' },
    { id: 'doc', role: 'doctor' },
    { id: 'pha', role: 'pharmacist' },
    { id: 'ins', role: 'insurer' },
    { id: 'res', role: 'researcher' },
    { id: 'out', role: 'outsider' },
  ],
  partitions: ['personal', 'medical', 'insurance', 'prescription'],
  files: ['f1', 'f2'],
  defaultAccess: PAPER_DEFAULT_ACCESS,
};

export const UNIVERSES: Readonly<Record<string, Universe>> = { small, paper };

export function universeByName(name: string): Universe {
  const u = UNIVERSES[name];
  if (!u) throw new Error(`unknown universe '${name}': expected one of ${Object.keys(UNIVERSES).join(', ')}`);
  return u;
}

/** Principals that can hold a key pair: the owner and every user. */
export function principals(u: Universe): string[] {
  return [u.owner, ...u.users.map((x) => x.id)];
}

export function roleOf(u: Universe, id: string): Role | undefined {
  return u.users.find((x) => x.id === id)?.role;
}

export function outsiders(u: Universe): string[] {
  return u.users.filter((x) => x.role === 'outsider').map((x) => x.id);
}

/** Users that can register and join (everyone but outsiders). */
export function joiners(u: Universe): string[] {
  return u.users.filter((x) => x.role !== 'outsider').map((x) => x.id);
}

export function defaultAccessOf(u: Universe, id: string): readonly string[] {
  const role = roleOf(u, id);
  return role ? (u.defaultAccess[role] ?? []) : [];
}
