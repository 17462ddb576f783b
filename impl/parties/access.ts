// Roles, the owner's access configuration, and the two fixed design choices every party shares:
// key-management variant and backward-access policy (design.md "Profiles, variants, policies").
import { SesphrError } from '../errors.js';
import { DEFAULT_LABELS } from './phr.js';
import { checkId } from '../scheme/binding.js';

/** Sec. 3.1: private domain (family, friend) and public domain (the rest). */
export const ROLES = ['family', 'friend', 'doctor', 'pharmacist', 'insurer', 'researcher'] as const;
export type Role = (typeof ROLES)[number];

/** srs-keys: the paper (SRS makes every key, computes RK from both secrets, Eq. 14).
 *  owner-keys: every party makes its own key; the owner computes RK = pk_U^(1/x_P) on approval. */
export type Variant = 'srs-keys' | 'owner-keys';
export const VARIANTS: readonly Variant[] = ['srs-keys', 'owner-keys'];

/** history: members read uploads older than their joining ("new users access the past data").
 *  from-join-date: they do not (Sec. 3.6 "from the date of joining"). */
export type Policy = 'history' | 'from-join-date';
export const POLICIES: readonly Policy[] = ['history', 'from-join-date'];

export interface OwnerConfig {
  /** Partition labels of this owner's PHRs (Sec. 3.6 patient registration). */
  labels: string[];
  /** Labels each role gets on approval; more only through grant (Sec. 3.6, 3.7). */
  defaultAccess: Record<Role, string[]>;
}

/** The paper's running example (Sec. 3.2). Friends get nothing by default: the owner grants. */
export function paperConfig(): OwnerConfig {
  return {
    labels: [...DEFAULT_LABELS],
    defaultAccess: {
      family: ['personal', 'medical', 'insurance', 'prescription'],
      friend: [],
      doctor: ['personal', 'medical', 'prescription'],
      pharmacist: ['prescription', 'insurance'],
      insurer: ['insurance'],
      researcher: ['medical'],
    },
  };
}

export function checkRole(role: unknown): Role {
  if (!ROLES.includes(role as Role)) {
    throw new SesphrError('INVALID_CONFIG', `role: expected one of ${ROLES.join(', ')}, got ${JSON.stringify(String(role))}`, 'role');
  }
  return role as Role;
}

/** Validates a (possibly partial) owner configuration; the result is a fresh copy. */
export function checkConfig(partial: Partial<OwnerConfig> = {}): OwnerConfig {
  const base = paperConfig();
  const labels = partial.labels ?? base.labels;
  if (!Array.isArray(labels) || labels.length === 0) throw new SesphrError('INVALID_CONFIG', 'labels: expected at least one partition label', 'labels');
  const seen = new Set<string>();
  for (const l of labels) {
    checkId(l, 'labels');
    if (seen.has(l)) throw new SesphrError('DUPLICATE_LABEL', `labels: partition label "${l}" declared twice`, l);
    seen.add(l);
  }
  const defaults = {} as Record<Role, string[]>;
  for (const role of ROLES) {
    // Without an explicit table, a role keeps the paper's default for the labels that still exist.
    const given = partial.defaultAccess?.[role];
    const want = given ?? base.defaultAccess[role].filter((l) => seen.has(l));
    for (const l of want) {
      if (!seen.has(l)) throw new SesphrError('UNKNOWN_LABEL', `defaultAccess.${role}: unknown partition label "${l}"`, l);
    }
    defaults[role] = [...new Set(want)];
  }
  for (const k of Object.keys(partial.defaultAccess ?? {})) checkRole(k);
  return { labels: [...labels], defaultAccess: defaults };
}
