// The goals bench.json judges: each verdict from the run's own points and summary, and none where
// the run did not measure it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poolFigure, readPoolFigure } from '../bench/figures.js';
import { goalChecks, goalVerdict, servicesWorst } from '../bench/goals.js';
import { KEYGEN_USERS } from '../bench/paper.js';
import type { ServicesBench } from '../bench/services.js';
import type { BenchPoint, BenchSummary, MemoryRow } from '../bench/types.js';

const spread = (median: number) => ({ min: median, median, max: median });
const point = (figure: string, x: number, median: number, paperToOurs?: number): BenchPoint => ({ figure, x, xLabel: 'x', ours: spread(median), ratios: { paperToOurs } });
const memory = (ratio: number): MemoryRow => ({ op: 'encrypt', bytes: 64 << 20, peakBytes: 0, ratio, opPeakBytes: 0, seconds: 1 });

const summary: BenchSummary = {
  worstToFloor: { figure: 'fig3', x: 10000, ratio: 1.12 },
  worstToFloorOnPool: { figure: 'fig3-pool2', x: 10, ratio: 2.4 },
  worstToLimit: { what: 'e(P, Q)', ratio: 1.6 },
  verifySeconds: 6.8,
  verifyToFloor: 1.8,
};
const fig3AtEverySize = KEYGEN_USERS.map((n) => point('fig3', n, 0.00003 * n, n === 10 ? 1900 : n === 10000 ? 7.4 : 20));
const points = [
  ...fig3AtEverySize,
  point(poolFigure('fig3', 2, false), 10000, 0.15),
  point('fig4', 2048, 0.0011),
  point('fig5', 2048, 0.0084),
];
const byGoal = (checks: ReturnType<typeof goalChecks>, part: string) => checks.find((g) => g.goal.includes(part))!;

describe('the goals of a bench run', () => {
  const checks = goalChecks({ points, summary, memory: [memory(2.0), memory(1.99)] });

  it('names each goal as a row of bench/README.md "Where the goals stand" reads it, so a reader finds the row of each entry', () => {
    const readme = readFileSync(new URL('../bench/README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Where the goals stand'), readme.indexOf('\n## ', readme.indexOf('## Where the goals stand') + 1));
    const rows = table.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split(' | ')[0]!.slice(2));
    for (const g of checks) expect(rows.some((r) => r === g.goal || r.startsWith(`${g.goal} (`)), g.goal).toBe(true);
  });

  it('judges each goal from the figures', () => {
    expect(byGoal(checks, 'beats the paper')).toMatchObject({ met: true, measured: '7.40x faster at worst (10000 users)' });
    expect(byGoal(checks, 'pool within').met).toBe(false);
    expect(byGoal(checks, 'pool within').measured).toBe('2.40x (fig3-pool2, x = 10)');
    // with bare threads at that point, their ratio beside ours; the verdict stays ours
    const withBare = goalChecks({ points, summary: { ...summary, worstToFloorOnPool: { figure: 'fig3-pool2', x: 10, ratio: 1.2, bareToFloor: 1.18 } }, memory: [memory(2.0)] });
    expect(byGoal(withBare, 'pool within')).toMatchObject({ met: false, measured: '1.20x (fig3-pool2, x = 10; bare threads there 1.18x)' });
    expect(byGoal(checks, 'on one thread').met).toBe(true);
    expect(byGoal(checks, 'Z3 alone').met).toBe(false);
    expect(byGoal(checks, 'native limit').met).toBe(true);
    expect(byGoal(checks, 'users under').met).toBe(true);
    expect(byGoal(checks, 'decryption of 2 MB').met).toBe(true);
    expect(byGoal(checks, 'encryption of 2 MB').met).toBe(true);
    expect(byGoal(checks, '64 MB').met).toBe(true);
    expect(byGoal(checks, 'verify under').met).toBe(true);
  });

  it('fails a goal the figures miss, and judges none the run did not measure', () => {
    const slow = goalChecks({
      points: [...fig3AtEverySize.slice(1), point('fig3', 10, 0.7, 0.86), point('fig5', 2048, 0.016)],
      summary: { ...summary, worstToFloor: { figure: 'fig4', x: 500, ratio: 1.16 }, worstToFloorOnPool: undefined, verifySeconds: undefined, verifyToFloor: undefined },
      memory: [memory(2.3)],
    });
    for (const part of ['beats the paper', 'on one thread', 'decryption of 2 MB', '64 MB']) expect(byGoal(slow, part).met, part).toBe(false);
    for (const part of ['pool within', 'users under', 'encryption of 2 MB', 'verify under', 'Z3 alone', 'over loopback']) {
      expect(byGoal(slow, part).met, part).toBeNull();
      expect(goalVerdict(byGoal(slow, part).met)).toBe('not measured');
    }
  });

  it('judges neither Fig. 3 against the paper nor the 64 MB peaks on a quick run, which has two sizes and 16 MB records', () => {
    const quick = goalChecks({ points: [point('fig3', 10, 0.0003, 1900), point('fig3', 100, 0.003, 300)], summary, memory: [{ ...memory(2.3), bytes: 16 << 20 }, { ...memory(2.01), bytes: 16 << 20 }] });
    expect(byGoal(quick, 'beats the paper')).toMatchObject({ met: null, measured: 'not measured in this run at 500, 1000, 5000, 10000 users (300.00x faster at worst of 10, 100)' });
    expect(byGoal(quick, '64 MB')).toMatchObject({ met: null, measured: 'not measured in this run (16 MB records: 2.30x)' });
    // unmeasured goals stay in bench.json, judged by none
    expect(JSON.parse(JSON.stringify(byGoal(quick, '64 MB')))).toHaveProperty('met', null);
  });

  it("shows a time goal's floor beside ours, and judges ours alone", () => {
    // none timed: ours alone, as before
    expect(byGoal(checks, 'decryption of 2 MB').measured).toBe('8.40 ms');
    expect(byGoal(checks, 'verify under').measured).toBe('6.80 s');
    const floored = goalChecks({
      points: [{ ...point('fig5', 2048, 0.0158), floor: 0.0148 }, { ...point('fig4', 2048, 0.0011), floor: 0.001 }, { ...point(poolFigure('fig3', 2, false), 10000, 0.15), floor: 0.146 }],
      summary: { ...summary, verifySeconds: 11.01, verifyFloorSeconds: 7.006 },
      memory: [],
    });
    // a miss whose floor is itself near the goal reads as the host's; the verdict is still ours
    expect(byGoal(floored, 'decryption of 2 MB')).toMatchObject({ met: false, measured: '15.80 ms (its floor 14.80 ms)' });
    expect(byGoal(floored, 'encryption of 2 MB')).toMatchObject({ met: true, measured: '1.10 ms (its floor 1.00 ms)' });
    expect(byGoal(floored, 'users under')).toMatchObject({ met: true, measured: '150.00 ms (its floor 146.00 ms)' });
    expect(byGoal(floored, 'verify under')).toMatchObject({ met: false, measured: '11.01 s (Z3 alone on its files 7.01 s)' });
  });

  it('judges the services over loopback by their worst ratio: T_up, T_down or R_U issuance', () => {
    const row = (kb: number, tUp: number, floorUp: number, tDown: number, floorDown: number) => ({
      kb, tUp, tDown, inProcessUp: 1, inProcessDown: 1, inProcessStoringUp: 0.1, exchangesUp: 17, exchangesDown: 9, roundTrip: 0.3, roundTripsUp: 5.1, roundTripsDown: 2.7, requiredUp: 2, requiredDown: 1, floorUp, floorDown, serversUp: 5, serversDown: 3, paperUp: 1250, paperDown: 80,
    });
    const load = (clients: number, perSecond: number, floorPerSecond: number, ratio = floorPerSecond / perSecond) => ({ clients, requests: 256, perSecond, p50: 1, p99: 2, required: 0.1, requiredAtSrs: 0.06, floor: 0.8, floorPerSecond, ratio });
    const services: ServicesBench = { backend: 'blst', emptyRoundTripMs: 0.3, turnaround: [row(50, 22, 10, 13, 12), row(2048, 30, 10, 16, 12)], load: [load(1, 700, 1250), load(64, 1100, 2000)] };
    const wire = (s: ServicesBench) => byGoal(goalChecks({ points, summary: { ...summary, servicesToFloor: servicesWorst(s) }, memory: [] }), 'over loopback');
    expect(wire(services)).toMatchObject({ met: false, measured: '3.00x (T_up, 2048 KB, 17 exchanges)' });
    const quickRU = { ...services, turnaround: [row(50, 11, 10, 12, 12)], load: [load(4, 500, 1000)] };
    expect(wire(quickRU)).toMatchObject({ met: false, measured: '2.00x (R_U, 4 clients)' });
    const within = { ...services, turnaround: [row(50, 11, 10, 13, 12)], load: [load(1, 1100, 1250)] };
    expect(wire(within)).toMatchObject({ met: true, measured: '1.14x (R_U, 1 client)' });
    // the rate's ratio is the blocks' median of each block against its own floor, not the ratio of
    // the two medians
    const paired = { ...within, load: [load(1, 1100, 1250, 1.3)] };
    expect(wire(paired)).toMatchObject({ met: false, measured: '1.30x (R_U, 1 client)' });
  });

  it('names the pool points in one way, read back as made', () => {
    expect(readPoolFigure(poolFigure('fig5', 4, true))).toEqual({ figure: 'fig5', threads: 4, critical: true });
    expect(readPoolFigure(poolFigure('fig3', 2, false))).toEqual({ figure: 'fig3', threads: 2, critical: false });
    expect(readPoolFigure('fig3')).toBeUndefined();
    expect(readPoolFigure('verify-catalogue')).toBeUndefined();
  });
});
