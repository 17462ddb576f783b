// The universe file format: patients (owners) with their partitions, files and default access per
// role, and users with a role per patient (or none: an outsider to that patient).
import { z } from 'zod';
import { ROLES } from '../model/universe.js';

/** principal ids appear inside token names, so they are plain identifiers */
const principalId = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'an identifier (a letter, then letters and digits)');
const userId = z.string().regex(/^[a-z][a-z0-9]*$/, 'a user id (a lower-case letter, then lower-case letters and digits)');
const label = z.string().regex(/^[a-z][a-z0-9]*$/, 'a label (a lower-case letter, then lower-case letters and digits)');
const role = z.enum(ROLES as [string, ...string[]]);
const labels = z.array(label).min(1);

export const PatientFile = z.strictObject({
  id: principalId,
  /** partition labels of every file of this patient */
  partitions: labels,
  /** this patient's files; each patient's ids are its own (a universe with several patients qualifies them: `A.f1`) */
  files: labels,
  /** partitions a new member of each role gets (Section 3.6); a role left out gets none */
  'default-access': z.partialRecord(role, z.array(label)).optional(),
});

export const UserFile = z.strictObject({
  id: userId,
  /** the user's role per patient id; a patient left out treats the user as an outsider */
  roles: z.record(principalId, role).optional(),
});

export const UniverseFile = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a universe name (lower-case letters, digits and dashes)'),
  description: z.string().optional(),
  patients: z.array(PatientFile).min(1),
  users: z.array(UserFile),
  /** extended and adversarial profiles: uploads per (file, partition), 1 = no update (default 1) */
  versions: z.number().int().min(1).max(4).optional(),
  /** extended and adversarial profiles: how often a revoked user may join again with fresh keys (default 0) */
  rejoins: z.number().int().min(0).max(3).optional(),
  /** extended and adversarial profiles: the owner may take a label back from a member (Ungrant) (default false) */
  narrowing: z.boolean().optional(),
  /** extended and adversarial profiles: the owner may set a member's backward access against the global policy (default false) */
  exceptions: z.boolean().optional(),
});

export type UniverseFileSpec = z.infer<typeof UniverseFile>;
