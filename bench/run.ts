// The library entry of the bench: runs every figure and returns the report (bench/main.ts prints
// it and writes reports/bench.json; `sesphr reproduce` calls runBench directly).
import { DEFAULT_LABELS, backend, deterministicRandom, useBackend, type BackendName } from '../impl/index.js';
import { nativeLimit } from './limit.js';
import { encDecPoints } from './encdec.js';
import { readPoolFigure } from './figures.js';
import { goalChecks, pointName, servicesWorst } from './goals.js';
import { servicesBench, type ServicesBench } from './services.js';
import { keygenPoint } from './keygen.js';
import { installedAs, machineInfo } from './machine.js';
import { gcm } from '../impl/scheme/gcm.js';
import { memoryRow } from './memory.js';
import { KEYGEN_USERS, PHR_SIZES_KB } from './paper.js';
import { primitiveTable } from './primitives.js';
import { revocationRow } from './revocation.js';
import { throughputRow } from './throughput.js';
import { decryptPoolPoints, keygenPoolPoints, throughputPoolRow, warmPool } from './parallel.js';
import { CryptoPool } from '../impl/tools/pool.js';
import { BareDecrypt } from './bare-decrypt.js';
import { BareSplit } from './bare-split.js';
import { verificationBench } from './verification.js';
import { verificationGrowth } from './verification-growth.js';
import type { BenchPoint, BenchReport, BenchSummary, MemoryRow, RevocationRow, ThroughputRow } from './types.js';
import type { PrimitiveRow } from './primitives.js';
import { currentClock, setClock, type Clock } from './timing.js';

export type { BenchPoint, BenchReport } from './types.js';

export interface BenchOptions {
  /** ~10-15 s: fewer sizes and repetitions */
  quick?: boolean;
  onProgress?: (msg: string) => void;
  /** seed of every key, r and nonce the bench draws (recorded in the report) */
  seed?: string;
  /** 'wall' (default) or 'cpu' (process CPU time: robust on a machine shared with other jobs) */
  clock?: Clock;
  /** group backend of every figure (default: the one the process uses, impl's default unless chosen) */
  backend?: BackendName;
}

/** Repetitions for key generation of N users: fewer for the large N so the full run stays short,
 *  but 11 after 2 from 5000 users (a median of 7 at 10 000 users once landed 4.6 % above its
 *  quickest run and 1.154x its floor), and 30 below 1000 users, where a run is a few milliseconds
 *  and the pool's median of 9 moved between 1.4x and 2.0x its floor from run to run. */
function keygenReps(users: number, quick: boolean): { warmup: number; reps: number } {
  if (quick) return { warmup: 1, reps: 3 };
  if (users >= 5000) return { warmup: 2, reps: 11 };
  if (users >= 1000) return { warmup: 2, reps: 9 };
  return { warmup: 10, reps: 30 };
}

/** Repetitions for key generation on the pool: as on one thread from 1000 users; 300 below 100,
 *  where a call is about 0.1 ms: a median of 30 such calls fell within one spell of the host (in one
 *  process, four medians of 30 calls at 10 users were 129-154 µs, and four of 300 were 129-133 µs);
 *  100 at 100 users, where a call is about 1 ms and 300 gave the same ratios as 100 (three
 *  alternating pairs in one process: 1.046-1.056x against 1.047-1.057x) in twice the time; and 50 at
 *  500, where a call is about 3 ms and 50 gave ratios no wider than 100 (1.07-1.09x against
 *  1.11-1.24x in three alternating pairs) in two-thirds of the time (bench/README.md "Bare threads";
 *  the pairs in bench/HISTORY.md "Bare threads"). */
function keygenPoolReps(users: number, quick: boolean): { warmup: number; reps: number } {
  if (quick || users >= 1000) return keygenReps(users, quick);
  return { warmup: 10, reps: users < 100 ? 300 : users < 500 ? 100 : 50 };
}

/** Untimed runs before the first worker-pool point of Figs. 3 and 5 and the floor timed beside it,
 *  and before the first one-thread point of Fig. 3 and of Fig. 5's decryption (`warmSecondsAt`), in
 *  seconds, beside their counted warm-up runs.
 *  - A pool point's calls kept getting faster for about half a second of them: after 10 warm-up
 *    calls, Fig. 3 on the pool at 10 users was 1.60-2.30x its floor, after 0.5 s of calls
 *    1.05-1.11x, and Fig. 5 at 50 KB 1.07-1.11x against 1.05-1.06x (three alternating pairs of
 *    processes; bench/README.md "Each pool point warmed for half a second").
 *  - The one-thread floor of the first size of Figs. 3 and 5 was still warming up after its
 *    counted warm-up, and a pool's floor is half of such a floor: Fig. 3's at 10 users was 240 µs
 *    in full runs, and 222-230 µs after 3000 runs; Fig. 5's at 50 KB 7.35 ms on a first point and
 *    7.0 ms on a later one (bench/README.md "The floors the pool's use, warmed").
 *  Encryption (Fig. 4) keeps its counted warm-up only: each of its runs adds a file to the
 *  patient's record, and half a second of them at 2 MB would be some 300 MB. */
const WARM_SECONDS = 0.5;

/** The untimed seconds before the `k`th point of a series (its sizes in order): WARM_SECONDS for
 *  the first, none for the rest, which run the code the first has warmed, after their counted
 *  warm-up runs. Warming every later point as well changed no ratio beyond the host's noise, in
 *  twenty runs of the four series alternating with and without it, and cost some 20 s of a full
 *  run (bench/README.md "The first point of each series warmed"). */
export const warmSecondsAt = (k: number): number => (k === 0 ? WARM_SECONDS : 0);

/** A point with its ratios (BenchPoint.ratios): ours/floor paired where the point has it. */
export function withRatios(p: BenchPoint): BenchPoint {
  const m = p.ours.median;
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? a / b : undefined);
  const paired = p.pairedToFloor;
  return {
    ...p,
    ratios: {
      toFloor: paired?.total ?? ratio(m, p.floor),
      toFloorCore: paired?.core ?? ratio(m, p.floorCore),
      ...(paired ? { toFloorOfMedians: ratio(m, p.floor) } : {}),
      toLimit: ratio(m, p.limit),
      paperToOurs: ratio(p.paper, m),
      ...(p.bare === undefined ? {} : { toBare: ratio(m, p.bare), bareToFloor: ratio(p.bare, p.floor) }),
    },
  };
}

/** How the summary's worst of every operation names `sesphr verify` against Z3 alone on its files. */
const VERIFY_OPERATION = 'sesphr verify';

/** The one with the highest ratio, of `worst` so far and `next` (either may be missing). */
function worse<T extends { ratio: number }>(worst: T | undefined, next: T | undefined): T | undefined {
  return next !== undefined && (worst === undefined || next.ratio > worst.ratio) ? next : worst;
}

/** What bench.json's summary says of the points, the primitives and the services (their ratios
 *  already computed). */
export function summarise(points: BenchPoint[], primitives: PrimitiveRow[], verifySeconds: number | undefined, services?: ServicesBench): BenchSummary {
  let worstToFloor: BenchSummary['worstToFloor'];
  let worstToFloorCore: BenchSummary['worstToFloorCore'];
  let worstToLimit: BenchSummary['worstToLimit'];
  const pointAt = (p: BenchPoint, ratio: number | undefined) => (ratio === undefined ? undefined : { figure: p.figure, x: p.x, ratio });
  let worstOnPool: BenchSummary['worstToFloorOnPool'];
  let verifyToFloor: number | undefined;
  for (const p of points) {
    if (p.figure === 'verify-catalogue') verifyToFloor = p.ratios?.toFloor;
    if (readPoolFigure(p.figure)) {
      const at = pointAt(p, p.ratios?.toFloor);
      const bareToFloor = p.ratios?.bareToFloor;
      worstOnPool = worse(worstOnPool, at && bareToFloor !== undefined ? { ...at, bareToFloor } : at);
    }
    if (!['fig3', 'fig4', 'fig5'].includes(p.figure)) continue;
    worstToFloor = worse(worstToFloor, pointAt(p, p.ratios?.toFloor));
    worstToFloorCore = worse(worstToFloorCore, pointAt(p, p.ratios?.toFloorCore));
    const l = p.ratios?.toLimit;
    worstToLimit = worse(worstToLimit, l === undefined ? undefined : { what: pointName(p), ratio: l });
  }
  for (const r of primitives) {
    worstToLimit = worse(worstToLimit, r.toLimit ? { what: r.name, ratio: r.toLimit } : undefined);
  }
  const fig5 = points.filter((p) => p.figure === 'fig5');
  const kb = Math.max(...fig5.map((p) => p.x));
  const at = (is: (figure: string) => boolean) => points.find((p) => is(p.figure) && p.x === kb)?.ours.median;
  const fig5OnPool = (critical: boolean) => (figure: string) => {
    const f = readPoolFigure(figure);
    return f?.figure === 'fig5' && f.critical === critical;
  };
  const oneThread = at((f) => f === 'fig5');
  const decryptLargest = oneThread === undefined ? undefined : { kb, oneThread, poolWall: at(fig5OnPool(false)), poolCritical: at(fig5OnPool(true)) };
  const servicesToFloor = services && servicesWorst(services);
  const named = (w: { figure: string; x: number; ratio: number } | undefined) => w && { what: pointName(w), ratio: w.ratio };
  const worstOfAll = [named(worstToFloor), named(worstOnPool), verifyToFloor === undefined ? undefined : { what: VERIFY_OPERATION, ratio: verifyToFloor }, servicesToFloor]
    .reduce<BenchSummary['worstOfAll']>(worse, undefined);
  return { worstOfAll, worstToFloor, worstToFloorCore, worstToFloorOnPool: worstOnPool, worstToLimit, verifySeconds, verifyToFloor, servicesToFloor, decryptLargest };
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchReport> {
  const quick = opts.quick ?? false;
  const seed = opts.seed ?? 'sesphr-bench-1';
  const t0 = performance.now();
  const say = (msg: string) => opts.onProgress?.(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
  const previousClock = currentClock();
  setClock(opts.clock ?? 'wall');
  try {
    await useBackend(opts.backend ?? backend().name);
    return await benchAll(quick, seed, say, t0);
  } finally {
    setClock(previousClock);
  }
}

async function benchAll(quick: boolean, seed: string, say: (msg: string) => void, t0: number): Promise<BenchReport> {
  const points: BenchPoint[] = [];

  // Quick runs start the memory measurements (separate processes: they cannot disturb this
  // process's CPU clock) at once, so their start-up overlaps the rest.
  const memoryEarly = quick ? (['encrypt', 'decrypt'] as const).map((op) => memoryRow(op, 16, seed)) : undefined;

  const run = backend();
  say(`native limit (blst)`);
  const primOpts = quick ? { warmup: 1, reps: 3 } : { warmup: 2, reps: 10 };
  const limit = nativeLimit(deterministicRandom(`${seed}/limit`), quick ? { warmup: 5, reps: 50 } : { warmup: 20, reps: 200 });
  say(`primitives (noble and ${run.name})`);
  const primitives = await primitiveTable(deterministicRandom(`${seed}/primitives`), primOpts, run.name, limit);

  const sizes = quick ? [50, 2048] : [...PHR_SIZES_KB];
  const encdec: BenchPoint[] = [];
  for (const [k, kb] of sizes.entries()) {
    say(`fig4/fig5: ${kb} KB`);
    // 45 runs a point after 15: a median of 25 still moved by a tenth between runs when a few
    // landed on a collection or a busy host, and the first size after 5 was still warming up
    // (bench/README.md "AES-GCM in place")
    encdec.push(...encDecPoints(kb, seed, quick ? { warmup: 1, reps: 3 } : { warmup: 15, reps: 45, warmSeconds: warmSecondsAt(k) }));
  }
  points.push(...encdec.filter((p) => p.figure === 'fig4'), ...encdec.filter((p) => p.figure === 'fig5'));

  const users = quick ? [10, 100] : [...KEYGEN_USERS];
  const fig3: BenchPoint[] = [];
  for (const [k, n] of users.entries()) {
    say(`fig3: key generation for ${n} users`);
    fig3.push({ ...keygenPoint(n, { ...keygenReps(n, quick), ...(quick ? {} : { warmSeconds: warmSecondsAt(k) }) }), limit: n * limit.skToPk.median });
  }
  points.push(...fig3);

  const throughput: ThroughputRow[] = [];
  const loads = quick ? [[8, 4]] : [[20, 10], [100, 50]];
  for (const [u, f] of loads) {
    say(`SRS throughput: ${u} users, ${f} files`);
    throughput.push(throughputRow(u!, f!, quick ? 24 : 120, quick ? 2 : 3, seed));
  }

  // The worker pool (its workers' start-up alone is seconds under ts-node) runs in full runs only.
  if (!quick) {
    const pool = new CryptoPool();
    try {
      say(`warming the ${pool.size} threads' pool`);
      await warmPool(pool);
      // the same keys on bare threads beside each Fig. 3 point on the pool (bare-split.ts); its
      // workers sleep while the pool runs, and the pool's while it does
      const bare = pool.size > 1 ? await BareSplit.start(pool.size, Math.max(...fig3.map((p) => p.x))) : undefined;
      try {
        for (const [k, p] of fig3.entries()) {
          say(`fig3 on ${pool.size} threads: ${p.x} users`);
          points.push(...(await keygenPoolPoints(p.x, { ...keygenPoolReps(p.x, quick), warmSeconds: warmSecondsAt(k) }, pool, bare)));
        }
      } finally {
        await bare?.close();
      }
      // the same records' decryption on bare threads beside each Fig. 5 point on the pool
      // (bare-decrypt.ts), asleep while the pool runs, as the pool's workers sleep while they do
      const bareDecrypt = pool.size > 1 ? await BareDecrypt.start(pool.size, DEFAULT_LABELS.length) : undefined;
      try {
        for (const [k, p] of encdec.filter((q) => q.figure === 'fig5').entries()) {
          say(`fig5 on ${pool.size} threads: ${p.x} KB`);
          // as many runs as on one thread: with 15, one or two sizes a run had a wall-clock median
          // 1.3-1.7x its floor (workers descheduled mid-call in a few of the calls)
          points.push(...(await decryptPoolPoints(p.x, seed, { warmup: 15, reps: 45, warmSeconds: warmSecondsAt(k) }, pool, bareDecrypt)));
        }
      } finally {
        await bareDecrypt?.close();
      }
      for (const [u, f] of loads) {
        say(`SRS throughput on ${pool.size} threads: ${u} users, ${f} files`);
        throughput.push(await throughputPoolRow(u!, f!, quick ? 24 : 120, quick ? 2 : 3, seed, pool));
      }
    } finally {
      await pool.close();
    }
  }

  const revocation: RevocationRow[] = [];
  for (const u of quick ? [10, 40] : [10, 100, 1000]) {
    for (const f of quick ? [10, 100] : [10, 100, 1000]) {
      say(`revocation: ${u} users, ${f} files`);
      revocation.push(revocationRow(u, f, quick ? 3 : 9, seed));
    }
  }

  // The catalogue takes minutes (and Z3's start-up seconds): full runs only.
  let verification: Awaited<ReturnType<typeof verificationBench>> | undefined;
  if (!quick) {
    say('verification: the whole SMT catalogue');
    verification = await verificationBench(false);
    points.push(verification.point);
  }
  // Like the catalogue, full runs only (Z3's start-up alone is seconds).
  if (!quick) say('verification: growth with users, partitions and files');
  const growth = quick ? undefined : await verificationGrowth(false);

  const memory: MemoryRow[] = [];
  if (memoryEarly) {
    say('memory: encrypt and decrypt 16 MB');
    memory.push(...(await Promise.all(memoryEarly)));
  } else {
    for (const op of ['encrypt', 'decrypt'] as const) {
      say(`memory: ${op} 64 MB`);
      memory.push(await memoryRow(op, 64, seed));
    }
  }

  // Fig. 6 and R_U issuance over loopback, against a services process started for this run.
  say('services: Fig. 6 and R_U issuance over loopback');
  const services = await servicesBench({ quick, seed, say });

  const machine = machineInfo();
  const rated = points.map(withRatios);
  const summary = { ...summarise(rated, primitives, verification?.point.ours.median, services), verifyStoredSeconds: verification?.table.stored?.seconds, verifyFloorSeconds: verification?.table.solverFloor?.seconds, verifySolverToFloor: verification?.table.solverInside?.toFloor, verifySolverCpuToFloor: verification?.table.solverInside?.cpuToFloorCpu };
  return {
    generatedAt: new Date().toISOString(),
    quick,
    clock: currentClock(),
    seed,
    // `library` is the name the code imports; `package` the one published, where that is an alias
    backend: { ...run, ...installedAs(run.library, machine) },
    aesGcm: { name: gcm().name, openssl: process.versions.openssl ?? 'unknown' },
    limit,
    machine,
    summary,
    goals: goalChecks({ points: rated, summary, memory }),
    points: rated,
    primitives,
    throughput,
    revocation,
    memory,
    verification: verification?.table,
    verificationGrowth: growth,
    services,
    elapsed: (performance.now() - t0) / 1000,
  };
}

