// Fig. 3 on the pool promotes the registration's survivors before each call from
// PROMOTED_FROM_USERS users, and leaves smaller calls' setup alone (bench/parallel.ts).
import { constants } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMOTED_FROM_USERS, keygenPoolPoints, warmPool } from '../bench/parallel.js';
import { CryptoPool } from '../impl/tools/pool.js';
import { collectionsDuring } from './gc-runs.js';

const pool = new CryptoPool(2);
afterAll(() => pool.close());

/** The forced minor collections (the bench's own, timing.ts emptyYoungGeneration) while `f` runs. */
async function forcedMinorCollections(f: () => Promise<unknown>): Promise<number> {
  const { runs } = await collectionsDuring(f, ({ kind, flags }) => kind === constants.NODE_PERFORMANCE_GC_MINOR && (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0);
  return runs;
}

describe("Fig. 3 on the pool and the registration's survivors", () => {
  const opts = { warmup: 0, reps: 1, warmSeconds: 0 };

  it('empties the young generation after each registration from PROMOTED_FROM_USERS users', async () => {
    await warmPool(pool);
    let points: unknown[] = [];
    const n = await forcedMinorCollections(async () => {
      points = await keygenPoolPoints(PROMOTED_FROM_USERS, opts, pool);
    });
    expect(points).toHaveLength(2);
    // each run registers three times (the wall-clock call, the hand-off from the same state, the call timed with the threads' CPU), each time followed by two minor collections
    expect(n).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('leaves the setup of fewer users without collections', async () => {
    const n = await forcedMinorCollections(() => keygenPoolPoints(10, opts, pool));
    expect(n).toBe(0);
  }, 120_000);
});
