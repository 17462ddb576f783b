// The in-process solver (z3-solver, WASM). What the package does not do for us:
//  - isolation: eval_smtlib2_string keeps declarations across calls on a context, and a context
//    reused after `(reset)` still answers differently depending on what it solved before (other
//    models, so other Houdini rounds in the .smt2 files). So every query gets a fresh context,
//    deleted afterwards: the answers, and the files, are a function of the query alone, whatever
//    ran before it or on which thread (smt/parallel.ts). A context costs less to make than a
//    large one costs to reset. The same property makes a session whose commands z3 has already
//    answered in another session get those answers without a context (smt/answered.ts);
//  - errors: z3 reports them inside the returned text (`(error ...)`, `unsupported`), never by
//    throwing, so every answer is scanned;
//  - time: solver timeouts are soft, so a wall-clock deadline per query interrupts the context
//    and the caller reports `unknown` with that limit;
//  - exit: the WASM keeps worker threads alive; `shutdownZ3` ends them so the process can exit;
//  - memory: the package's eval_smtlib2_string passes the text on the WASM stack, which is popped
//    while the solver thread may still be reading it (long scripts came back with random parse
//    errors); we copy the text to the heap and free it only when the call has finished.
import { createRequire } from 'node:module';
import { init } from 'z3-solver';
import { answered, commandKey, remember } from './answered.js';
import { record, timedAsync } from './profile.js';

type Api = Awaited<ReturnType<typeof init>>;
let api: Promise<Api> | undefined;
const z3 = () => (api ??= timedAsync('z3 WASM load (per thread)', () => init()));

export class SolverError extends Error {}
export class SolverTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`wall-clock limit of ${seconds} s reached`);
  }
}

export async function z3Version(): Promise<string> {
  const pkg = createRequire(import.meta.url)('z3-solver/package.json') as { version: string };
  return `${(await z3()).Z3.get_full_version()} (get_full_version) in z3-solver ${pkg.version}, WASM`;
}

interface Emscripten {
  _malloc(n: number): number;
  _free(p: number): void;
  HEAPU8: Uint8Array;
  _async_Z3_eval_smtlib2_string: (c: unknown, p: number) => void;
  async_call: (f: (...a: unknown[]) => void, ...args: unknown[]) => Promise<string>;
  _Z3_eval_smtlib2_string: (c: unknown, p: number) => number;
  UTF8ToString: (p: number) => string;
}

/**
 * Solving (`check-sat`) runs on a worker thread so the deadline can interrupt it; everything else
 * (declarations, get-value, pop) is bounded work and runs synchronously, because each hand-off
 * to a worker costs ~5 ms and a catalogue run makes thousands of such calls.
 */
async function evalOnHeap(a: Api, ctx: unknown, text: string): Promise<string> {
  const em = a.em as unknown as Emscripten;
  const bytes = new TextEncoder().encode(text);
  const p = em._malloc(bytes.length + 1);
  em.HEAPU8.set(bytes, p); // read HEAPU8 after malloc: the heap may have grown
  em.HEAPU8[p + bytes.length] = 0;
  const t0 = performance.now();
  const solving = /\(check-sat/.test(text);
  try {
    if (!solving) return em.UTF8ToString(em._Z3_eval_smtlib2_string(ctx, p));
    return await em.async_call(em._async_Z3_eval_smtlib2_string as (...a: unknown[]) => void, ctx, p);
  } finally {
    em._free(p);
    record(solving ? 'z3 text with check-sat (solver thread)' : 'z3 text without check-sat', (performance.now() - t0) / 1000);
  }
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
  /** commands answered from smt/answered.ts that the context, once made, must receive first */
  private skipped: string[] = [];
  /** the key of the commands sent so far */
  private key = '';
  private constructor(private readonly a: Api, private readonly deadline: number, private readonly limit: number) {}

  static async open(limitSeconds: number): Promise<Session> {
    const a = await z3();
    return new Session(a, performance.now() + limitSeconds * 1000, limitSeconds);
  }

  private context(): unknown {
    if (this.ctx === undefined) {
      const t0 = performance.now();
      const cfg = this.a.Z3.mk_config();
      this.ctx = this.a.Z3.mk_context(cfg);
      this.a.Z3.del_config(cfg);
      record('z3 context make', (performance.now() - t0) / 1000);
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
    const ctx = this.context() as Parameters<Api['Z3']['interrupt']>[0];
    let interrupted = false;
    // An interrupt that arrives before the solver thread has started its search is lost (a
    // loaded machine starts threads late), so past the deadline it is repeated until z3 returns.
    let again: ReturnType<typeof setInterval> | undefined;
    const timer = setTimeout(() => {
      interrupted = true;
      this.a.Z3.interrupt(ctx);
      again = setInterval(() => this.a.Z3.interrupt(ctx), 100);
    }, left);
    let out: string;
    try {
      for (const before of this.skipped.splice(0)) await evalOnHeap(this.a, ctx, before);
      out = await evalOnHeap(this.a, ctx, text);
    } finally {
      clearTimeout(timer);
      clearInterval(again);
    }
    if (interrupted) throw new SolverTimeout(this.limit);
    const err = /^\(error.*$|^unsupported$/m.exec(out);
    if (err) throw new SolverError(`z3 rejected the query: ${out.trim().slice(0, 500)}`);
    remember(key, out);
    return out;
  }

  /** Sends a script ending in (check-sat); returns sat / unsat / unknown. */
  async check(text: string): Promise<'sat' | 'unsat' | 'unknown'> {
    const [only] = await this.checks(text, 1);
    return only;
  }

  /** Sends a script with `n` (check-sat)s and nothing else printing; returns their answers in order (one hand-off to the solver thread). */
  async checks(text: string, n: number): Promise<Array<'sat' | 'unsat' | 'unknown'>> {
    const out = (await this.send(text)).trim();
    const lines = out.split('\n').map((l) => l.trim());
    if (lines.length !== n || lines.some((l) => l !== 'sat' && l !== 'unsat' && l !== 'unknown')) throw new SolverError(`unexpected answer from z3: ${out.slice(0, 300)}`);
    this.answers.push(...lines);
    return lines as Array<'sat' | 'unsat' | 'unknown'>;
  }

  close(): void {
    if (this.ctx === undefined) return;
    const t0 = performance.now();
    this.a.Z3.del_context(this.ctx as Parameters<Api['Z3']['del_context']>[0]);
    this.ctx = undefined;
    record('z3 context delete', (performance.now() - t0) / 1000);
  }
}

/** Ends the WASM worker threads so the process can exit; harmless if z3 was never started. */
export async function shutdownZ3(): Promise<void> {
  if (!api) return;
  const a = await api;
  (a.em as { PThread?: { terminateAllThreads?: () => void } }).PThread?.terminateAllThreads?.();
  api = undefined;
}
