// A pool point's floor is timed beside it: its runs alternate in blocks with the one-thread floor's,
// so a spell of the host falls on both alike, and ours/floor pairs each block's runs with that
// block's floors, as the one-thread points pair each run with the floor timed just before it.
import { describe, expect, it } from 'vitest';
import { POOL_BLOCKS, alternate, blockSizes, byBlock, decryptPoolPoints, keygenPoolPoints, poolFloors } from '../bench/parallel.js';
import { currentClock, onWallClock, setClock, warmRuns, type RepeatOptions } from '../bench/timing.js';
import { warmSecondsAt, withRatios } from '../bench/run.js';
import { CryptoPool } from '../impl/tools/pool.js';

const fl = (total: number) => ({ total, core: total / 2 });

describe("the pool's floor timed beside it", () => {
  it('takes every side in turn, block by block, warming each side in its first block as asked', async () => {
    const calls: [string, RepeatOptions][] = [];
    const opts = { warmup: 3, reps: 13, warmSeconds: 0.5 };
    const sizes = await alternate(opts, [(o) => void calls.push(['pool', o]), async (o) => void calls.push(['floor', o])]);
    expect(sizes).toEqual(blockSizes(13, POOL_BLOCKS));
    expect(calls.map(([side]) => side)).toEqual(sizes.flatMap(() => ['pool', 'floor']));
    expect(calls.map(([, o]) => o.reps)).toEqual(sizes.flatMap((n) => [n, n]));
    // the first block of each side as opts says, every later one with no counted warm-up
    expect(calls[0]![1]).toEqual({ ...opts, reps: 2 });
    expect(calls[1]![1]).toEqual({ ...opts, reps: 2 });
    for (const [, o] of calls.slice(2)) expect(o.warmup).toBe(0);
    // no untimed run opening a later block where none is asked for
    const none: RepeatOptions[] = [];
    await alternate(opts, [(o) => void none.push(o)], 0);
    for (const o of none.slice(1)) expect(o).toEqual({ warmup: 0, reps: o.reps, warmSeconds: 0 });
    expect([...warmRuns(none[1]!)]).toEqual([]);
    // fewer runs than blocks: a block a run
    expect(await alternate({ warmup: 0, reps: 3 }, [() => {}])).toEqual([1, 1, 1]);
  });

  it('warms the first point of a series for a while and each later one by its counted runs only', () => {
    expect(warmSecondsAt(0)).toBeGreaterThan(0);
    // untimed runs for that long (each here takes a millisecond)
    const start = performance.now();
    let untimed = 0;
    for (const _ of warmRuns({ warmup: 0, reps: 1, warmSeconds: warmSecondsAt(0) })) {
      untimed++;
      for (const t = performance.now(); performance.now() - t < 1; );
    }
    expect(untimed).toBeGreaterThan(0);
    expect(performance.now() - start).toBeGreaterThanOrEqual(warmSecondsAt(0) * 1000);
    for (const k of [1, 2, 7]) expect([...warmRuns({ warmup: 0, reps: 1, warmSeconds: warmSecondsAt(k) })]).toEqual([]);
  });

  it("pairs each block's median run with its own block's floor on the pool's threads", () => {
    const sizes = [2, 2, 1];
    // a slow spell (twice as slow) over the second block, on runs and floors alike
    const floors = [1, 1, 2, 2, 1].map(fl);
    const handOff = { fromCallState: 0.1, warm: 0.05 };
    const { point, paired } = poolFloors(floors, sizes, 2, handOff);
    // (F + h) / 2 of the medians: (1 + 0.1) / 2
    expect(point.floor).toBeCloseTo(0.55);
    expect(point.floorCore).toBeCloseTo(0.3);
    expect(point.poolHandOff).toEqual(handOff);
    const runs = [0.6, 0.6, 1.1, 1.1, 0.6];
    // each block's median over its floor: 0.6 / 0.55, 1.1 / 1.05, 0.6 / 0.55
    expect(paired(runs).total).toBeCloseTo(0.6 / 0.55);
    // a call cheaper alone than on the pool is bounded by the one-thread floor itself
    expect(poolFloors([fl(0.1)], [1], 2, { fromCallState: 0.2, warm: 0.2 }).point.floor).toBeCloseTo(0.1);
    expect(byBlock([1, 2, 3, 4, 5], sizes)).toEqual([[1, 2], [3, 4], [5]]);
    // runs or floors that do not fill the blocks are refused, not paired out of step
    expect(() => paired(runs.slice(1))).toThrow(/4 runs against blocks of 5/);
    expect(() => poolFloors(floors.slice(1), sizes, 2, handOff)).toThrow(/4 floors against blocks of 5/);
    // the ratio the point reports is the paired one, the medians' kept beside it
    const ratios = withRatios({ figure: 'fig3-pool2', x: 10, xLabel: 'users', ours: { min: 0.6, median: 0.6, max: 1.1 }, ...point, pairedToFloor: paired(runs) }).ratios!;
    expect(ratios.toFloor).toBeCloseTo(0.6 / 0.55);
    expect(ratios.toFloorOfMedians).toBeCloseTo(0.6 / 0.55);
  });

  it('times what it is given on the wall clock, and leaves the clock as it was, even after an error', () => {
    const before = currentClock();
    setClock('cpu');
    try {
      expect(onWallClock(() => currentClock())).toBe('wall');
      expect(currentClock()).toBe('cpu');
      expect(() =>
        onWallClock(() => {
          throw new Error('a floor failed');
        }),
      ).toThrow(/a floor failed/);
      expect(currentClock()).toBe('cpu');
    } finally {
      setClock(before);
    }
  });

  it("puts on Figs. 3 and 5 on the pool the floors timed in their blocks, leaving the run's clock as it was", async () => {
    const pool = new CryptoPool(2);
    const before = currentClock();
    setClock('cpu');
    try {
      for (const points of [
        await keygenPoolPoints(10, { warmup: 1, reps: 3, warmSeconds: 0 }, pool),
        await decryptPoolPoints(50, 'pool-floor', { warmup: 1, reps: 3, warmSeconds: 0 }, pool),
      ]) {
        const [wall, critical] = points;
        expect(wall!.floor).toBeGreaterThan(0);
        expect(wall!.floorCore).toBeLessThanOrEqual(wall!.floor!);
        expect(critical!.floor).toBe(wall!.floor);
        expect(wall!.pairedToFloor!.total).toBeGreaterThan(0);
        // each run's critical path is at most its step's wall clock, against the same blocks' floors
        expect(critical!.pairedToFloor!.total).toBeLessThanOrEqual(wall!.pairedToFloor!.total);
      }
      expect(currentClock()).toBe('cpu');
    } finally {
      setClock(before);
      await pool.close();
    }
  }, 120_000);
});
