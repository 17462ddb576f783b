// Each thread's CPU time, exact at the moment it is read: the kernel's per-thread CPU clocks,
// read with clock_gettime through koffi (the project's way into native code: smt/native-z3.ts,
// impl/scheme/gcm.ts). The solver's calls are timed by it (z3.ts: their own work, apart from the
// time their thread waited for a core), and the bench reads every thread with it. The scheduler's
// count in /proc (`schedstat`) is not enough for a short call: it holds a running thread's time as
// of its last tick or switch, so a thread that runs through a call without sleeping (the calling
// thread of a pool call; a worker spinning between calls) showed 0 µs of CPU for the whole of it.
import { createRequire } from 'node:module';

/** clock_gettime's clock of the calling thread (Linux, glibc: CLOCK_THREAD_CPUTIME_ID). */
const CLOCK_THREAD_CPUTIME_ID = 3;

/** Linux's clock id of thread `tid`'s CPU time as the scheduler counts it,
 *  MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED): (~tid << 3) | CPUCLOCK_PERTHREAD_MASK | CPUCLOCK_SCHED.
 *  A thread may read it for any thread of its own process. */
export const threadClockId = (tid: number): number => (~tid << 3) | 4 | 2;
/** The ids threadClockId can encode in a clock id's 32 bits. */
const MAX_TID = 2 ** 28;

export interface ThreadClock {
  /** CPU seconds of the calling thread */
  self(): number;
  /** CPU seconds of thread `tid` of this process; undefined once it has ended */
  of(tid: number): number | undefined;
}

interface Timespec {
  tv_sec: number | bigint;
  tv_nsec: number | bigint;
}

let loaded: ThreadClock | string | undefined;

/** The exact clocks, or why they cannot be read here (not Linux, koffi not loadable). */
export function threadClock(): ThreadClock | string {
  if (loaded === undefined) {
    try {
      if (process.platform !== 'linux') throw new Error(`per-thread CPU clocks are read on Linux only, not on ${process.platform}`);
      const koffi = createRequire(import.meta.url)('koffi') as {
        load(path: string | null): { func(name: string, result: string, args: unknown[]): (...args: unknown[]) => number };
        struct(fields: Record<string, string>): unknown;
        out(type: unknown): unknown;
        pointer(type: unknown): unknown;
      };
      // an unnamed struct: a named type would be declared again by every thread that loads this
      const timespec = koffi.struct({ tv_sec: 'int64', tv_nsec: 'int64' });
      const clockGettime = koffi.load(null).func('clock_gettime', 'int', ['int', koffi.out(koffi.pointer(timespec))]);
      const read = (id: number): number | undefined => {
        const ts: Timespec = { tv_sec: 0, tv_nsec: 0 };
        return clockGettime(id, ts) === 0 ? Number(ts.tv_sec) + Number(ts.tv_nsec) / 1e9 : undefined;
      };
      if (read(CLOCK_THREAD_CPUTIME_ID) === undefined) throw new Error('clock_gettime refused this thread\'s CPU clock');
      loaded = {
        self: () => read(CLOCK_THREAD_CPUTIME_ID)!,
        of: (tid) => {
          // above 2^28 the id's bits would wrap into another clock's (Linux's tids stay below 2^22)
          if (!Number.isInteger(tid) || tid <= 0 || tid >= MAX_TID) throw new RangeError(`not a thread id: ${tid}`);
          return read(threadClockId(tid));
        },
      };
    } catch (e) {
      loaded = (e as Error).message.split('\n')[0]!;
    }
  }
  return loaded;
}
