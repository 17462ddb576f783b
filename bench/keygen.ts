// Fig. 3: key generation at the SRS (rule 23 Gen_Key: x <- Z_q^*, pk = g1^x) for N users, each
// already registered; registration is not timed.
import { Srs, deterministicRandom } from '../impl/index.js';
import { floorsOf, keygenFloor, type FloorTime } from './floor.js';
import { PAPER_KEYGEN } from './paper.js';
import type { BenchPoint } from './types.js';
import { repeat, type RepeatOptions } from './timing.js';

function registered(n: number, seed: string): { srs: Srs; ids: string[] } {
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(seed) });
  srs.registerOwner('patient');
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  for (const id of ids) srs.register(id, 'patient', 'family');
  return { srs, ids };
}

export function keygenPoint(users: number, seed: string, opts: RepeatOptions): BenchPoint {
  // The floor is linear in N: measured on up to 1000 users and scaled, just before each timed run
  // (same conditions on a shared machine); the median of those is the point's floor.
  const sample = Math.min(users, 1000);
  const floors: FloorTime[] = [];
  const ours = repeat(
    opts,
    (i) => {
      const once = keygenFloor(sample, deterministicRandom(`${seed}/keygen-floor/${i}`));
      const f = { total: (users / sample) * once.total, core: (users / sample) * once.core };
      if (i >= opts.warmup) floors.push(f);
      return registered(users, `${seed}/keygen/${users}/${i}`);
    },
    ({ srs, ids }) => {
      for (const id of ids) srs.genKey(id);
    },
  );
  return { figure: 'fig3', x: users, xLabel: 'users', ours, ...floorsOf(floors), paper: PAPER_KEYGEN[users] };
}
