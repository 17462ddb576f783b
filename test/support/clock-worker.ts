// A thread for test/smt-thread-clock: it spins for 30 ms of CPU, reads its own CPU clock, reports it with
// its thread id, and then sleeps, so its CPU time stays where it reported it.
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { threadClock } from '../../smt/thread-clock.js';

const clock = threadClock();
if (typeof clock === 'string') throw new Error(clock);
// 30 ms of its own CPU, however long a loaded machine makes that on the wall clock
const c0 = clock.self();
while (clock.self() - c0 < 0.03);
const own = clock.self();
parentPort!.postMessage({ tid: Number(readlinkSync('/proc/thread-self').split('/').pop()), own });
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
