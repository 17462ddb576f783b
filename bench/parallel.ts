// The same figures with the SRS's pool (impl/tools/pool.ts: the calling thread and workers) across every core: key generation
// through Srs.genKeys, R_U through Srs.requestRUBatch, and Fig. 5's decryption through
// UserClient.requestAndDecrypt (the SRS's pairings, then the user's validation and R_U^(1/x_U)). Always wall-clock time: the point of a
// pool is elapsed time, and the CPU time of all threads together cannot show it.
import { deterministicRandom, systemRandom, type RandomSource } from '../impl/index.js';
import { KEY_GROUP } from '../impl/scheme/placement.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_SPIN_MS, type CryptoPool } from '../impl/tools/pool.js';
import type { BareDecrypt } from './bare-decrypt.js';
import type { BareSplit } from './bare-split.js';
import { poolFigure } from './figures.js';
import { benchWorld, phrOfSize } from './fixture.js';
import { decryptFloor, decryptOperands, keygenFloor, medianFloor, partInfos, type FloorTime } from './floor.js';
import { registered } from './keygen.js';
import { PAPER_DECRYPT, PAPER_KEYGEN } from './paper.js';
import { throughputWorld } from './throughput.js';
import { countedRuns, emptyYoungGeneration, median, noPoolSamples, onWallClock, poolPoint, poolRuns, spread, timePoolCall, timeWall, type RepeatOptions, type HandOff } from './timing.js';
import type { BenchPoint, ThroughputRow } from './types.js';

/**
 * The floor of a pool call on `threads` threads (the calling thread and threads - 1 workers): the
 * calling thread starts at once and each worker only once handed the work, h later (timing.ts
 * `HandOff`, from the state the call starts in), so by time T the threads can have done at most
 * T + (threads - 1)(T - h) of the one-thread floor F: T >= (F + (threads - 1) h) / threads. Or F
 * itself where that is less (a call small enough to be cheaper without the pool). No pool of that
 * many threads can beat it.
 */
function onPool(oneThread: FloorTime, threads: number, handOff: HandOff): FloorTime {
  const each = (f: number) => Math.min(f, (f + (threads - 1) * handOff.fromCallState) / threads);
  return { total: each(oneThread.total), core: each(oneThread.core) };
}

/** xs cut into consecutive pieces of `sizes` (each side's timed runs, block by block). */
export const byBlock = <T>(xs: readonly T[], sizes: readonly number[]): T[][] => {
  let at = 0;
  return sizes.map((n) => xs.slice(at, (at += n)));
};

/**
 * A pool point's floor and its ratios to it, from the one-thread floors timed in the same blocks as
 * its runs (`alternate`): the floor is onPool of their medians, and ours/floor the median over the
 * blocks of each block's median run over its own block's floor (as floor.ts `floorsOf` pairs each
 * one-thread run with the floor timed just before it). The point keeps both hand-offs, so the floor
 * can be read against the warm one too.
 */
export function poolFloors(floors: readonly FloorTime[], sizes: readonly number[], threads: number, handOff: HandOff): {
  point: Pick<BenchPoint, 'floor' | 'floorCore' | 'poolHandOff'>;
  paired: (runs: readonly number[]) => { total: number; core: number };
} {
  const n = sizes.reduce((a, b) => a + b, 0);
  // as floorsOf refuses runs and floors that do not pair: a block short of them would pair wrongly
  const inBlocks = <T>(xs: readonly T[], what: string): T[][] => {
    if (xs.length !== n) throw new Error(`bench: ${xs.length} ${what} against blocks of ${n}`);
    return byBlock(xs, sizes);
  };
  const all = onPool(medianFloor(floors), threads, handOff);
  const blocks = inBlocks(floors, 'floors').map((fs) => onPool(medianFloor(fs), threads, handOff));
  const paired = (runs: readonly number[]) => {
    const ms = inBlocks(runs, 'runs').map((r) => median(r));
    return { total: median(ms.map((m, b) => m / blocks[b]!.total)), core: median(ms.map((m, b) => m / blocks[b]!.core)) };
  };
  return { point: { floor: all.total, floorCore: all.core, poolHandOff: handOff }, paired };
}

/** Items the workers do before the pool's first point (`warmPool`), and the most calls it makes. */
export const WARM_ITEMS = 4096;
const WARM_CALLS = 200;

/**
 * Warms a new pool as a server's would be: each worker builds its fixed-base tables on its first
 * multiplication and compiles its loop over its first calls, tens of milliseconds in all. Without
 * this the first point, Fig. 3 at 10 users, paid for it: its ten warm-up calls took about 3 ms, so
 * most of its timed calls ran while the worker was still building, on the calling thread alone.
 * Once every worker has started, calls of 256 keys until the workers have done WARM_ITEMS items
 * (nothing where the pool has no worker).
 */
export async function warmPool(pool: CryptoPool): Promise<void> {
  if (pool.size === 1) return;
  // every worker running its loop first: under ts-node a worker's start-up alone is seconds
  await pool.handOff();
  const start = pool.counts.workers;
  for (let call = 0; call < WARM_CALLS && pool.counts.workers - start < WARM_ITEMS; call++) {
    await pool.mulBase(KEY_GROUP, 256, (i) => BigInt(i + 1));
  }
}

/**
 * From this many users Fig. 3's pool calls start with the registration's survivors promoted, as
 * every one-thread run does. The registration of 5000 users takes about 2 ms, as long as the
 * workers spin (impl/tools/pool.ts DEFAULT_SPIN_MS), so from there they have gone to sleep before
 * the call whether or not the collections follow, and the collections only take the copying of
 * 5-9 MB of members out of the call. Below, the members are at most 1 MB and made no measurable
 * difference, while the collections' own 0.2 ms slowed a call of 10 keys as much as a 0.3 ms spin
 * in their place did: the gap before a short call, not the collection, is what costs there.
 */
export const PROMOTED_FROM_USERS = 5000;

/** The state every Fig. 3 call on the pool starts from: `users` registered at a fresh SRS drawing
 *  from a fresh system source, and from PROMOTED_FROM_USERS users the registration's survivors
 *  promoted, as every one-thread run does (bench/README.md, "The registration's survivors"). */
function keygenPoolSetup(users: number): ReturnType<typeof registered> {
  const s = registered(users, systemRandom());
  if (users >= PROMOTED_FROM_USERS) emptyYoungGeneration();
  return s;
}

/** Bare threads' counted runs appended to `into` (wall clock, `countedRuns`), each after its
 *  untimed `setup` and timed as the pool's wall-clock runs are; a run that gives other than
 *  `expected` outputs stops the bench. One definition for both references (bare-split.ts,
 *  bare-decrypt.ts). */
async function bareWallRuns<S>(opts: RepeatOptions, setup: () => S, run: (s: S) => Uint8Array[], expected: number, into: number[]): Promise<void> {
  await countedRuns(
    opts,
    async () => {
      const state = setup();
      let out: Uint8Array[] = [];
      const wall = await timeWall(async () => {
        out = run(state);
      });
      if (out.length !== expected) throw new Error(`bench: the bare threads gave ${out.length} outputs of ${expected}`);
      return wall;
    },
    into,
  );
}

/** The bare threads' runs of `users` keys, each from the pool's state (keygenPoolSetup, with a
 *  fresh system source of its own). */
function bareRuns(users: number, opts: RepeatOptions, bare: BareSplit, into: number[]): Promise<void> {
  return bareWallRuns(opts, (): RandomSource => (keygenPoolSetup(users), systemRandom()), (rng) => bare.run(users, rng), users, into);
}

/** Throws unless the bare threads beside a pool's point are as many as the pool's. */
function checkBeside(bare: { readonly threads: number } | undefined, pool: CryptoPool): void {
  if (bare !== undefined && bare.threads !== pool.size) throw new Error(`bench: a bare split of ${bare.threads} threads beside a pool of ${pool.size}`);
}

/** Blocks in which a pool point's runs alternate with its floor's and, on Fig. 3, the bare threads'
 *  (as many as there are timed runs where those are fewer), so that a spell of the host falls on all
 *  alike: a spell lasts seconds, a round of blocks a few tenths at most (bench/README.md "Bare
 *  threads", "The pool's floor timed beside it"). */
export const POOL_BLOCKS = 10;
/** The pause before each block, longer than either side's workers spin after their last call, so
 *  the side not being timed is asleep and leaves the cores to the other. */
const BLOCK_GAP_MS = 3 * DEFAULT_SPIN_MS;
/** Untimed calls opening each block after the pause, for at least this long: a worker woken from
 *  its sleep is slower for its first milliseconds ("Idle workers on this host"). */
const BLOCK_WARM_SECONDS = 0.01;

/** n runs split into `blocks` nearly equal counts, the first the larger. */
export const blockSizes = (n: number, blocks: number): number[] => Array.from({ length: blocks }, (_, b) => Math.floor((n + blocks - 1 - b) / blocks));

/**
 * `opts.reps` timed runs of each side, in blocks (`POOL_BLOCKS`) taken in turn, each after a pause
 * of BLOCK_GAP_MS: every side's first block is warmed as `opts` says, every later one for
 * `blockWarmSeconds` (none where it is 0). Each side appends exactly its block's count of timed runs
 * to its own list, so `byBlock(list, sizes)` gives them back block by block. Returns the blocks' sizes.
 */
export async function alternate(opts: RepeatOptions, sides: readonly ((o: RepeatOptions) => void | Promise<void>)[], blockWarmSeconds = BLOCK_WARM_SECONDS): Promise<number[]> {
  const sizes = blockSizes(opts.reps, Math.min(POOL_BLOCKS, opts.reps));
  for (const [b, reps] of sizes.entries()) {
    const o: RepeatOptions = b === 0 ? { ...opts, reps } : { warmup: 0, reps, warmSeconds: blockWarmSeconds };
    for (const side of sides) {
      await sleep(BLOCK_GAP_MS);
      await side(o);
    }
  }
  return sizes;
}

/** The one-thread floors of `opts`'s counted runs appended to `into` (`countedRuns`), each after
 *  `setup` and on the wall clock, as the pool's points are. */
function floorRuns(opts: RepeatOptions, setup: () => void, floor: () => FloorTime, into: FloorTime[]): Promise<void> {
  return countedRuns(opts, () => onWallClock(() => (setup(), floor())), into);
}

/** Fig. 3 through the pool: on the wall clock, and as the critical path (timing.ts `PoolTiming`:
 *  at most what the same run takes on idle cores, so less sensitive to other jobs). Its runs
 *  alternate in blocks with its floor's (floor.ts `keygenFloor`, each from the state the pool's
 *  calls start from) and, with `bare`, with the same keys on as many bare threads (`bareRuns`), whose
 *  median the wall-clock point carries. */
export async function keygenPoolPoints(users: number, opts: RepeatOptions, pool: CryptoPool, bare?: BareSplit): Promise<BenchPoint[]> {
  checkBeside(bare, pool);
  const samples = noPoolSamples();
  const bareWalls: number[] = [];
  const floors: FloorTime[] = [];
  // From PROMOTED_FROM_USERS users each run's setup (the registration and a collection, tens of
  // milliseconds) leaves the workers asleep before every call, the first of a block included, so a
  // warm call opening each block changes nothing there and costs a whole run of every side.
  const sizes = await alternate(opts, [
    (o) => poolRuns(o, () => keygenPoolSetup(users), ({ srs, ids }) => srs.genKeys(ids, pool), () => pool.handOff(), samples),
    ...(bare === undefined ? [] : [(o: RepeatOptions) => bareRuns(users, o, bare, bareWalls)]),
    (o) => floorRuns(o, () => keygenPoolSetup(users), () => keygenFloor(users, systemRandom()), floors),
  ], users >= PROMOTED_FROM_USERS ? 0 : BLOCK_WARM_SECONDS);
  const { wall, critical, handOff } = poolPoint(samples);
  const { point, paired } = poolFloors(floors, sizes, pool.size, handOff);
  const common = { x: users, xLabel: 'users', ...point, paper: PAPER_KEYGEN[users] };
  return [
    { figure: poolFigure('fig3', pool.size, false), ours: wall, ...common, pairedToFloor: paired(samples.wall), ...(bare === undefined ? {} : { bare: median(bareWalls) }) },
    { figure: poolFigure('fig3', pool.size, true), ours: critical, ...common, pairedToFloor: paired(samples.critical) },
  ];
}

export async function throughputPoolRow(users: number, files: number, requests: number, batches: number, seed: string, pool: CryptoPool): Promise<ThroughputRow> {
  const { w, partitions, next } = throughputWorld(users, files, seed);
  const batch = () => Array.from({ length: requests }, next);
  await w.srs.requestRUBatch(batch().slice(0, 8), pool); // warm-up: worker tables and caches
  const rates: number[] = [];
  const critical: number[] = [];
  for (let b = 0; b < batches; b++) {
    const reqs = batch();
    let res: Awaited<ReturnType<typeof w.srs.requestRUBatch>> = [];
    const t = await timePoolCall(async () => {
      res = await w.srs.requestRUBatch(reqs, pool);
    });
    if (res.some((r) => !r.granted)) throw new Error('bench: R_U refused');
    rates.push(requests / t.wall);
    critical.push(requests / t.critical);
  }
  return { users, files, partitions, requests, perSecond: spread(rates), threads: pool.size, clock: 'wall', criticalPerSecond: spread(critical) };
}

/** Fig. 5 through the pool, as keygenPoolPoints: the four partitions' R_U answered by the SRS's
 *  pairings on the pool's threads, then each validated and raised to 1/x_U on them, AES-GCM on
 *  the calling thread. Downloading C is transport, outside the timing as in encdec.ts. Its runs
 *  alternate in blocks with its floor's (floor.ts `decryptFloor`, on operands of the same record
 *  made as encdec.ts makes its own, from a source of their own) and, with `bare`, with the same
 *  record's decryption on as many bare threads (bare-decrypt.ts, on the floor's operands), whose
 *  median the wall-clock point carries. */
export async function decryptPoolPoints(kb: number, seed: string, opts: RepeatOptions, pool: CryptoPool, bare?: BareDecrypt): Promise<BenchPoint[]> {
  checkBeside(bare, pool);
  const w = benchWorld(`${seed}/encdec/${kb}`);
  const reader = w.join('reader');
  const phr = phrOfSize(kb, w.rng);
  const labels = Object.keys(phr);
  w.owner.upload('doc', phr);
  for (const l of labels) reader.downloadC('doc', l);
  const parts = Object.values(phr);
  const infos = partInfos(parts);
  const operands = decryptOperands(parts, deterministicRandom(`${seed}/pool-floor/${kb}`));
  bare?.load(operands, infos);
  const samples = noPoolSamples();
  const floors: FloorTime[] = [];
  const bareWalls: number[] = [];
  const call = async () => {
    const out = await reader.requestAndDecrypt('doc', labels, pool);
    if (out.some((o) => o.status !== 'read')) throw new Error('bench: a partition was not read');
  };
  const sizes = await alternate(opts, [
    (o) => poolRuns(o, () => 0, call, () => pool.handOff(), samples),
    ...(bare === undefined ? [] : [(o: RepeatOptions) => bareWallRuns(o, () => 0, () => bare.run(), parts.length, bareWalls)]),
    (o) => floorRuns(o, () => {}, () => decryptFloor(operands, infos), floors),
  ]);
  const { wall, critical, handOff } = poolPoint(samples);
  const { point, paired } = poolFloors(floors, sizes, pool.size, handOff);
  const common = { x: kb, xLabel: 'KB', ...point, paper: PAPER_DECRYPT[kb] };
  return [
    { figure: poolFigure('fig5', pool.size, false), ours: wall, ...common, pairedToFloor: paired(samples.wall), ...(bare === undefined ? {} : { bare: median(bareWalls) }) },
    { figure: poolFigure('fig5', pool.size, true), ours: critical, ...common, pairedToFloor: paired(samples.critical) },
  ];
}
