// The same figures with the SRS's worker pool (impl/tools/pool.ts) across every core: key generation
// through Srs.genKeys, R_U through Srs.requestRUBatch, and Fig. 5's decryption through
// UserClient.requestAndDecrypt (the SRS's pairings, then the user's validation and R_U^(1/x_U)). Always wall-clock time: the point of a
// pool is elapsed time, and the CPU time of all threads together cannot show it.
import { Srs, deterministicRandom } from '../impl/index.js';
import type { CryptoPool } from '../impl/tools/pool.js';
import { benchWorld, phrOfSize } from './fixture.js';
import { PAPER_DECRYPT, PAPER_KEYGEN } from './paper.js';
import { throughputWorld } from './throughput.js';
import { criticalPath, currentClock, repeatAsync, setClock, spread, threadCpu, type RepeatOptions } from './timing.js';
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

/** The one-thread floors split evenly over the workers: what no pool of that size can beat. */
function perWorker(oneThread: Pick<BenchPoint, 'floor' | 'floorCore'> | undefined, workers: number): Pick<BenchPoint, 'floor' | 'floorCore'> {
  const each = (f: number | undefined) => (f === undefined ? undefined : f / workers);
  return { floor: each(oneThread?.floor), floorCore: each(oneThread?.floorCore) };
}

/** Fig. 3 through the pool: on the wall clock, and as the critical path (main thread + busiest
 *  worker CPU), i.e. what the same run takes on idle cores; the second is immune to other jobs. */
export function keygenPoolPoints(users: number, seed: string, opts: RepeatOptions, pool: CryptoPool, oneThread?: Pick<BenchPoint, 'floor' | 'floorCore'>): Promise<BenchPoint[]> {
  return onWallClock(async () => {
    const critical: number[] = [];
    const ours = await repeatAsync(
      opts,
      (i) => {
        const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(`${seed}/keygen/${users}/${i}`) });
        srs.registerOwner('patient');
        const ids = Array.from({ length: users }, (_, k) => `u${k}`);
        for (const id of ids) srs.register(id, 'patient', 'family');
        return { srs, ids };
      },
      async ({ srs, ids }) => {
        const before = threadCpu();
        await srs.genKeys(ids, pool);
        critical.push(criticalPath(before, threadCpu()));
      },
    );
    const common = { x: users, xLabel: 'users', ...perWorker(oneThread, pool.size), paper: PAPER_KEYGEN[users] };
    return [
      { figure: `fig3-pool${pool.size}`, ours, ...common },
      { figure: `fig3-pool${pool.size}-critical`, ours: spread(critical.slice(opts.warmup)), ...common },
    ];
  });
}

export function throughputPoolRow(users: number, files: number, requests: number, batches: number, seed: string, pool: CryptoPool): Promise<ThroughputRow> {
  return onWallClock(async () => {
    const { w, partitions, next } = throughputWorld(users, files, seed);
    const batch = () => Array.from({ length: requests }, next);
    await w.srs.requestRUBatch(batch().slice(0, 8), pool); // warm-up: worker tables and caches
    const rates: number[] = [];
    const critical: number[] = [];
    for (let b = 0; b < batches; b++) {
      const reqs = batch();
      const before = threadCpu();
      const t0 = performance.now();
      const res = await w.srs.requestRUBatch(reqs, pool);
      const t = (performance.now() - t0) / 1000;
      critical.push(requests / criticalPath(before, threadCpu()));
      if (res.some((r) => !r.granted)) throw new Error('bench: R_U refused');
      rates.push(requests / t);
    }
    return { users, files, partitions, requests, perSecond: spread(rates), workers: pool.size, clock: 'wall', criticalPerSecond: spread(critical) };
  });
}

/** Fig. 5 through the pool, as keygenPoolPoints: the four partitions' R_U answered by the SRS's
 *  pairings on the workers, then each validated and raised to 1/x_U on the workers, AES-GCM on
 *  the main thread. Downloading C is transport, outside the timing as in encdec.ts. */
export function decryptPoolPoints(kb: number, seed: string, opts: RepeatOptions, pool: CryptoPool, oneThread?: Pick<BenchPoint, 'floor' | 'floorCore'>): Promise<BenchPoint[]> {
  return onWallClock(async () => {
    const w = benchWorld(`${seed}/encdec/${kb}`);
    const reader = w.join('reader');
    const phr = phrOfSize(kb, w.rng);
    const labels = Object.keys(phr);
    w.owner.upload('doc', phr);
    for (const l of labels) reader.downloadC('doc', l);
    const critical: number[] = [];
    const ours = await repeatAsync(
      opts,
      () => 0,
      async () => {
        const before = threadCpu();
        const out = await reader.requestAndDecrypt('doc', labels, pool);
        critical.push(criticalPath(before, threadCpu()));
        if (out.some((o) => o.status !== 'read')) throw new Error('bench: a partition was not read');
      },
    );
    const common = { x: kb, xLabel: 'KB', ...perWorker(oneThread, pool.size), paper: PAPER_DECRYPT[kb] };
    return [
      { figure: `fig5-pool${pool.size}`, ours, ...common },
      { figure: `fig5-pool${pool.size}-critical`, ours: spread(critical.slice(opts.warmup)), ...common },
    ];
  });
}

