// Fig. 3: key generation at the SRS (rule 23 Gen_Key: x <- Z_q^*, pk = g1^x) for N users, each
// already registered; registration is not timed.
import { Srs, systemRandom, type RandomSource } from '../impl/index.js';
import { floorsOf, keygenFloor, type FloorTime } from './floor.js';
import { PAPER_KEYGEN } from './paper.js';
import type { BenchPoint } from './types.js';
import { emptyYoungGeneration, repeatRuns, spread, type RepeatOptions } from './timing.js';

/** An SRS (srs-keys) with one patient and `n` users registered in its circle, keys not yet drawn:
 *  the world every Fig. 3 measurement generates keys in, drawing from `rng`. */
export function registered(n: number, rng: RandomSource): { srs: Srs; ids: string[] } {
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng });
  srs.registerOwner('patient');
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  for (const id of ids) srs.register(id, 'patient', 'family');
  return { srs, ids };
}

export function keygenPoint(users: number, opts: RepeatOptions): BenchPoint {
  // The floor is measured for the same N just before each timed run (same conditions on a shared
  // machine); the median of those is the point's floor. It is not scaled from fewer users: per key
  // it is 5-8 % cheaper at 10 000 than at 1000 (bench/README.md, "The floor of Fig. 3 at its size").
  // Both start with the young generation emptied: the registration of N users just before ours left
  // its members alive there, and the first collections inside ours copied and promoted them, a cost of
  // registering that a long-lived SRS pays long before it generates keys (bench/README.md, "The
  // registration's survivors"). The floor starts the same way.
  // Both draw from the system source, as the SRS in service does: a draw is a measurable part of a
  // key (bench/README.md, "The system source"), unlike the other figures' one r and nonce a partition.
  const floors: FloorTime[] = [];
  const runs = repeatRuns(
    opts,
    (i) => {
      emptyYoungGeneration();
      const f = keygenFloor(users, systemRandom());
      if (i >= opts.warmup) floors.push(f);
      const s = registered(users, systemRandom());
      emptyYoungGeneration();
      return s;
    },
    ({ srs, ids }) => {
      for (const id of ids) srs.genKey(id);
    },
  );
  return { figure: 'fig3', x: users, xLabel: 'users', ours: spread(runs), ...floorsOf(floors, runs), paper: PAPER_KEYGEN[users] };
}
