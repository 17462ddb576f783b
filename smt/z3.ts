// The in-process solver (z3-solver, WASM). What the package does not do for us:
//  - isolation: eval_smtlib2_string keeps declarations across calls on a context, and a context
//    reused after `(reset)` still answers differently depending on what it solved before (other
//    models, so other Houdini rounds in the .smt2 files). So every query gets a fresh context,
//    deleted afterwards: the answers, and the files, are a function of the query alone, whatever
//    ran before it or on which thread (smt/parallel.ts). A context costs less to make than a
//    large one costs to reset;
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

type Api = Awaited<ReturnType<typeof init>>;
let api: Promise<Api> | undefined;
const z3 = () => (api ??= init());

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
  try {
    if (!/\(check-sat/.test(text)) return em.UTF8ToString(em._Z3_eval_smtlib2_string(ctx, p));
    return await em.async_call(em._async_Z3_eval_smtlib2_string as (...a: unknown[]) => void, ctx, p);
  } finally {
    em._free(p);
  }
}

/** One query: one fresh context, a deadline, and a transcript of everything sent (the .smt2 file). */
export class Session {
  readonly transcript: string[] = [];
  readonly answers: string[] = [];
  private constructor(private readonly a: Api, private readonly ctx: unknown, private readonly deadline: number, private readonly limit: number) {}

  static async open(limitSeconds: number): Promise<Session> {
    const a = await z3();
    const cfg = a.Z3.mk_config();
    const ctx = a.Z3.mk_context(cfg);
    a.Z3.del_config(cfg);
    return new Session(a, ctx, performance.now() + limitSeconds * 1000, limitSeconds);
  }

  /** Sends commands; returns z3's output. Throws SolverError on an error in the text, SolverTimeout past the deadline. */
  async send(text: string): Promise<string> {
    this.transcript.push(text);
    const left = this.deadline - performance.now();
    if (left <= 0) throw new SolverTimeout(this.limit);
    let interrupted = false;
    const ctx = this.ctx as Parameters<Api['Z3']['interrupt']>[0];
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
      out = await evalOnHeap(this.a, ctx, text);
    } finally {
      clearTimeout(timer);
      clearInterval(again);
    }
    if (interrupted) throw new SolverTimeout(this.limit);
    const err = /^\(error.*$|^unsupported$/m.exec(out);
    if (err) throw new SolverError(`z3 rejected the query: ${out.trim().slice(0, 500)}`);
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
    this.a.Z3.del_context(this.ctx as Parameters<Api['Z3']['del_context']>[0]);
  }
}

/** Ends the WASM worker threads so the process can exit; harmless if z3 was never started. */
export async function shutdownZ3(): Promise<void> {
  if (!api) return;
  const a = await api;
  (a.em as { PThread?: { terminateAllThreads?: () => void } }).PThread?.terminateAllThreads?.();
  api = undefined;
}
