// The same figures with the SRS's worker pool (impl/pool.ts) across every core: key generation
// through Srs.genKeys and R_U through Srs.requestRUBatch. Always wall-clock time: the point of a
// pool is elapsed time, and the CPU time of all threads together cannot show it.
import { Srs, deterministicRandom } from '../impl/index.js';
import type { CryptoPool } from '../impl/pool.js';
import { PAPER_KEYGEN } from './paper.js';
import { throughputWorld } from './throughput.js';
import { currentClock, repeatAsync, setClock, spread, type RepeatOptions } from './timing.js';
import type { BenchPoint, ThroughputRow } from './types.js';

async function onWallClock<T>(f: () => Promise<T>): Promise<T> {
  const c = currentClock();
  setClock('wall');
  try {
    return await f();
  } finally {
    setClock(c);
  }
}

export function keygenPoolPoint(users: number, seed: string, opts: RepeatOptions, pool: CryptoPool, floor?: number): Promise<BenchPoint> {
  return onWallClock(async () => {
    const ours = await repeatAsync(
      opts,
      (i) => {
        const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(`${seed}/keygen/${users}/${i}`) });
        srs.registerOwner('patient');
        const ids = Array.from({ length: users }, (_, k) => `u${k}`);
        for (const id of ids) srs.register(id, 'patient', 'family');
        return { srs, ids };
      },
      ({ srs, ids }) => srs.genKeys(ids, pool),
    );
    return { figure: `fig3-pool${pool.size}`, x: users, xLabel: 'users', ours, floor: floor === undefined ? undefined : floor / pool.size, paper: PAPER_KEYGEN[users] };
  });
}

export function throughputPoolRow(users: number, files: number, requests: number, batches: number, seed: string, pool: CryptoPool): Promise<ThroughputRow> {
  return onWallClock(async () => {
    const { w, partitions, next } = throughputWorld(users, files, seed);
    const batch = () => Array.from({ length: requests }, next);
    await w.srs.requestRUBatch(batch().slice(0, 8), pool); // warm-up: worker tables and caches
    const rates: number[] = [];
    for (let b = 0; b < batches; b++) {
      const reqs = batch();
      const t0 = performance.now();
      const res = await w.srs.requestRUBatch(reqs, pool);
      const t = (performance.now() - t0) / 1000;
      if (res.some((r) => !r.granted)) throw new Error('bench: R_U refused');
      rates.push(requests / t);
    }
    return { users, files, partitions, requests, perSecond: spread(rates), workers: pool.size, clock: 'wall' };
  });
}
