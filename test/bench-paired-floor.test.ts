// Ours against the floor on one thread: each timed run follows a floor of its own, and the ratio is
// the median of each run over that floor, so a slow spell of the host that falls on runs and floors
// alike moves neither (the pool's points pair their blocks so: bench-pool-floor); where a point has
// no such pairs (the solver) it stays the ratio of the medians.
import { describe, expect, it } from 'vitest';
import { floorsOf } from '../bench/floor.js';
import { median } from '../bench/timing.js';
import { withRatios } from '../bench/run.js';
import type { BenchPoint } from '../bench/types.js';

const fl = (total: number) => ({ total, core: total / 2 });

describe('the paired ratio to the floor', () => {
  it('is the median of each run over the floor timed just before it', () => {
    // a slow spell (twice as slow) from the third run on, and from the fourth floor on
    const floors = [1, 1, 1, 2, 2].map(fl);
    const runs = [1.05, 1.05, 2.1, 2.1, 2.1];
    const f = floorsOf(floors, runs);
    expect(f.floor).toBe(1);
    expect(f.pairedToFloor!.total).toBeCloseTo(1.05);
    expect(f.pairedToFloor!.core).toBeCloseTo(2.1);
    // the ratio of the medians takes the slow runs' side
    expect(median(runs) / f.floor).toBeCloseTo(2.1);
    expect(floorsOf(floors).pairedToFloor).toBeUndefined();
    expect(() => floorsOf(floors, runs.slice(1))).toThrow(/4 runs against 5 floors/);
  });

  it('is the point ratio where the point has it, with the ratio of the medians kept beside it', () => {
    const base: BenchPoint = { figure: 'fig4', x: 1024, xLabel: 'KB', ours: { min: 1, median: 2.1, max: 3 }, floor: 1, floorCore: 0.5, limit: 0.7, paper: 21 };
    const paired = withRatios({ ...base, pairedToFloor: { total: 1.05, core: 2.1 } }).ratios!;
    expect(paired.toFloor).toBe(1.05);
    expect(paired.toFloorCore).toBe(2.1);
    expect(paired.toFloorOfMedians).toBeCloseTo(2.1);
    expect(paired.toLimit).toBeCloseTo(3);
    expect(paired.paperToOurs).toBeCloseTo(10);
    const unpaired = withRatios({ ...base, figure: 'fig5-pool2' }).ratios!;
    expect(unpaired.toFloor).toBeCloseTo(2.1);
    expect(unpaired.toFloorCore).toBeCloseTo(4.2);
    expect(unpaired.toFloorOfMedians).toBeUndefined();
  });
});

describe('the report table of the points', () => {
  it('prints the point ratio and marks a row below its floor by that ratio', async () => {
    const { benchTable } = await import('../report/content.js');
    const at = (toFloor: number, median: number): BenchPoint => ({ figure: 'fig4', x: 50, xLabel: 'KB', ours: { min: median, median, max: median }, floor: 1, floorCore: 0.5, ratios: { toFloor, toFloorCore: 2 * toFloor } });
    // the median run is below the median floor, but each run is above its own
    const [table] = benchTable([at(1.04, 0.98), at(0.97, 1.02)]) as [{ table: { head: string[]; rows: string[][]; classes: string[][] } }];
    const col = table.table.head.indexOf('ours / floor');
    expect(table.table.rows.map((r) => r[col])).toEqual(['1.04×', '0.97×']);
    expect(table.table.classes.map((c) => c[col] ?? '')).toEqual(['', 'warn']);
  });
});
