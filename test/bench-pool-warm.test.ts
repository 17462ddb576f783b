// The bench warms its worker pool before the pool's first point, so that point does not time the
// workers building their tables (bench/parallel.ts warmPool).
import { describe, expect, it } from 'vitest';
import { WARM_ITEMS, warmPool } from '../bench/parallel.js';
import { CryptoPool } from '../impl/tools/pool.js';

describe('warming the pool before its first point', () => {
  it('leaves every worker having done its share of calls, and a pool without workers alone', async () => {
    const pool = new CryptoPool(2);
    try {
      await warmPool(pool);
      // the workers have started, built their tables and taken items of many calls
      expect(pool.counts.workers).toBeGreaterThanOrEqual(WARM_ITEMS);
      expect(pool.counts.redone).toBeLessThan(pool.counts.workers);
    } finally {
      await pool.close();
    }
    const alone = new CryptoPool(1);
    try {
      await warmPool(alone);
      expect(alone.counts).toEqual({ caller: 0, workers: 0, redone: 0 });
    } finally {
      await alone.close();
    }
  }, 120_000);
});
