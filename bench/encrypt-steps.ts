// Fig. 4 taken apart: where the time between the encryption floor and the patient's encryption path
// goes, per partition. Each repetition times, in turn, the floor (floor.ts encryptFloor, with its core
// Z^r, g2^k and AES-GCM beside it) and our path's steps on a fresh file (loadPHR, then per partition
// drawR, encryptPartition, computeRP), then the pieces of those steps that are the rest of the
// floor, alone (drawing r, the bytes of Z^r, the HKDF key with its info, the nonce, the bytes of
// R_P). Medians, in µs.
//   node --import ./register.mjs bench/encrypt-steps.ts [--kb 50] [--reps 60] [--wall]
import { parseArgs } from 'node:util';
import { deterministicRandom, encodeGT, encodeRP, partitionKey } from '../impl/index.js';
import { computeRP } from '../impl/scheme/scheme.js';
import { benchWorld, phrOfSize } from './fixture.js';
import { encryptFloor, partInfos } from './floor.js';
import { prim } from './primitives.js';
import { Samples, setClock } from './timing.js';

const { values } = parseArgs({ options: { kb: { type: 'string', default: '50' }, reps: { type: 'string', default: '60' }, wall: { type: 'boolean', default: false } } });
const kb = Number(values.kb);
const reps = Number(values.reps);
if (!(kb > 0) || !(reps > 0)) {
  console.error('encrypt-steps: --kb and --reps must be positive numbers');
  process.exit(2);
}
setClock(values.wall ? 'wall' : 'cpu');

const w = benchWorld(`encrypt-steps/${kb}`);
const phr = phrOfSize(kb, w.rng);
const labels = Object.keys(phr);
const rng = deterministicRandom(`encrypt-steps/${kb}/floor`);
const xP = rng.scalar();
const parts = Object.values(phr);
const infos = partInfos(parts);
const FLOOR = 'floor (floor.ts: every primitive)';
const CORE = 'core of the floor (Z^r, g2^k, AES-GCM)';
const times = new Samples();

const warmup = 3;
for (let i = 0; i < warmup + reps; i++) {
  if (i === warmup) times.clear();
  const floor = encryptFloor(parts, infos, rng);
  times.add(FLOOR, floor.total / parts.length);
  times.add(CORE, floor.core / parts.length);
  const file = `f${i}`;
  times.timed('ours: loadPHR (whole record)', () => w.owner.loadPHR(file, phr));
  for (const l of labels) {
    times.timed('ours: drawR', () => w.owner.drawR(file, l));
    times.timed('ours: encryptPartition', () => w.owner.encryptPartition(file, l));
    times.timed('ours: computeRP', () => w.owner.computeRP(file, l));
  }
  for (const l of labels) {
    const mask = prim.zPow(rng.scalar());
    const rp = computeRP(rng.scalar(), xP);
    const b = { owner: w.owner.id, file, label: l, version: 1 };
    times.timed('  in it: drawing r (seeded source)', () => w.rng.scalar());
    times.timed('  in it: bytes of Z^r (encodeGT)', () => encodeGT(mask));
    times.timed('  in it: HKDF key, bytes of Z^r and info included', () => partitionKey(mask, b));
    times.timed('  in it: nonce (12 bytes of the source)', () => w.rng.bytes(12));
    times.timed('  in it: bytes of R_P (encodeRP)', () => encodeRP(rp));
  }
}

const per = (name: string) => times.median(name);
console.log(`Fig. 4 steps, ${kb} KB in ${labels.length} partitions, ${reps} repetitions, ${values.wall ? 'wall' : 'CPU'} medians (µs; per partition unless said)`);
for (const name of times.names()) console.log(`${name.padEnd(52)} ${per(name).toFixed(1).padStart(9)}`);
const ours = per('ours: loadPHR (whole record)') / labels.length + per('ours: drawR') + per('ours: encryptPartition') + per('ours: computeRP');
console.log(`${'ours, a partition (loadPHR shared out)'.padEnd(52)} ${ours.toFixed(1).padStart(9)}   ours/floor ${(ours / per(FLOOR)).toFixed(3)}x, ours/core ${(ours / per(CORE)).toFixed(3)}x`);
