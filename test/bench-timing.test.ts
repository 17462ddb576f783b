// The timing harness: what a timed run, a pool call and its hand-offs are measured after.
import { describe, expect, it } from 'vitest';
import { getHeapSpaceStatistics } from 'node:v8';
import { emptyYoungGeneration, noPoolSamples, poolPoint, poolRuns, repeatRuns, thisThreadCpu, timePoolCall, type RepeatOptions } from '../bench/timing.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('timePoolCall', () => {
  it('gives a critical path no longer than the wall clock, however loose the CPU bound', async () => {
    const t = await timePoolCall(() => sleep(30));
    expect(t.wall).toBeGreaterThanOrEqual(0.025);
    expect(t.critical).toBeLessThanOrEqual(t.wall);
  });

  it("counts the calling thread's CPU in the critical path", async () => {
    const t = await timePoolCall(async () => {
      // 40 ms of this thread's own CPU, however often a loaded machine takes the core away
      const c0 = thisThreadCpu();
      while (thisThreadCpu() - c0 < 0.04);
    });
    expect(t.critical).toBeGreaterThan(0.02);
    expect(t.critical).toBeLessThanOrEqual(t.wall);
  });
});

/** A pool point as the bench makes one: `poolRuns`' samples, then `poolPoint` of them. */
async function onPool<S>(opts: RepeatOptions, setup: (i: number) => S, f: (s: S) => Promise<void>, handOff: () => Promise<number>) {
  const samples = noPoolSamples();
  await poolRuns(opts, setup, f, handOff, samples);
  return poolPoint(samples);
}

describe('poolRuns', () => {
  it('times the wall clock and the critical path in runs of their own, and measures the hand-off in the state every call starts in, and once at once after a call', async () => {
    // The hand-off is slow while the "workers" are in the state setup leaves them in, quick once a
    // call or a hand-off has woken them, as an idle core is on a virtual machine.
    let idle = false;
    const setups: number[] = [];
    let calls = 0;
    const out = await onPool(
      { warmup: 1, reps: 3 },
      (i) => {
        setups.push(i);
        idle = true;
      },
      async () => {
        calls++;
        idle = false;
        await sleep(2);
      },
      async () => {
        const slow = idle;
        idle = false;
        return slow ? 0.025 : 0.0001;
      },
    );
    // each step: a run on the wall clock, the hand-off twice, a run with the threads' CPU read around it
    expect(calls).toBe(8);
    expect(setups).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(out.handOff.fromCallState).toBe(0.025);
    expect(out.handOff.warm).toBe(0.0001);
    expect(out.wall.median).toBeGreaterThanOrEqual(0.001); // a 2 ms timer can fire a fraction of a millisecond early
    expect(out.critical.median).toBeLessThanOrEqual(out.wall.median);
  });

  it('warms for warmSeconds first, on setups of their own, and times only the counted runs after', async () => {
    const setups: number[] = [];
    const timedSeen: number[] = [];
    let current = 0;
    const t0 = performance.now();
    const out = await onPool(
      { warmup: 1, reps: 2, warmSeconds: 0.05 },
      (i) => {
        setups.push(i);
        current = i;
      },
      async () => {
        timedSeen.push(current);
        // the warm-up calls are quick, the counted ones slow: only the slow ones may be timed
        await sleep(current < 0 ? 1 : 8);
      },
      async () => 0,
    );
    // at least 50 ms of warm-up runs came first, each with its own negative index, then 0, 1, 2
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
    const warm = timedSeen.filter((i) => i < 0);
    expect(warm.length).toBeGreaterThan(2);
    // two runs a step, each step its own negative index
    expect(warm).toEqual(warm.map((_, k) => -(Math.floor(k / 2) + 1)));
    expect(timedSeen.slice(warm.length)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(setups.slice(-9)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(out.wall.min).toBeGreaterThanOrEqual(0.007);
  });
});

describe('repeatRuns', () => {
  const spin = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };

  it('warms for warmSeconds first, on setups of their own, and times only the counted runs after', () => {
    const setups: number[] = [];
    const ran: number[] = [];
    const t0 = performance.now();
    const times = repeatRuns(
      { warmup: 1, reps: 2, warmSeconds: 0.05 },
      (i) => {
        setups.push(i);
        return i;
      },
      (i) => {
        ran.push(i);
        // the warm-up runs are quick, the counted ones slow: only the slow ones may be timed
        spin(i < 0 ? 1 : 6);
      },
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
    const warm = ran.filter((i) => i < 0);
    expect(warm.length).toBeGreaterThan(1);
    expect(warm).toEqual(warm.map((_, k) => -(k + 1)));
    expect(ran.slice(warm.length)).toEqual([0, 1, 2]);
    expect(setups).toEqual(ran);
    expect(times).toHaveLength(2);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(0.005);
  });

  it('runs no warm-up without warmSeconds', () => {
    const ran: number[] = [];
    repeatRuns({ warmup: 1, reps: 1 }, (i) => i, (i) => void ran.push(i));
    expect(ran).toEqual([0, 1]);
  });
});

describe('emptyYoungGeneration', () => {
  const used = (space: string) => getHeapSpaceStatistics().find((x) => x.space_name === space)!.space_used_size;

  it('promotes what is alive out of the young generation, and keeps it alive', () => {
    emptyYoungGeneration();
    // about 2 MB of small objects, alive: they start in the young generation
    const kept = Array.from({ length: 40_000 }, (_, i) => ({ i, s: `member-${i}` }));
    const young = used('new_space');
    expect(young).toBeGreaterThan(1_000_000);
    const old = used('old_space');
    emptyYoungGeneration();
    expect(used('new_space')).toBeLessThan(young / 4);
    expect(used('old_space')).toBeGreaterThan(old + 1_000_000);
    expect(kept[39_999]!.s).toBe('member-39999');
  });
});
