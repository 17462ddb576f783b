// The in-process solver: Z3 5.1.0, natively through koffi when `npm install` installed the library
// (native-z3.ts; the same answers and models, in about half the CPU), else the z3-solver WASM.
// What neither build does for us:
//  - isolation: eval_smtlib2_string keeps declarations across calls on a context, and a context
//    reused after `(reset)` still answers differently depending on what it solved before (other
//    models, so other Houdini rounds in the .smt2 files). So every query gets a fresh context,
//    deleted afterwards: the answers, and the files, are a function of the query alone, whatever
//    ran before it or on which thread (smt/parallel.ts). A context costs less to make than a
//    large one costs to reset. The same property makes a session whose commands z3 has already
//    answered in another session get those answers without a context (smt/answered.ts);
//  - errors: z3 reports them inside the returned text (`(error ...)`, `unsupported`), never by
//    throwing, so every answer is scanned;
//  - time: each solving command runs synchronously on the calling thread, stopped when what was
//    left of the query's wall-clock deadline as it was sent has passed: on the native build by a
//    watch thread that interrupts the context (deadline-watch.ts), which costs no hand-off per
//    check-sat; on the WASM, and on the native build until its watch is up, by z3's own timeout
//    option, which times each check-sat of the command. A stopped check-sat answers `unknown`
//    (reason "canceled" or "timeout") and the caller reports `unknown` with that limit. A hand-off
//    to the package's solver thread, which an interrupt could reach on the WASM, costs more than
//    most of our check-sats on a loaded machine (smt/README.md); the timeout and the interrupt are
//    equally soft (both cancel the same resource limit);
//  - exit: the WASM keeps worker threads alive; `shutdownZ3` ends them so the process can exit;
//  - memory: the package's eval_smtlib2_string passes the text on the WASM stack, which is popped
//    while the solver thread may still be reading it (long scripts came back with random parse
//    errors); we copy the text to the heap and free it only when the call has finished.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { init } from 'z3-solver';
import { answered, commandKey, remember, rememberVersion, saveAnswers, storedVersion } from './answered.js';
import type { DeadlineWatch } from './deadline-watch.js';
import { type NativeZ3, type SolverBuild as Build, loadedNativeZ3, nativeZ3 } from './native-z3.js';
import { record, timedAsync } from './profile.js';
import { threadClock } from './thread-clock.js';

type Api = Awaited<ReturnType<typeof init>>;
/** A compiled WebAssembly module, opaque here (the project's type libraries leave the WebAssembly global out). */
export type WasmModule = object;
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule>; Instance: new (m: WasmModule, imports: unknown) => object } }).WebAssembly;
let api: Promise<Api> | undefined;
/** where this thread gets the compiled WASM from, when another thread compiled it (`shareCompiledZ3`) */
let compiledSource: (() => Promise<WasmModule>) | undefined;
// the package is loaded only when the WASM build answers: with the native build a thread never needs it
const z3 = () => (api ??= timedAsync('z3 WASM load (per thread)', async () => {
  const { init } = await import('z3-solver');
  if (!compiledSource) return init();
  const module = await compiledSource();
  // emscripten's hook: instantiate the module another thread compiled (its pthreads get it too)
  return init({ instantiateWasm: (imports: unknown, receive: (instance: object, m: WasmModule) => unknown) => receive(new wasm.Instance(module, imports), module) });
}));

/**
 * The z3 WASM compiled once, for every thread that instantiates it. V8 compiles a module's
 * functions lazily and recompiles the hot ones with its optimising compiler; a module compiled in
 * each thread pays for both in each, and starts each thread on the slow baseline code. One module
 * shared between threads (a `WebAssembly.Module` passes between threads without copying its code)
 * is compiled, and optimised, once.
 */
let compiledOnce: Promise<WasmModule> | undefined;
export function compileZ3(): Promise<WasmModule> {
  return (compiledOnce ??= timedAsync('z3 WASM compile (shared by threads)', () => wasm.compile(readFileSync(createRequire(import.meta.url).resolve('z3-solver/build/z3-built.wasm')))));
}

/** This thread instantiates the module `source` gives (compiled by another thread, `compileZ3`) instead of compiling its own. */
export function shareCompiledZ3(source: () => Promise<WasmModule>): void {
  compiledSource = source;
}

/** The messages of the hand-over between a worker thread and the thread that compiles for it. */
export interface Z3Request { readonly wantZ3: true }
export type Z3Reply = { readonly z3Module: WasmModule } | { readonly z3Error: string };
const isZ3Request = (m: unknown): m is Z3Request => typeof m === 'object' && m !== null && 'wantZ3' in m;
const isZ3Reply = (m: unknown): m is Z3Reply => typeof m === 'object' && m !== null && ('z3Module' in m || 'z3Error' in m);

/**
 * In a worker thread: the solver comes from the module its parent compiled, asked for when first
 * needed. Returns the message filter the worker calls first on each message from its parent: true
 * when the message was the module (or why it could not be compiled) and is handled.
 */
export function z3FromParent(port: { postMessage(m: Z3Request): void }): (m: unknown) => boolean {
  let waiting: { resolve: (m: WasmModule) => void; reject: (e: Error) => void } | undefined;
  shareCompiledZ3(() => new Promise((resolve, reject) => { waiting = { resolve, reject }; port.postMessage({ wantZ3: true }); }));
  return (m) => {
    if (!isZ3Reply(m)) return false;
    if ('z3Module' in m) waiting?.resolve(m.z3Module);
    else waiting?.reject(new Error(`the z3 WASM could not be compiled: ${m.z3Error}`));
    return true;
  };
}

/**
 * In the parent: the message filter that answers a worker's request for the solver with the
 * module compiled here, once for every worker (`compileZ3`). True when the message was that request.
 */
export function z3ForWorker(w: { postMessage(m: Z3Reply): void }): (m: unknown) => boolean {
  return (m) => {
    if (!isZ3Request(m)) return false;
    void compileZ3().then((z3Module) => w.postMessage({ z3Module }), (e: Error) => w.postMessage({ z3Error: e.message }));
    return true;
  };
}

/** The time buckets of z3's own calls (profile.ts): summed, what the solver itself took inside a
 *  catalogue, beside which everything else is our own work (bench/verification.ts). */
export const SOLVER_BUCKETS = {
  solving: 'z3 text with check-sat',
  other: 'z3 text without check-sat',
  make: 'z3 context make',
  del: 'z3 context delete',
} as const;

/** The same calls by the CPU of the thread that made them (thread-clock.ts), not the wall clock: a
 *  call's wall clock also holds the time its thread waited for a core while the process's other
 *  threads ran, which is none of the solver's work. Absent where those clocks cannot be read. */
export const SOLVER_CPU_BUCKET = 'z3 calls: CPU of their own thread';

const clock = threadClock();
const ownCpu: (() => number) | undefined = typeof clock === 'string' ? undefined : () => clock.self();

/** `f`, one call into the solver, timed into `bucket` on the wall clock and into SOLVER_CPU_BUCKET.
 *  The CPU reads sit inside the wall clock's: read outside them, each call's CPU also held the
 *  reads and the bookkeeping around the call, and the sum outran the wall clock's (by 0.7-1.0 ms
 *  over a property's calls), so the CPU's share of the floor was overstated by that much. */
function solverCall<T>(bucket: string, f: () => T): T {
  const t0 = performance.now();
  const c0 = ownCpu?.();
  try {
    return f();
  } finally {
    const cpu = c0 === undefined ? undefined : ownCpu!() - c0;
    record(bucket, (performance.now() - t0) / 1000);
    if (cpu !== undefined) record(SOLVER_CPU_BUCKET, cpu);
  }
}

export class SolverError extends Error {}

/** The line of z3's output that reports an error, if any: z3 answers errors in the text, never by throwing. */
export const z3ErrorOf = (out: string): string | undefined => /^\(error.*$|^unsupported$/m.exec(out)?.[0];
export class SolverTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`wall-clock limit of ${seconds} s reached`);
  }
}

/** The installed z3-solver package's version. */
export const z3Package = (): string => (createRequire(import.meta.url)('z3-solver/package.json') as { version: string }).version;

/** The build whose answers the store keeps apart from the other's (cli/answer-store.ts): the WASM's package, or the native library's version. */
export const z3StoreBuild = (): string => nativeZ3()?.version ?? `z3-solver ${z3Package()}`;

/** The full version text of the build that answers (the answer store keeps answers per build). */
export async function z3Version(): Promise<string> {
  const known = storedVersion();
  if (known) return known;
  const text = nativeZ3()?.version ?? `${(await z3()).Z3.get_full_version()} (get_full_version) in z3-solver ${z3Package()}, WASM`;
  rememberVersion(text);
  return text;
}

const wasmBuild = (a: Api): Build => ({
  mkContext() {
    const cfg = a.Z3.mk_config();
    const ctx = a.Z3.mk_context(cfg);
    a.Z3.del_config(cfg);
    return ctx;
  },
  delContext: (ctx) => a.Z3.del_context(ctx as Parameters<Api['Z3']['del_context']>[0]),
  eval: (ctx, text) => evalOnHeap(a, ctx, text),
});

/**
 * z3 keeps the last timeout any context set as the default of every context made after it, in
 * every thread of the process: left in place, another query's timeout would stop a context's
 * check-sats that nothing else bounds (and run z3's timer for each). This option, z3's "none"
 * (4294967295, the default a process starts with), puts a context back to no timeout.
 */
const NO_TIMEOUT = '(set-option :timeout 4294967295)';

/** `text` in a fresh context of the named build with no timeout, as z3 alone answers a file, and
 *  z3's output (the two builds cross-checked; the solver floor). */
export async function evalFresh(which: 'wasm' | 'native', text: string): Promise<string> {
  const b = which === 'native' ? nativeZ3() : wasmBuild(await z3());
  if (!b) throw new Error('the native z3 build is not installed (node scripts/native-z3.mjs)');
  const ctx = b.mkContext();
  try {
    b.eval(ctx, NO_TIMEOUT);
    return b.eval(ctx, text);
  } finally {
    b.delContext(ctx);
  }
}

/** The build of this thread: the native one when installed (or asked for), else the WASM. */
let build: Promise<Build> | undefined;
const theBuild = (): Promise<Build> => (build ??= (async () => nativeZ3() ?? wasmBuild(await z3()))());

interface Emscripten {
  _malloc(n: number): number;
  _free(p: number): void;
  HEAPU8: Uint8Array;
  _Z3_eval_smtlib2_string: (c: unknown, p: number) => number;
  UTF8ToString: (p: number) => string;
}

/** One command text, evaluated synchronously, its output copied out before the text is freed. */
function evalOnHeap(a: Api, ctx: unknown, text: string): string {
  const em = a.em as unknown as Emscripten;
  const bytes = new TextEncoder().encode(text);
  const p = em._malloc(bytes.length + 1);
  em.HEAPU8.set(bytes, p); // read HEAPU8 after malloc: the heap may have grown
  em.HEAPU8[p + bytes.length] = 0;
  try {
    return em.UTF8ToString(em._Z3_eval_smtlib2_string(ctx, p));
  } finally {
    em._free(p);
  }
}

const isNative = (b: Build): b is NativeZ3 => 'watch' in b;

/** A context whose solving commands this thread's deadline watch holds to their deadline (native
 *  build); a context without one is held by z3's timeout option. */
interface Watched {
  readonly watch: DeadlineWatch;
  readonly address: bigint;
}

/**
 * `text` evaluated, a solving one stopped after `leftMs`; `timedOut` says whether it was.
 * Both ways of stopping it stay outside the transcript, and neither changes an answer z3 gives
 * within the limit: the .smt2 file records the query alone.
 */
function evaluate(b: Build, ctx: unknown, text: string, leftMs: number, watched: Watched | undefined): { out: string; timedOut: boolean } {
  const solving = /\(check-sat/.test(text);
  return solverCall(solving ? SOLVER_BUCKETS.solving : SOLVER_BUCKETS.other, () => {
    if (!solving) return { out: b.eval(ctx, text), timedOut: false };
    const ms = Math.max(1, Math.ceil(leftMs));
    let out: string;
    let stopped = false;
    if (watched?.watch.ready) {
      ({ value: out, stopped } = watched.watch.within(watched.address, ms, () => b.eval(ctx, text)));
    } else {
      // an option of the context's command interpreter: z3 times each check-sat of the text
      b.eval(ctx, `(set-option :timeout ${ms})`);
      out = b.eval(ctx, text);
    }
    // stopped: a check-sat answers unknown, for the reason "timeout" (the option) or "canceled"
    // (an interrupt), and what follows it in the text (a push, a pop) reports itself canceled
    const timedOut = stopped || /^\(error.*canceled/m.test(out) || (/^unknown$/m.test(out) && /"(timeout|canceled)"/.test(b.eval(ctx, '(get-info :reason-unknown)')));
    return { out, timedOut };
  });
}

/**
 * One query: one fresh context, a deadline, and a transcript of everything sent (the .smt2 file).
 * The context is made when a command first needs solving: commands z3 already answered after
 * the same commands (smt/answered.ts) get that output without one, and are sent to the context
 * first if the session later needs it.
 */
export class Session {
  readonly transcript: string[] = [];
  readonly answers: string[] = [];
  private ctx: unknown;
  /** set when this context's solving commands are stopped at the deadline by the watch */
  private watched?: Watched;
  /** commands answered from smt/answered.ts that the context, once made, must receive first */
  private skipped: string[] = [];
  /** the key of the commands sent so far */
  private key = '';
  /** the solver, loaded when a command first needs solving (a session answered wholly from smt/answered.ts never loads it) */
  private b!: Build;
  private constructor(private readonly deadline: number, private readonly limit: number, private readonly perCheckMs: number) {}

  /** `limitSeconds` for the whole session; `perCheckSeconds`, if given, bounds each solving command too (and its timeout is a SolverTimeout as well). */
  static async open(limitSeconds: number, perCheckSeconds = limitSeconds): Promise<Session> {
    return new Session(performance.now() + limitSeconds * 1000, limitSeconds, perCheckSeconds * 1000);
  }

  /** what a solving command may take now: what is left of the deadline, at most the limit per command */
  private left(): number {
    return Math.min(this.deadline - performance.now(), this.perCheckMs);
  }

  private async context(): Promise<unknown> {
    if (this.ctx === undefined) {
      this.b ??= await theBuild();
      const b = this.b;
      this.ctx = solverCall(SOLVER_BUCKETS.make, () => b.mkContext());
      // the watch keeps this context's deadlines if it is up now (its thread starts with the
      // thread's first context); else z3's timeout option does, for the context's whole life
      if (isNative(b)) {
        const watch = b.watch();
        if (watch.ready) {
          this.watched = { watch, address: b.address(this.ctx) };
          b.eval(this.ctx, NO_TIMEOUT);
        }
      }
    }
    return this.ctx;
  }

  /** Sends commands; returns z3's output. Throws SolverError on an error in the text, SolverTimeout past the deadline. */
  async send(text: string): Promise<string> {
    this.transcript.push(text);
    const left = this.deadline - performance.now();
    if (left <= 0) throw new SolverTimeout(this.limit);
    const key = commandKey(this.key, text);
    this.key = key;
    if (this.ctx === undefined) {
      const known = answered(key);
      if (known !== undefined) {
        this.skipped.push(text);
        return known;
      }
    }
    const ctx = await this.context();
    // a command z3 answered in full before may still meet this session's deadline: it is a timeout as when solved here
    for (const before of this.skipped.splice(0)) if (evaluate(this.b, ctx, before, this.left(), this.watched).timedOut) throw new SolverTimeout(this.limit);
    const { out, timedOut } = evaluate(this.b, ctx, text, this.left(), this.watched);
    if (timedOut) throw new SolverTimeout(this.limit);
    if (z3ErrorOf(out) !== undefined) throw new SolverError(`z3 rejected the query: ${out.trim().slice(0, 500)}`);
    remember(key, out);
    return out;
  }

  /** Sends a script ending in (check-sat); returns sat / unsat / unknown. */
  async check(text: string): Promise<'sat' | 'unsat' | 'unknown'> {
    const [only] = await this.checks(text, 1);
    return only;
  }

  /** Sends a script with `n` (check-sat)s and nothing else printing; returns their answers in order (one call into z3, on the calling thread). */
  async checks(text: string, n: number): Promise<Array<'sat' | 'unsat' | 'unknown'>> {
    const out = (await this.send(text)).trim();
    const lines = out.split('\n').map((l) => l.trim());
    if (lines.length !== n || lines.some((l) => l !== 'sat' && l !== 'unsat' && l !== 'unknown')) throw new SolverError(`unexpected answer from z3: ${out.slice(0, 300)}`);
    this.answers.push(...lines);
    return lines as Array<'sat' | 'unsat' | 'unknown'>;
  }

  close(): void {
    saveAnswers();
    if (this.ctx === undefined) return;
    const { b, ctx } = this;
    this.ctx = undefined;
    this.watched = undefined;
    solverCall(SOLVER_BUCKETS.del, () => b.delContext(ctx));
  }
}

/** Ends the WASM worker threads and this thread's deadline watch so the process can exit; harmless if z3 was never started. */
export async function shutdownZ3(): Promise<void> {
  // only a build this thread has loaded: loading one here would start nothing worth ending
  await loadedNativeZ3()?.stopWatch();
  if (!api) return;
  const a = await api;
  (a.em as { PThread?: { terminateAllThreads?: () => void } }).PThread?.terminateAllThreads?.();
  api = undefined;
}
