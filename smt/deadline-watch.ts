// A query's wall-clock deadline on the native build, kept by a thread of its own.
//
// z3's own way to bound a check-sat, `(set-option :timeout ms)`, starts a timer in z3 for every
// check-sat it bounds: a hand-off to one of z3's timer threads when the check-sat starts and
// another when it ends, a share of the catalogue's solver CPU that smt/README.md "The deadline
// kept by a watch thread" measures. Here one watch thread per
// solving thread keeps the deadline instead: the solving thread writes the context and the deadline
// to shared memory before the command and marks it done after, with no wake-up of any thread, and
// the watch, looking every WATCH_TICK_MS while a command is out, calls `Z3_interrupt` on the
// context once the deadline has passed. An interrupted check-sat answers `unknown` with the reason
// "canceled", as one stopped by the timeout option does ("timeout"); the answers, models and
// files are the same either way, since neither is part of the transcript. A context kept by the
// watch is set to no timeout when it is made, since z3 gives a new context the last timeout any
// context of the process set (smt/z3.ts NO_TIMEOUT).
//
// The protocol (the words of `WORD`, one Int32 each):
//  - `seq` is even while no command is out and odd while one is; the solving thread writes the
//    context's address and the deadline before making it odd (`Atomics.add`, which orders them);
//  - the watch interrupts a context only while holding `lock` and seeing the same odd `seq` it
//    read the deadline for, and the solving thread makes `seq` even again under the same lock
//    before it may delete the context: so the watch never reaches a context that is not inside a
//    command of the thread that made it;
//  - z3 clears an interrupt when a check-sat starts, so one landing between two commands of a
//    text would be lost: the watch interrupts again at every look while the deadline stays passed,
//    and records in `fired` the `seq` it stopped;
//  - after a quiet second the watch sleeps on `seq` itself and sets `idle`, which the solving
//    thread reads after making `seq` odd to wake it: a process that solves nothing spends nothing.
// Until the watch has said `ready` (its thread starting, the library loading), or if its thread
// ever ends, the caller bounds its commands with z3's timeout option instead (smt/z3.ts), so a
// command is never left without its deadline.
import { Worker } from 'node:worker_threads';
import { scriptWithoutProcessFlags } from '../threads/worker-script.js';

/** Indices of the shared Int32 words. */
export const WORD = { seq: 0, lock: 1, fired: 2, idle: 3, ready: 4 } as const;
const WORDS = 5;

/** How often the watch looks while a command is out, and how long it keeps looking once none is. */
export const WATCH_TICK_MS = 10;
export const WATCH_QUIET_MS = 1000;

/** What the watch thread is given. */
export interface WatchShared {
  /** the Int32 words of WORD */
  readonly words: SharedArrayBuffer;
  /** one Float64: the deadline of the command out, in ms since the epoch (performance.timeOrigin + now) */
  readonly deadline: SharedArrayBuffer;
  /** one BigInt64: the address of the context of the command out */
  readonly context: SharedArrayBuffer;
  /** the native library, which the watch loads for `Z3_interrupt` */
  readonly lib: string;
}

/** Milliseconds since the epoch, comparable between threads (each thread's `performance.now()` has its own origin). */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** Takes the lock shared with the watch; both sides hold it for a few stores or one `Z3_interrupt`. */
export function lockWords(w: Int32Array): void {
  while (Atomics.compareExchange(w, WORD.lock, 0, 1) !== 0);
}
export function unlockWords(w: Int32Array): void {
  Atomics.store(w, WORD.lock, 0);
}

/** The solving thread's side: one watch thread for this thread's commands. */
export class DeadlineWatch {
  private readonly words: Int32Array;
  private readonly deadline: Float64Array;
  private readonly context: BigInt64Array;
  private ended = false;

  private constructor(shared: WatchShared, private readonly thread: Worker) {
    this.words = new Int32Array(shared.words);
    this.deadline = new Float64Array(shared.deadline);
    this.context = new BigInt64Array(shared.context);
    // the thread never keeps the process alive, and an error in it only ends the watch: the
    // caller then bounds its commands with the timeout option (`ready` is false from then on)
    thread.unref();
    thread.on('error', () => void (this.ended = true));
    thread.on('exit', () => void (this.ended = true));
  }

  /** Starts the watch thread for the library at `lib`; it is not `ready` until that thread has loaded it. */
  static start(lib: string): DeadlineWatch {
    const shared: WatchShared = {
      words: new SharedArrayBuffer(WORDS * 4),
      deadline: new SharedArrayBuffer(8),
      context: new SharedArrayBuffer(8),
      lib,
    };
    const { url, execArgv } = scriptWithoutProcessFlags('./deadline-watch-thread', import.meta.url);
    return new DeadlineWatch(shared, new Worker(url, { execArgv, workerData: shared }));
  }

  /** Whether the watch keeps deadlines now: its thread has loaded the library and has not ended. */
  get ready(): boolean {
    return !this.ended && Atomics.load(this.words, WORD.ready) === 1;
  }

  /** `run()`, a command on the context at `contextAddress`, stopped by `Z3_interrupt` if it outlasts `ms`; `stopped` says whether the watch stopped it. */
  within<T>(contextAddress: bigint, ms: number, run: () => T): { value: T; stopped: boolean } {
    const w = this.words;
    this.context[0] = contextAddress;
    this.deadline[0] = epochMs() + ms;
    // as the Int32 word holds it, wrapping as it does after 2^31 commands
    const seq = (Atomics.add(w, WORD.seq, 1) + 1) | 0;
    if (Atomics.load(w, WORD.idle) === 1) Atomics.notify(w, WORD.seq);
    let value: T;
    try {
      value = run();
    } finally {
      lockWords(w);
      Atomics.store(w, WORD.seq, seq + 1);
      unlockWords(w);
    }
    return { value, stopped: Atomics.load(w, WORD.fired) === seq };
  }

  /** Ends the watch thread. */
  async stop(): Promise<void> {
    this.ended = true;
    await this.thread.terminate();
  }
}
