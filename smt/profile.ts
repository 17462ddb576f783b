// Where a verification run spends its time: named buckets of seconds and counts, one table per
// thread. Workers hand theirs back with each run (smt/parallel.ts), so the catalogue's profile
// covers every thread. Timing is always on: a bucket costs two clock reads, nothing next to a
// solver call. `sesphr verify --timings` prints it; `--json` carries it in the report.
import { performance } from 'node:perf_hooks';

export interface Bucket {
  seconds: number;
  count: number;
}
export type Profile = Record<string, Bucket>;

let table: Profile = {};

/** Adds `seconds` (and one call, or `count`) to a bucket. */
export function record(name: string, seconds: number, count = 1): void {
  const b = (table[name] ??= { seconds: 0, count: 0 });
  b.seconds += seconds;
  b.count += count;
}

/** Times a synchronous piece of work into a bucket. */
export function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    record(name, (performance.now() - t0) / 1000);
  }
}

/** Times an asynchronous piece of work into a bucket (its waits included). */
export async function timedAsync<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await f();
  } finally {
    record(name, (performance.now() - t0) / 1000);
  }
}

/** This thread's table since the last `takeProfile` (and starts a new one). */
export function takeProfile(): Profile {
  const out = table;
  table = {};
  return out;
}

/** Adds another thread's table to this one's. */
export function mergeProfile(p: Profile): void {
  for (const [name, b] of Object.entries(p)) record(name, b.seconds, b.count);
}

/** The table as text, the largest bucket first. */
export function profileText(p: Profile, wall?: number, cpu?: { seconds: number; load: number }): string {
  const rows = Object.entries(p).sort((a, b) => b[1].seconds - a[1].seconds);
  const width = Math.max(6, ...rows.map(([n]) => n.length));
  const lines = rows.map(([n, b]) => `  ${n.padEnd(width)}  ${b.seconds.toFixed(2).padStart(8)} s  ${String(b.count).padStart(7)} calls`);
  return [`time by bucket, summed over threads (seconds may nest: a query's bucket includes its solver calls)${wall !== undefined ? `; wall clock ${wall.toFixed(2)} s` : ''}${cpu ? `; CPU of the process, every thread, ${cpu.seconds.toFixed(2)} s (load average ${cpu.load.toFixed(1)} at the start)` : ''}`, ...lines].join('\n');
}
