// Waiting between threads: a spin that ends as soon as the word changes or its time is up, and a
// doorbell that no ring can slip past, whether it rings before the wait, during the spin, or while
// the waiter sleeps.
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { Doorbell, spinWhile, waitForCount } from '../impl/tools/doorbell.js';

/** A thread that rings the bell after `ms`, and again after 5 s so that a wait that missed the first
 *  ring fails the test instead of hanging it (plain JS: the bell is one shared word). */
function ringLater(bell: Doorbell, ms: number): Worker {
  const code = `const { workerData } = require('node:worker_threads');
    const word = new Int32Array(workerData.buffer);
    const ring = () => { Atomics.add(word, 0, 1); Atomics.notify(word, 0); };
    setTimeout(ring, workerData.ms);
    setTimeout(ring, 5000);`;
  return new Worker(code, { eval: true, workerData: { buffer: bell.buffer, ms } });
}

describe('spinWhile', () => {
  it('returns true at once when the word already differs, false when its time is up', () => {
    const words = new Int32Array(new SharedArrayBuffer(8));
    words[1] = 7;
    expect(spinWhile(words, 1, 6, 1000)).toBe(true);
    expect(spinWhile(words, 1, 7, 0)).toBe(false);
    const t0 = performance.now();
    expect(spinWhile(words, 1, 7, 5)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(5);
  });
});

describe('waitForCount', () => {
  /** The count of word 0 of `buffer`, raised by another thread after `ms` (a bell's ring adds one). */
  const countLater = (buffer: SharedArrayBuffer, ms: number) => ringLater(new Doorbell(buffer), ms);

  it('spins through a short wait, and sleeps at once with no spin', async () => {
    for (const [spinMs, sleeps] of [[5000, false], [0, true]] as const) {
      const buffer = new SharedArrayBuffer(4);
      const words = new Int32Array(buffer);
      const w = countLater(buffer, 50);
      const spy = vi.spyOn(Atomics, 'wait');
      try {
        expect(waitForCount(words, 0, 1, spinMs, 4000)).toBe(true);
        expect(spy.mock.calls.length > 0).toBe(sleeps);
      } finally {
        spy.mockRestore();
        await w.terminate();
      }
    }
  });

  it('returns at once when the count is already there, and false when the time runs out', () => {
    const words = new Int32Array(new SharedArrayBuffer(4));
    words[0] = 3;
    expect(waitForCount(words, 0, 2, 0, 0)).toBe(true);
    const t0 = performance.now();
    expect(waitForCount(words, 0, 4, 1, 30)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(30);
  });
});

describe('Doorbell', () => {
  it('a ring after the read ends the wait at once, with or without a spin', async () => {
    for (const spin of [0, 50]) {
      const bell = new Doorbell();
      const safety = ringLater(bell, 4000);
      const seen = bell.rung;
      bell.ring();
      const t0 = performance.now();
      bell.waitAfter(seen, spin);
      const waited = performance.now() - t0;
      await safety.terminate();
      expect(waited).toBeLessThan(2000);
    }
  });

  it('a ring from another thread wakes a waiter that spins, and one that sleeps', async () => {
    // rung while spinning (the spin outlasts the delay), then while asleep (it spins 1 ms only)
    for (const [spin, delay] of [[5000, 20], [1, 50]] as const) {
      const bell = new Doorbell();
      const seen = bell.rung;
      const w = ringLater(bell, delay);
      const t0 = performance.now();
      bell.waitAfter(seen, spin);
      const waited = performance.now() - t0;
      await w.terminate();
      // woken by the first ring, long before the second
      expect(waited).toBeLessThan(4000);
    }
  });
});
