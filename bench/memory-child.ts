// Run in a fresh process by memory.ts: encrypts or decrypts one large record and prints the peak
// resident memory above the baseline the process had before the record existed (Linux: VmHWM is
// reset through /proc/self/clear_refs just before the operation).
import { readFileSync, writeFileSync } from 'node:fs';
import { isBackendName, useBackend } from '../impl/index.js';
import { benchWorld, phrOfSize } from './fixture.js';
import { timeOnce } from './timing.js';

const kib = (field: string): number => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/self/status`);
  return Number(m[1]) * 1024;
};
const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
};

const [op, mbArg, seed, backendArg] = process.argv.slice(2);
const mb = Number(mbArg);
// the group backend of the bench run that started this child
if (backendArg !== undefined && isBackendName(backendArg)) await useBackend(backendArg);
const w = benchWorld(`${seed}/memory`);
const reader = w.join('reader');
// warm-up: every code path once on a small record
w.owner.upload('warm', phrOfSize(4, w.rng));
for (const l of ['personal', 'medical', 'insurance', 'prescription']) {
  reader.downloadC('warm', l);
  reader.requestRU('warm', l);
  reader.decrypt('warm', l);
}
let peak = 0;
let opPeak = 0;
let seconds = 0;
if (op === 'encrypt') {
  gc();
  const base = kib('VmRSS');
  const phr = phrOfSize(mb * 1024, w.rng);
  const before = kib('VmRSS');
  writeFileSync('/proc/self/clear_refs', '5');
  seconds = timeOnce(() => {
    w.owner.loadPHR('big', phr);
    for (const l of Object.keys(phr)) {
      w.owner.drawR('big', l);
      w.owner.encryptPartition('big', l);
      w.owner.computeRP('big', l);
    }
  });
  peak = kib('VmHWM') - base;
  opPeak = kib('VmHWM') - before;
} else {
  w.owner.upload('big', phrOfSize(mb * 1024, w.rng));
  gc();
  const base = kib('VmRSS');
  const labels = ['personal', 'medical', 'insurance', 'prescription'];
  for (const l of labels) reader.downloadC('big', l);
  const before = kib('VmRSS');
  writeFileSync('/proc/self/clear_refs', '5');
  seconds = timeOnce(() => {
    for (const l of labels) {
      reader.requestRU('big', l);
      reader.decrypt('big', l);
    }
  });
  peak = kib('VmHWM') - base;
  opPeak = kib('VmHWM') - before;
}
process.stdout.write(JSON.stringify({ op, bytes: mb * 2 ** 20, peakBytes: peak, ratio: peak / (mb * 2 ** 20), opPeakBytes: opPeak, seconds }) + '\n');
