// The pool's timing harness: what a timed call and its round trips are measured after.
import { describe, expect, it } from 'vitest';
import { repeatOnPool, timePoolCall } from '../bench/timing.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('timePoolCall', () => {
  it('gives a critical path no longer than the wall clock, however loose the CPU bound', async () => {
    const t = await timePoolCall(() => sleep(30));
    expect(t.wall).toBeGreaterThanOrEqual(0.025);
    expect(t.critical).toBeLessThanOrEqual(t.wall);
  });

  it("counts the calling thread's CPU in the critical path", async () => {
    const t = await timePoolCall(async () => {
      const end = performance.now() + 40;
      while (performance.now() < end);
    });
    expect(t.critical).toBeGreaterThan(0.02);
    expect(t.critical).toBeLessThanOrEqual(t.wall);
  });
});

describe('repeatOnPool', () => {
  it('times a round trip from the state every call starts in, and one at once after a call', async () => {
    // The round trip is slow while the "workers" are in the state setup leaves them in, quick
    // once a call or a round trip has woken them, as an idle core is on a virtual machine.
    let idle = false;
    const setups: number[] = [];
    let calls = 0;
    const out = await repeatOnPool(
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
        if (slow) await sleep(25);
      },
    );
    expect(calls).toBe(4);
    expect(setups).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(out.roundTrip.fromCallState).toBeGreaterThanOrEqual(0.02);
    expect(out.roundTrip.warm).toBeLessThan(0.02);
    expect(out.wall.median).toBeGreaterThanOrEqual(0.0015);
    expect(out.critical.median).toBeLessThanOrEqual(out.wall.median);
  });
});
