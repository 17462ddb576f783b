// Bare threads, the reference the pool's Fig. 3 points are timed against: the keys they make are
// the keys of the scalars drawn, in order, whatever the split.
import { afterAll, describe, expect, it } from 'vitest';
import { BareSplit } from '../bench/bare-split.js';
import { POOL_BLOCKS, blockSizes, keygenPoolPoints } from '../bench/parallel.js';
import { CryptoPool } from '../impl/tools/pool.js';
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

  it('alternate with the pool in blocks that share its runs out evenly, the first the larger', () => {
    expect(blockSizes(300, POOL_BLOCKS)).toEqual(Array(10).fill(30));
    expect(blockSizes(11, 10)).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    for (const [n, b] of [[9, 9], [13, 10], [31, 10], [1, 1]] as const) {
      const sizes = blockSizes(n, b);
      expect(sizes.reduce((x, y) => x + y, 0)).toBe(n);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(sizes[0]).toBe(Math.max(...sizes));
    }
  });

  it("sit on the pool's wall-clock point of Fig. 3, from as many threads as the pool has", async () => {
    const pool = new CryptoPool(2);
    try {
      const bare = splits[0]!;
      const [wall, critical] = await keygenPoolPoints(10, { warmup: 1, reps: 4, warmSeconds: 0 }, pool, bare);
      expect(wall!.bare).toBeGreaterThan(0);
      expect(wall!.ours.median).toBeGreaterThan(0);
      expect(critical).not.toHaveProperty('bare');
      await expect(keygenPoolPoints(10, { warmup: 0, reps: 1, warmSeconds: 0 }, pool, splits[1]!)).rejects.toThrow(/bare split of 3 threads beside a pool of 2/);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
