// How verification time grows with the universe: the same three representative properties (an
// invariant proved, a violation, a reachability witness) verified on universes grown one
// dimension at a time from `small`: more joining users, more partitions, more files. Each row
// records the ground net's size, so the growth can be read against it.
import { performance } from 'node:perf_hooks';
import { buildNet } from '../model/net.js';
import { type Role, type Universe, makeUniverse } from '../model/universe.js';
import { small } from '../universes/index.js';
import { verifyCatalogue } from '../smt/catalogue.js';

export interface GrowthRow {
  readonly dimension: 'users' | 'partitions' | 'files';
  readonly value: number;
  readonly transitions: number;
  readonly facts: number;
  readonly seconds: number;
  /** property -> verdict kind (and trace depth when there is one) */
  readonly verdicts: string;
}

const LABELS = ['medical', 'insurance', 'personal', 'prescription'];
const ROLES: Role[] = ['doctor', 'insurer', 'pharmacist', 'researcher'];
const ACCESS: Partial<Record<Role, string[]>> = { doctor: ['medical'], insurer: ['insurance'], pharmacist: ['prescription', 'insurance'], researcher: ['medical'], outsider: [] };

/** A universe like `small` with `users` joiners, `partitions` labels and `files` files. */
export function grownUniverse(users: number, partitions: number, files: number): Universe {
  const labels = LABELS.slice(0, partitions);
  const defaultAccess = Object.fromEntries(Object.entries(ACCESS).map(([r, ls]) => [r, ls!.filter((l) => labels.includes(l))]));
  return makeUniverse({
    name: `u${users}-p${partitions}-f${files}`,
    patients: [{ id: 'P', partitions: labels, files: Array.from({ length: files }, (_, k) => `f${k + 1}`), defaultAccess }],
    users: [...Array.from({ length: users }, (_, k) => ({ id: `u${k + 1}`, roles: { P: ROLES[k % ROLES.length] } })), { id: 'o', roles: {} }],
  });
}

const PROPERTIES = ['insider.fine-grained', 'collusion.user-srs', 'backward.history'];
const CFG = { variants: ['srs-keys' as const], policies: ['history' as const] };

export async function verificationGrowth(quick: boolean): Promise<GrowthRow[]> {
  const base = { users: 1, partitions: 2, files: 1 };
  const steps: Array<['users' | 'partitions' | 'files', number[]]> = quick
    ? [['users', [1, 2]], ['partitions', [2, 3]], ['files', [1, 2]]]
    : [['users', [1, 2, 3, 4]], ['partitions', [1, 2, 3, 4]], ['files', [1, 2, 3]]];
  const rows: GrowthRow[] = [];
  for (const [dimension, values] of steps) {
    for (const value of values) {
      const size = { ...base, [dimension]: value };
      const U = grownUniverse(size.users, size.partitions, size.files);
      const t0 = performance.now();
      // solved, never taken from answers an earlier run recorded (reproduce reads them): this is a
      // benchmark of solving
      const results = await verifyCatalogue({ universe: U, properties: PROPERTIES, ...CFG, storedAnswers: false });
      const seconds = (performance.now() - t0) / 1000;
      const net = buildNet(U, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
      const verdicts = results.map((r) => `${r.property}@${r.profile}: ${r.verdict.kind}${'depth' in r.verdict ? ` k=${r.verdict.depth}` : ''}`).join('; ');
      rows.push({ dimension, value, transitions: net.transitions.length, facts: net.facts.length, seconds, verdicts });
    }
  }
  return rows;
}
