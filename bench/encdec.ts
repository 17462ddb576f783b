// Figs. 4 and 5: encryption and decryption of a four-partition PHR of a given size.
// Encryption is the patient client's work for one upload: loadPHR (split), then per partition
// Gen_ri, Encrypt_Pi and Compt_Ri (rules 25-27); sending C and R_P (28, 29) is transport.
// Decryption is the SRS's and the user's work: per partition the SRS answers R_U (rule 31, the
// pairing) and the user validates R_U and decrypts (rule 33); downloading C (30) is transport.
import { deterministicRandom } from '../impl/index.js';
import { benchWorld, phrOfSize } from './fixture.js';
import { decryptFloor, decryptOperands, encryptFloor, floorsOf, partInfos, type FloorTime } from './floor.js';
import { PAPER_DECRYPT, PAPER_ENCRYPT } from './paper.js';
import type { BenchPoint } from './types.js';
import { repeatRuns, spread, type RepeatOptions } from './timing.js';

export function encDecPoints(kb: number, seed: string, opts: RepeatOptions): BenchPoint[] {
  const w = benchWorld(`${seed}/encdec/${kb}`);
  const reader = w.join('reader');
  const phr = phrOfSize(kb, w.rng);
  const labels = Object.keys(phr);
  const parts = Object.values(phr);
  const frng = deterministicRandom(`${seed}/floor/${kb}`);
  // Each timed run follows one run of its floor, so both see the same conditions (a machine
  // shared with other jobs drifts); the floor is the median of the floors of the timed runs, and
  // ours/floor the median of each run over its own floor (floor.ts floorsOf).
  const infos = partInfos(parts);
  const encFloors: FloorTime[] = [];
  const decFloors: FloorTime[] = [];
  let n = 0;
  // opts.warmSeconds warms decryption only: each run of encryption adds a file to the record
  const enc = repeatRuns(
    { warmup: opts.warmup, reps: opts.reps },
    (i) => {
      const f = encryptFloor(parts, infos, frng);
      if (i >= opts.warmup) encFloors.push(f);
      return `f${n++}`;
    },
    (file) => {
      w.owner.loadPHR(file, phr);
      for (const l of labels) {
        w.owner.drawR(file, l);
        w.owner.encryptPartition(file, l);
        w.owner.computeRP(file, l);
      }
    },
  );
  w.owner.upload('doc', phr);
  for (const l of labels) reader.downloadC('doc', l);
  const operands = decryptOperands(parts, frng);
  const dec = repeatRuns(
    opts,
    (i) => {
      const f = decryptFloor(operands, infos);
      if (i >= opts.warmup) decFloors.push(f);
      return 0;
    },
    () => {
      for (const l of labels) {
        const res = reader.requestRU('doc', l);
        if (!res.granted) throw new Error(`bench: R_U refused (${res.code})`);
        reader.decrypt('doc', l);
      }
    },
  );
  return [
    { figure: 'fig4', x: kb, xLabel: 'KB', ours: spread(enc), ...floorsOf(encFloors, enc), paper: PAPER_ENCRYPT[kb] },
    { figure: 'fig5', x: kb, xLabel: 'KB', ours: spread(dec), ...floorsOf(decFloors, dec), paper: PAPER_DECRYPT[kb] },
  ];
}
