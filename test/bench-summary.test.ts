// bench.json's summary: the worst ratio to the floor of every operation measured, the worst of the
// one-thread figures, the worst of the worker-pool points apart from them, the services' worst, and
// the worst ratio to the native limit, each naming where it is.
import { describe, expect, it } from 'vitest';
import { summarise, withRatios } from '../bench/run.js';
import { benchSummaryText, pointsTable } from '../bench/table.js';
import { BARE_THREADS } from '../bench/goals.js';
import { benchTable } from '../report/content.js';
import type { BenchPoint } from '../bench/types.js';
import type { ServicesBench } from '../bench/services.js';

const point = (figure: string, x: number, toFloor: number, extra: Partial<BenchPoint['ratios']> = {}): BenchPoint => ({
  figure,
  x,
  xLabel: 'x',
  ours: { min: 1, median: 1, max: 1 },
  floor: 1 / toFloor,
  ratios: { toFloor, toFloorCore: toFloor + 0.2, ...extra },
});
const spread = (median: number) => ({ min: median, median, max: median });

describe('the bench summary', () => {
  const points = [
    point('fig3', 10, 1.05, { toLimit: 0.4 }),
    point('fig4', 500, 1.09),
    point('fig5', 2048, 1.01),
    point('fig3-pool2', 10, 2.4),
    point('fig3-pool2-critical', 10, 2.2),
    point('fig5-pool2-critical', 1024, 1.06),
    point('verify-catalogue', 94, 1.7),
  ];
  const primitives = [
    { name: 'e(P, Q)', lib: spread(3), best: spread(1.6), limit: spread(1), toLimit: 1.6 },
    { name: 'GT power', lib: spread(3), best: spread(2) },
  ];
  const s = summarise(points, primitives, 6.1);

  it('the worst of Figs. 3-5 on one thread, with its core beside it', () => {
    expect(s.worstToFloor).toEqual({ figure: 'fig4', x: 500, ratio: 1.09 });
    expect(s.worstToFloorCore?.figure).toBe('fig4');
    expect(s.worstToFloorCore?.ratio).toBeCloseTo(1.29);
  });

  it('the worst pool point apart, wall clock or critical path', () => {
    expect(s.worstToFloorOnPool).toEqual({ figure: 'fig3-pool2', x: 10, ratio: 2.4 });
  });

  it('the worst pool point with the bare threads\' ratio to its floor, where the point has them', () => {
    const bare = withRatios({ figure: 'fig3-pool2', x: 10, xLabel: 'users', ours: spread(0.15), floor: 0.12, bare: 0.14 });
    expect(bare.ratios?.toFloor).toBeCloseTo(1.25);
    expect(bare.ratios?.bareToFloor).toBeCloseTo(0.14 / 0.12);
    expect(bare.ratios?.toBare).toBeCloseTo(0.15 / 0.14);
    const t = summarise([...points.filter((p) => !p.figure.includes('pool')), bare, withRatios({ figure: 'fig3-pool2', x: 100, xLabel: 'users', ours: spread(1.1), floor: 1 })], primitives, 6.1);
    expect(t.worstToFloorOnPool?.x).toBe(10);
    expect(t.worstToFloorOnPool?.bareToFloor).toBeCloseTo(0.14 / 0.12);
    expect(benchSummaryText(t)).toContain('on the worker pool: 1.25x (fig3-pool2, x = 10; bare threads there 1.17x)');
    // a point without bare threads keeps its plain form
    expect(withRatios(point('fig5-pool2', 4, 1.1)).ratios).not.toHaveProperty('toBare');
  });

  it('the worst ratio to the native limit over the points and the primitives that have one', () => {
    expect(s.worstToLimit).toEqual({ what: 'e(P, Q)', ratio: 1.6 });
    // a point of a figure is named as every other summary field names it
    expect(summarise([point('fig3', 10, 1.05, { toLimit: 2 })], primitives, 6.1).worstToLimit).toEqual({ what: 'fig3, x = 10', ratio: 2 });
    expect(s.verifySeconds).toBe(6.1);
    expect(s.verifyToFloor).toBe(1.7);
  });

  it('the worst of every operation measured, naming it: one thread, the pool, verification or the services', () => {
    // the pool's 2.4x is the worst here
    expect(s.worstOfAll).toEqual({ what: 'fig3-pool2, x = 10', ratio: 2.4 });
    const calm = points.filter((p) => !p.figure.includes('pool'));
    expect(summarise(calm, primitives, 6.1).worstOfAll).toEqual({ what: 'sesphr verify', ratio: 1.7 });
    expect(summarise(calm.filter((p) => p.figure !== 'verify-catalogue'), primitives, undefined).worstOfAll).toEqual({ what: 'fig4, x = 500', ratio: 1.09 });
    // the services' worst, as their goal reads it, outranks the rest when it is higher
    const row = { kb: 1024, tUp: 21, tDown: 17, inProcessUp: 3, inProcessDown: 9, inProcessStoringUp: 0.1, exchangesUp: 11, exchangesDown: 9, roundTrip: 0.3, roundTripsUp: 2.7, roundTripsDown: 2.4, requiredUp: 9, requiredDown: 1.5, floorUp: 10, floorDown: 15, serversUp: 11, serversDown: 5, paperUp: 1500, paperDown: 300 };
    const services: ServicesBench = { backend: 'blst', emptyRoundTripMs: 0.3, turnaround: [row], load: [] };
    const t = summarise(calm, primitives, 6.1, services);
    expect(t.servicesToFloor).toEqual({ what: 'T_up, 1024 KB, 11 exchanges', ratio: 2.1 });
    expect(t.worstOfAll).toEqual({ what: 'T_up, 1024 KB, 11 exchanges', ratio: 2.1 });
    const text = benchSummaryText(t);
    expect(text.startsWith('Worst ratio to the floor of every operation measured: 2.10x (T_up, 1024 KB, 11 exchanges); Figs. 3-5 on one thread: 1.09x (fig4, x = 500)')).toBe(true);
    expect(text).toContain('over loopback: 2.10x (T_up, 1024 KB, 11 exchanges)');
    // a summary written before the worst of all was kept reads as it did
    expect(benchSummaryText({ ...t, worstOfAll: undefined }).startsWith('Worst ratio to the floor, Figs. 3-5 on one thread: 1.09x')).toBe(true);
  });

  it("the report's sentence carries every one of them", () => {
    const text = benchSummaryText({ ...s, verifyFloorSeconds: 3.5, verifyToFloor: 6.1 / 3.5 });
    expect(text).toContain('1.09x (fig4, x = 500)');
    expect(text).toContain('on the worker pool: 2.40x (fig3-pool2, x = 10)');
    expect(text).toContain('verification: 1.74x its floor (6.10 s against 3.50 s)');
    expect(text).toContain('1.60x (e(P, Q))');
  });

  it('shows the bare threads\' columns and what they are only where a point has them, in the text and in the report', () => {
    const pool = withRatios({ figure: 'fig3-pool2', x: 10, xLabel: 'users', ours: spread(0.15), floor: 0.12, bare: 0.14 });
    const plain = withRatios({ figure: 'fig3', x: 10, xLabel: 'users', ours: spread(0.25), floor: 0.24 });
    const text = pointsTable([plain, pool]);
    const [oneThread, onPool] = text.split('\n\n');
    expect(onPool).toContain(BARE_THREADS);
    expect(onPool).toContain('our/bare');
    expect(onPool).toContain('1.07x'); // 0.15 / 0.14
    expect(oneThread).not.toContain('bare');
    const report = JSON.stringify(benchTable([plain, pool]));
    expect(report).toContain('ours / bare');
    expect(report).toContain(BARE_THREADS);
    expect(JSON.stringify(benchTable([plain]))).not.toContain('bare');
  });

  it("says how the pool's floor is timed only where the report has a pool point", () => {
    const pool = withRatios({ figure: 'fig5-pool2', x: 50, xLabel: 'KB', ours: spread(0.004), floor: 0.0038 });
    const plain = withRatios({ figure: 'fig5', x: 50, xLabel: 'KB', ours: spread(0.008), floor: 0.0078 });
    const sentence = 'On the pool the one-thread floor is timed in blocks';
    expect(JSON.stringify(benchTable([plain, pool]))).toContain(sentence);
    expect(JSON.stringify(benchTable([plain]))).not.toContain(sentence);
  });
});
