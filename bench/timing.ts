// Repeated timing after a warm-up: every figure of the bench is min / median / max seconds.
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { threadClock } from '../smt/thread-clock.js';

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface RepeatOptions {
  warmup: number;
  reps: number;
  /** untimed runs for at least this many seconds before the `warmup` ones, on setups of their own
   *  (indices -1, -2, ...): the pool's points, the floors timed beside them, and the one-thread
   *  points of Figs. 3 and 5 */
  warmSeconds?: number;
}

/** Median of a non-empty list (mean of the two middle values for even lengths). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function spread(xs: readonly number[]): Spread {
  return { min: Math.min(...xs), median: median(xs), max: Math.max(...xs) };
}

/**
 * What a measurement reads. 'wall': elapsed time (the default; what a user waits). 'cpu': this
 * process's CPU time (user + system, all threads), which a busy shared machine does not inflate:
 * for single-threaded operations it is the wall time the operation takes on an idle machine.
 */
export type Clock = 'wall' | 'cpu';
let clock: Clock = 'wall';
export function setClock(c: Clock): void {
  clock = c;
}
export function currentClock(): Clock {
  return clock;
}

/** f run with the clock on 'wall', the clock restored after: the pool's points and the floors
 *  timed beside them are always on the wall clock (bench/parallel.ts). */
export function onWallClock<T>(f: () => T): T {
  const before = clock;
  clock = 'wall';
  try {
    return f();
  } finally {
    clock = before;
  }
}

/** Seconds now on the current clock. */
export function now(): number {
  if (clock === 'cpu') {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
  return performance.now() / 1000;
}

/** Seconds taken by one call of f. */
export function timeOnce(f: () => void): number {
  const t0 = now();
  f();
  return now() - t0;
}

type Collect = (options: { type: 'minor' | 'major' }) => void;
let collect: Collect | undefined;

/**
 * Two collections of V8's young generation, as a long-lived process has long made them: whatever an
 * untimed setup left alive is promoted to the old generation now, rather than copied and promoted by
 * the first collections inside the timed run that follows. V8's `gc` is reached through a context
 * made after `--expose-gc` is set (node does not expose it unless started with the flag); it only
 * adds that function, and no other flag changes.
 */
export function emptyYoungGeneration(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as Collect;
  }
  collect({ type: 'minor' });
  collect({ type: 'minor' });
}

/** The setup indices of the untimed runs before the counted ones, -1, -2, ..., for as long as
 *  `opts.warmSeconds` lasts from the first (none without it): the timed runs keep indices 0, 1, ...
 *  and so their seeds, whatever the host's speed. */
export function* warmRuns(opts: RepeatOptions): Generator<number> {
  const until = performance.now() + (opts.warmSeconds ?? 0) * 1000;
  for (let i = -1; performance.now() < until; i--) yield i;
}

/** What `run(i)` gives for each counted run, appended to `into`, after the untimed ones: first as
 *  many as `opts.warmSeconds` fits (`warmRuns`, indices -1, -2, ...), then `opts.warmup` more
 *  (indices 0 .. warmup-1). The runs of the pool's points and of the floors and bare threads timed
 *  beside them (bench/parallel.ts). */
export async function countedRuns<T>(opts: RepeatOptions, run: (i: number) => T | Promise<T>, into: T[]): Promise<void> {
  for (const i of warmRuns(opts)) await run(i);
  for (let i = 0; i < opts.warmup + opts.reps; i++) {
    const r = await run(i);
    if (i >= opts.warmup) into.push(r);
  }
}

/**
 * Runs `setup` (untimed) then `f` (timed) `warmup + reps` times; the warm-up runs are discarded.
 * `setup` returns the argument `f` needs, so each timed run starts from a fresh state.
 */
export function repeat<S>(opts: RepeatOptions, setup: (i: number) => S, f: (s: S) => void): Spread {
  return spread(repeatRuns(opts, setup, f));
}

/** As `repeat`, each timed run's seconds in order (run i of the result is run warmup + i), after
 *  `opts.warmSeconds` of untimed runs on setups of their own (`warmRuns`). */
export function repeatRuns<S>(opts: RepeatOptions, setup: (i: number) => S, f: (s: S) => void): number[] {
  const times: number[] = [];
  for (const i of warmRuns(opts)) f(setup(i));
  for (let i = 0; i < opts.warmup + opts.reps; i++) {
    const s = setup(i);
    const t = timeOnce(() => f(s));
    if (i >= opts.warmup) times.push(t);
  }
  return times;
}

/**
 * Named series of samples in µs, for the scripts that take an operation apart step by step: each
 * sample is divided by `per` (the keys or partitions of one run), and `median` reads a series back.
 */
export class Samples {
  private readonly series = new Map<string, number[]>();
  constructor(private readonly per = 1) {}
  /** Adds `seconds` of one run of `name`, as µs per unit. */
  add(name: string, seconds: number): void {
    const us = (seconds * 1e6) / this.per;
    const xs = this.series.get(name);
    if (xs) xs.push(us);
    else this.series.set(name, [us]);
  }
  /** Runs f, timed on the current clock, as one sample of `name`. */
  timed<T>(name: string, f: () => T): T {
    const t0 = now();
    const out = f();
    this.add(name, now() - t0);
    return out;
  }
  median(name: string): number {
    return median(this.series.get(name)!);
  }
  names(): string[] {
    return [...this.series.keys()];
  }
  /** Forgets the warm-up's samples. */
  clear(): void {
    this.series.clear();
  }
}

/**
 * CPU seconds of one thread from its /proc directory: the scheduler's nanosecond count
 * (`schedstat`), or where the kernel has none the 10 ms ticks of `stat`; undefined when the thread
 * has ended. Only where the exact clocks cannot be read (thread-clock.ts): a running thread's count
 * here is as of its last tick or switch.
 */
function cpuOfTask(dir: string): number | undefined {
  try {
    const ns = Number(readFileSync(`${dir}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(ns)) return ns / 1e9;
  } catch {
    // no schedstat (or the thread ended): the ticks below
  }
  try {
    const stat = readFileSync(`${dir}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined; // the thread ended between the listing and the read
  }
}

/** Whether the CPU times below are exact at the moment they are read (thread-clock.ts), not /proc's. */
export const exactThreadCpu = (): boolean => typeof threadClock() !== 'string';

/** CPU seconds of every thread of this process, by thread id (Linux /proc lists them): exact where
 *  thread-clock.ts can read the kernel's clocks, else /proc's counts (`cpuOfTask`). */
export function threadCpu(): Map<string, number> {
  const clock = threadClock();
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const s = typeof clock === 'string' ? cpuOfTask(`/proc/self/task/${tid}`) : clock.of(Number(tid));
    if (s !== undefined) out.set(tid, s);
  }
  return out;
}

/** CPU seconds of the calling thread, exact where thread-clock.ts can read it, else /proc's. */
export function thisThreadCpu(): number {
  const clock = threadClock();
  return typeof clock === 'string' ? (cpuOfTask('/proc/thread-self') ?? 0) : clock.self();
}

/** One parallel call timed: its wall clock, and its critical path (below). */
export interface PoolTiming {
  /** seconds from the call to its end, on the wall clock */
  readonly wall: number;
  /**
   * The elapsed time the run would take on idle cores, bounded from above twice: by the CPU the
   * calling thread spent plus that of the busiest other thread (a worker), counted as if the two
   * never overlapped (they do), and by the wall clock itself (idle cores take no longer than the
   * cores the run had). The lesser of the two: for a small call the first bound is the looser,
   * since the calling thread's sending and receiving overlap the worker's work. Where the threads'
   * CPU cannot be read exactly (`exactThreadCpu`), the wall clock alone: /proc's counts can miss
   * the whole of a short call, and the bound would then fall below the work done.
   */
  readonly critical: number;
}

/**
 * Times `f` on a worker pool. Reading every thread's CPU takes tens of microseconds, as much as a
 * part of a small batch, so it happens outside both figures: the other threads are read before the
 * calling thread and the clock start, and after their end; the calling thread's own CPU is one
 * read right beside `f`.
 */
export async function timePoolCall(f: () => Promise<void>): Promise<PoolTiming> {
  if (!exactThreadCpu()) {
    // /proc's counts would bound nothing: the wall clock alone, and no reads around the call
    const wall = await timeWall(f);
    return { wall, critical: wall };
  }
  const before = threadCpu();
  const main0 = thisThreadCpu();
  const t0 = performance.now();
  await f();
  const wall = (performance.now() - t0) / 1000;
  const main1 = thisThreadCpu();
  const after = threadCpu();
  const self = String(process.pid);
  let busiest = 0;
  for (const [tid, t] of after) if (tid !== self) busiest = Math.max(busiest, t - (before.get(tid) ?? 0));
  return { wall, critical: Math.min(wall, main1 - main0 + busiest) };
}

/** What a pool call pays beside its work: handing it to the workers, until the last has it
 *  (impl/tools/pool.ts `handOff`, read on the clock the process's threads share). */
export interface HandOff {
  /**
   * Measured as the calls start: after the same untimed `setup`, so with the workers idle as long
   * as before a wall-clock call (`poolRuns`). A worker left idle takes longer to have
   * the message (the core it ran on may have gone to sleep), and no call from that state can avoid
   * it; this is the one the pool's floor counts.
   */
  readonly fromCallState: number;
  /** Measured at once after a call, on workers just busy: the quickest a hand-off gets. */
  readonly warm: number;
}

/** The timed runs of a pool point, appended to by `poolRuns`: each run's wall clock and critical
 *  path, and the hand-off measured after it, warm and from the calls' state (`HandOff`). */
export interface PoolSamples {
  wall: number[];
  critical: number[];
  warm: number[];
  fromCallState: number[];
}

export const noPoolSamples = (): PoolSamples => ({ wall: [], critical: [], warm: [], fromCallState: [] });

/** A pool point from its samples: the spreads of the wall clock and the critical path, and the
 *  medians of the hand-offs. */
export function poolPoint(s: PoolSamples): { wall: Spread; critical: Spread; handOff: HandOff } {
  return { wall: spread(s.wall), critical: spread(s.critical), handOff: { fromCallState: median(s.fromCallState), warm: median(s.warm) } };
}

/** `f` on the wall clock alone, with nothing read around it: seconds. */
export async function timeWall(f: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

/**
 * `f` timed on a pool after untimed runs, each after its untimed `setup`, its samples appended to
 * `into`. Each step is two runs: one timed on the wall clock alone (`timeWall`), then one timed
 * with the threads' CPU read around it (`timePoolCall`) for the critical path, of which the lesser
 * of its own bound and the first run's wall clock is kept (each bounds the same work's time on idle
 * cores from above, so the critical path stays at most the wall clock). The reads happen
 * outside that run's clock, yet the call right after them was slower: 10 keys on the pool took
 * 136-142 µs with them and 129-131 µs without (bench/README.md "Bare threads"), so the wall clock
 * comes from runs without them. After the wall-clock run the hand-off is measured at once, then
 * again after a second `setup(i)`, the state every such call starts from. The untimed steps come
 * first (`countedRuns`).
 */
export async function poolRuns<S>(opts: RepeatOptions, setup: (i: number) => S | Promise<S>, f: (s: S) => Promise<void>, handOff: () => Promise<number>, into: PoolSamples): Promise<void> {
  const step = async (i: number) => {
    const s = await setup(i);
    const wall = await timeWall(() => f(s));
    const hot = await handOff();
    await setup(i);
    const cold = await handOff();
    const c = await setup(i);
    // each of the two is at most what this work takes on idle cores: the lesser is kept, so the
    // critical path stays at most the wall clock, as in a single run
    const critical = Math.min(wall, (await timePoolCall(() => f(c))).critical);
    return { wall, critical, hot, cold };
  };
  const steps: Awaited<ReturnType<typeof step>>[] = [];
  await countedRuns(opts, step, steps);
  for (const { wall, critical, hot, cold } of steps) {
    into.warm.push(hot);
    into.fromCallState.push(cold);
    into.wall.push(wall);
    into.critical.push(critical);
  }
}
