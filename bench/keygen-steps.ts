// Fig. 3 taken apart: key generation at the SRS (rule 23, Srs.genKey) against its floor (floor.ts
// keygenFloor: drawing x, g1^x, encoding pk) and the floor's core g1^x, per key, with the two other
// primitives timed alone: drawing x from the system source and encoding pk (compression, which
// needs the point's affine coordinates: one field inversion).
// Each round registers fresh users (untimed), then times the floor, ours, and the pieces. Medians.
//   node --import ./register.mjs bench/keygen-steps.ts [--keys 200] [--rounds 15] [--wall]
import { parseArgs } from 'node:util';
import { encodeKey, keyGroup, systemRandom } from '../impl/index.js';
import { registered } from './keygen.js';
import { keygenFloor } from './floor.js';
import { Samples, setClock } from './timing.js';

const { values } = parseArgs({ options: { keys: { type: 'string', default: '200' }, rounds: { type: 'string', default: '15' }, wall: { type: 'boolean', default: false } } });
const n = Number(values.keys);
const rounds = Number(values.rounds);
if (!(n > 0) || !(rounds > 0)) {
  console.error('keygen-steps: --keys and --rounds must be positive numbers');
  process.exit(2);
}
setClock(values.wall ? 'wall' : 'cpu');

// every sample is per key
const perKey = new Samples(n);
const FLOOR = 'floor (drawing x, g1^x, encoding pk)';
const CORE = 'core of the floor (g1^x)';
const warmup = 2;
for (let i = 0; i < warmup + rounds; i++) {
  if (i === warmup) perKey.clear();
  const { srs, ids } = registered(n, systemRandom());
  const rng = systemRandom();
  const floor = keygenFloor(n, rng);
  perKey.add(FLOOR, floor.total);
  perKey.add(CORE, floor.core);
  perKey.timed('ours: Srs.genKey', () => ids.forEach((id) => srs.genKey(id)));
  const xs = ids.map(() => rng.scalar());
  perKey.timed('  in it: drawing x (system source)', () => xs.forEach(() => rng.scalar()));
  const pks = xs.map((x) => keyGroup.mul(x));
  perKey.timed('  in it: encoding pk (encodeKey)', () => pks.forEach((p) => encodeKey(p)));
}
console.log(`Fig. 3 steps, ${n} keys a round, ${rounds} rounds, ${values.wall ? 'wall' : 'CPU'} medians (µs a key)`);
for (const name of perKey.names()) console.log(`${name.padEnd(40)} ${perKey.median(name).toFixed(1).padStart(8)}`);
const ours = perKey.median('ours: Srs.genKey');
console.log(`${'ours/floor'.padEnd(40)} ${(ours / perKey.median(FLOOR)).toFixed(3).padStart(8)}x`);
console.log(`${'ours/core'.padEnd(40)} ${(ours / perKey.median(CORE)).toFixed(3).padStart(8)}x`);
