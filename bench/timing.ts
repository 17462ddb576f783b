// Repeated timing after a warm-up: every figure of the bench is min / median / max seconds.
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface RepeatOptions {
  warmup: number;
  reps: number;
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

/**
 * Runs `setup` (untimed) then `f` (timed) `warmup + reps` times; the warm-up runs are discarded.
 * `setup` returns the argument `f` needs, so each timed run starts from a fresh state.
 */
export function repeat<S>(opts: RepeatOptions, setup: (i: number) => S, f: (s: S) => void): Spread {
  const times: number[] = [];
  for (let i = 0; i < opts.warmup + opts.reps; i++) {
    const s = setup(i);
    const t = timeOnce(() => f(s));
    if (i >= opts.warmup) times.push(t);
  }
  return spread(times);
}

/** Async counterpart of repeat (worker pools). */
export async function repeatAsync<S>(opts: RepeatOptions, setup: (i: number) => S | Promise<S>, f: (s: S) => Promise<void>): Promise<Spread> {
  const times: number[] = [];
  for (let i = 0; i < opts.warmup + opts.reps; i++) {
    const s = await setup(i);
    const t0 = now();
    await f(s);
    const t = now() - t0;
    if (i >= opts.warmup) times.push(t);
  }
  return spread(times);
}

/**
 * CPU seconds of one thread, from its /proc directory: the scheduler's nanosecond count
 * (`schedstat`), or where the kernel has none the 10 ms ticks of `stat`; undefined when the thread
 * has ended.
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

/** CPU seconds of every thread of this process (Linux /proc), by thread id (`cpuOfTask`). */
export function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const s = cpuOfTask(`/proc/self/task/${tid}`);
    if (s !== undefined) out.set(tid, s);
  }
  return out;
}

/** CPU seconds of the calling thread (`cpuOfTask` of /proc/thread-self). */
export function thisThreadCpu(): number {
  return cpuOfTask('/proc/thread-self') ?? 0;
}

/**
 * The elapsed time a parallel run would take on idle cores: the CPU the main thread spent plus
 * that of the busiest other thread (a worker), from two threadCpu() snapshots.
 */
export function criticalPath(before: Map<string, number>, after: Map<string, number>): number {
  const main = String(process.pid);
  let busiest = 0;
  for (const [tid, t] of after) {
    if (tid === main) continue;
    busiest = Math.max(busiest, t - (before.get(tid) ?? 0));
  }
  return (after.get(main) ?? 0) - (before.get(main) ?? 0) + busiest;
}
