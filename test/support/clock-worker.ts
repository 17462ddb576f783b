// A thread for test/bench-thread-clock: it spins 30 ms, reads its own CPU clock, reports it with
// its thread id, and then sleeps, so its CPU time stays where it reported it.
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { threadClock } from '../../bench/thread-clock.js';

const clock = threadClock();
if (typeof clock === 'string') throw new Error(clock);
const t0 = performance.now();
while (performance.now() - t0 < 30);
const own = clock.self();
parentPort!.postMessage({ tid: Number(readlinkSync('/proc/thread-self').split('/').pop()), own });
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
