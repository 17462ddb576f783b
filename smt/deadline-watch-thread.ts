// The watch thread of smt/deadline-watch.ts: it loads the native library for `Z3_interrupt` alone
// and looks at its solving thread's command every WATCH_TICK_MS while one is out; the protocol is
// at the head of deadline-watch.ts.
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import { WATCH_QUIET_MS, WATCH_TICK_MS, WORD, type WatchShared, epochMs, lockWords, unlockWords } from './deadline-watch.js';

const shared = workerData as WatchShared;
const w = new Int32Array(shared.words);
const deadline = new Float64Array(shared.deadline);
const context = new BigInt64Array(shared.context);
const koffi = createRequire(import.meta.url)('koffi') as { load(path: string): { func(signature: string): (...args: unknown[]) => unknown } };
// the context as an integer: its address travels between threads as a number, and a pointer and
// an integer of its width are passed alike
const interrupt = koffi.load(shared.lib).func('void Z3_interrupt(uintptr_t c)');

/** Interrupts the command `seq` if it is still out (under the lock: its context cannot be deleted meanwhile). */
function stopIfStillOut(seq: number): void {
  lockWords(w);
  try {
    if (Atomics.load(w, WORD.seq) !== seq) return;
    interrupt(context[0]);
    Atomics.store(w, WORD.fired, seq);
  } finally {
    unlockWords(w);
  }
}

Atomics.store(w, WORD.ready, 1);
const sleep = new Int32Array(new SharedArrayBuffer(4));
let last = Atomics.load(w, WORD.seq);
let quietSince = epochMs();
for (;;) {
  const seq = Atomics.load(w, WORD.seq);
  const now = epochMs();
  if (seq & 1) {
    quietSince = now;
    // the deadline read after the odd seq: written before it, or a later command's, which the lock's check tells apart
    if (now >= deadline[0]) stopIfStillOut(seq);
  } else if (seq !== last) {
    quietSince = now;
  } else if (now - quietSince >= WATCH_QUIET_MS) {
    Atomics.store(w, WORD.idle, 1);
    Atomics.wait(w, WORD.seq, seq); // until the solving thread's next command (it wakes us on seeing idle)
    Atomics.store(w, WORD.idle, 0);
    quietSince = epochMs();
  }
  last = seq;
  Atomics.wait(sleep, 0, 0, WATCH_TICK_MS);
}
