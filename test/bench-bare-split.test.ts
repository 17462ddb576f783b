// Bare threads, the reference the pool's Fig. 3 points are timed against: the keys they make are
// the keys of the scalars drawn, in order, whatever the split.
import { afterAll, describe, expect, it } from 'vitest';
import { BareSplit } from '../bench/bare-split.js';
import { bareRange } from '../bench/bare-split-layout.js';
import { deterministicRandom, encodeKey, keyGroup } from '../impl/index.js';

const keysOf = (n: number, seed: string): string[] => {
  const rng = deterministicRandom(seed);
  // the calling thread draws the workers' scalars first, then its own (bare-split.ts `run`)
  return Array.from({ length: n }, () => rng.scalar()).map((k) => Buffer.from(encodeKey(keyGroup.mul(k))).toString('hex'));
};

describe('bare threads', () => {
  it('split n keys into ranges that cover 0 .. n-1 in order, the calling thread taking the longer', () => {
    for (const threads of [1, 2, 3, 4]) {
      for (const n of [0, 1, 2, 3, 10, 11, 1001]) {
        const ranges = Array.from({ length: threads }, (_, k) => bareRange(n, threads, k));
        expect(ranges[0]![0]).toBe(0);
        expect(ranges[threads - 1]![1]).toBe(n);
        for (let k = 1; k < threads; k++) expect(ranges[k]![0]).toBe(ranges[k - 1]![1]);
        const sizes = ranges.map(([a, b]) => b - a);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(sizes[0]).toBe(Math.max(...sizes));
      }
    }
  });

  const splits: BareSplit[] = [];
  afterAll(async () => {
    await Promise.all(splits.map((s) => s.close()));
  });

  it('give the keys of the drawn scalars, in order, on two and three threads', async () => {
    for (const threads of [2, 3]) {
      const bare = await BareSplit.start(threads, 64);
      splits.push(bare);
      for (const n of [1, 2, 5, 10, 64]) {
        // the drawing order: the workers' ranges first, then the calling thread's
        const [, mine] = bareRange(n, threads, 0);
        const drawn = keysOf(n, `bare/${threads}/${n}`);
        const expected = [...drawn.slice(n - mine), ...drawn.slice(0, n - mine)];
        const got = bare.run(n, deterministicRandom(`bare/${threads}/${n}`)).map((b) => Buffer.from(b).toString('hex'));
        expect(got).toEqual(expected);
      }
    }
  }, 120_000);

  it('refuse a run larger than their buffer, and a thread count below one', async () => {
    const bare = splits[0]!;
    expect(() => bare.run(65, deterministicRandom('x'))).toThrow(/between 0 and 64 keys/);
    await expect(BareSplit.start(0, 8)).rejects.toThrow(/threads must be/);
  });
});
