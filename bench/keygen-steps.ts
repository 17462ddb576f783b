// Fig. 3 taken apart: key generation at the SRS (rule 23, Srs.genKey) against its floor (floor.ts
// keygenFloor: drawing x, g1^x, encoding pk) and the floor's core g1^x, per key, with the two other
// primitives timed alone: drawing x from the seeded source and encoding pk (compression, which
// needs the point's affine coordinates: one field inversion).
// Each round registers fresh users (untimed), then times the floor, ours, and the pieces. Medians.
//   node --import ./register.mjs bench/keygen-steps.ts [--keys 200] [--rounds 15] [--wall]
import { parseArgs } from 'node:util';
import { Srs, deterministicRandom, encodeKey, keyGroup } from '../impl/index.js';
import { keygenFloor } from './floor.js';
import { median, now, setClock } from './timing.js';

const { values } = parseArgs({ options: { keys: { type: 'string', default: '200' }, rounds: { type: 'string', default: '15' }, wall: { type: 'boolean', default: false } } });
const n = Number(values.keys);
const rounds = Number(values.rounds);
if (!(n > 0) || !(rounds > 0)) {
  console.error('keygen-steps: --keys and --rounds must be positive numbers');
  process.exit(2);
}
setClock(values.wall ? 'wall' : 'cpu');

const perKey = new Map<string, number[]>();
const add = (name: string, us: number) => void (perKey.get(name) ?? perKey.set(name, []).get(name)!).push(us);
const timed = (name: string, f: () => void): void => {
  const t0 = now();
  f();
  add(name, ((now() - t0) * 1e6) / n);
};
const FLOOR = 'floor (drawing x, g1^x, encoding pk)';
const CORE = 'core of the floor (g1^x)';
const warmup = 2;
for (let i = 0; i < warmup + rounds; i++) {
  if (i === warmup) perKey.clear();
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(`keygen-steps/${i}`) });
  srs.registerOwner('patient');
  const ids = Array.from({ length: n }, (_, j) => `u${j}`);
  for (const id of ids) srs.register(id, 'patient', 'family');
  const rng = deterministicRandom(`keygen-steps/${i}/floor`);
  const floor = keygenFloor(n, rng);
  add(FLOOR, (floor.total * 1e6) / n);
  add(CORE, (floor.core * 1e6) / n);
  timed('ours: Srs.genKey', () => ids.forEach((id) => srs.genKey(id)));
  const xs = ids.map(() => rng.scalar());
  timed('  in it: drawing x (seeded source)', () => xs.forEach(() => rng.scalar()));
  const pks = xs.map((x) => keyGroup.mul(x));
  timed('  in it: encoding pk (encodeKey)', () => pks.forEach((p) => encodeKey(p)));
}
console.log(`Fig. 3 steps, ${n} keys a round, ${rounds} rounds, ${values.wall ? 'wall' : 'CPU'} medians (µs a key)`);
for (const [name, xs] of perKey) console.log(`${name.padEnd(40)} ${median(xs).toFixed(1).padStart(8)}`);
const per = (name: string) => median(perKey.get(name)!);
console.log(`${'ours/floor'.padEnd(40)} ${(per('ours: Srs.genKey') / per(FLOOR)).toFixed(3).padStart(8)}x`);
console.log(`${'ours/core'.padEnd(40)} ${(per('ours: Srs.genKey') / per(CORE)).toFixed(3).padStart(8)}x`);
