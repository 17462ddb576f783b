// The per-thread CPU clocks: exact at the moment they are read, for the calling thread and
// for any other thread of the process, where /proc's counts lag a running thread by up to a tick.
import { readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { CryptoPool } from '../impl/tools/pool.js';
import { threadClock, type ThreadClock } from '../smt/thread-clock.js';
import { exactThreadCpu, timePoolCall } from '../bench/timing.js';

/** This thread's id, from /proc/thread-self (a link to PID/task/TID). */
const ownTid = (): number => Number(readlinkSync('/proc/thread-self').split('/').pop());

const spin = (ms: number) => {
  const t0 = performance.now();
  while (performance.now() - t0 < ms);
};

const clock = (): ThreadClock => {
  const c = threadClock();
  if (typeof c === 'string') throw new Error(`the thread clocks cannot be read here: ${c}`);
  return c;
};

describe('the per-thread CPU clocks', () => {
  const pool = new CryptoPool(2);
  afterAll(() => pool.close());

  it('are read on this machine', () => {
    expect(threadClock()).not.toBeTypeOf('string');
    expect(exactThreadCpu()).toBe(true);
  });

  it("count a running thread's time at once, not at its next tick", () => {
    const c = clock();
    // /proc's schedstat showed 0 for most windows this short while the thread kept running
    // the wall clock's window holds the CPU clock's: the thread's CPU between two readings is at
    // most the time between them, and work of the thread's own just outside them (a collection, a
    // compilation of the reading itself) falls outside both
    const deltas = Array.from({ length: 20 }, () => {
      const t0 = performance.now();
      const c0 = c.self();
      spin(0.2);
      const cpu = c.self() - c0;
      return { cpu, wall: (performance.now() - t0) / 1000 };
    });
    for (const d of deltas) {
      expect(d.cpu).toBeGreaterThan(0);
      expect(d.cpu).toBeLessThanOrEqual(d.wall + 1e-4);
    }
  });

  it("read this thread by its id as by its own clock, and another thread's as that thread reads it", async () => {
    const c = clock();
    const a = c.self();
    const byId = c.of(ownTid())!;
    const b = c.self();
    expect(byId).toBeGreaterThanOrEqual(a);
    expect(byId).toBeLessThanOrEqual(b);

    // a thread that spins, reads its own clock, tells us, and sleeps: our reading of it by id
    // is at least its own last reading and not much above it
    const worker = new Worker(new URL('./support/clock-worker.ts', import.meta.url), { execArgv: ['--import', new URL('../register.mjs', import.meta.url).href] });
    try {
      const { tid, own } = await new Promise<{ tid: number; own: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await new Promise((r) => setTimeout(r, 20));
      const seen = c.of(tid)!;
      expect(own).toBeGreaterThan(0.02);
      expect(seen).toBeGreaterThanOrEqual(own);
      expect(seen - own).toBeLessThan(0.005);
    } finally {
      await worker.terminate();
    }
    // a thread that has ended (or never was: Linux's ids stay below 2^22) has no clock
    expect(c.of(2 ** 22 + 1)).toBeUndefined();
    for (const bad of [0, -3, 1.5, 2 ** 30]) expect(() => c.of(bad)).toThrow(RangeError);
  }, 60_000);

  it("give a pool call's critical path that is never zero and never above its wall clock", async () => {
    const ks = Array.from({ length: 10 }, (_, i) => BigInt(i + 1));
    await pool.mulBase('g1', 200, (i) => BigInt(i + 1)); // the worker's tables
    for (let i = 0; i < 10; i++) {
      const t = await timePoolCall(async () => {
        await pool.mulBase('g1', ks.length, (k) => ks[k]!);
      });
      expect(t.critical).toBeGreaterThan(0);
      expect(t.critical).toBeLessThanOrEqual(t.wall);
    }
  }, 60_000);
});
