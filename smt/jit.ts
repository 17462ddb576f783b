// V8's optimising compiler, held back while a catalogue runs. Each thread of a catalogue (the
// main thread and every worker: smt/parallel.ts, smt/all-sizes/threads.ts) is an isolate of its
// own, and each compiles the same model and smt code with TurboFan on V8's background threads.
// With two workers on two cores that compiling took 5 to 6 s of CPU of a 25 to 28 s `paper`
// catalogue, taken from the solver's threads. Optimising a function only after about fifteen times
// the usual run of bytecode left the workers' own CPU as it was and cut the background threads to
// about 2 s (smt/README.md "V8's compiler"). The flag only steers when V8 optimises: no answer,
// file or verdict depends on it.
//
// Only a flag V8 reads afresh is changed while the process runs. The interrupt budget is a number
// each function's counter is reset to. The inlining limit (`--max-inlined-bytecode-size`), which
// also helped, is read twice within one background compilation, and V8 stops the process
// (`Check failed: inlineability == SharedFunctionInfo::kHasOptimizationDisabled`, JSInliner) when
// it changes in between: a test run died of it once, so it is no longer set.
//
// V8's flags belong to the process, not to a thread: they are set when the first catalogue of the
// process starts and put back when the last one running ends, so what runs after a catalogue (the
// implementation, the benchmarks) compiles as usual. A flag the process was started with
// (`node --interrupt-budget=...`) is left alone.
import { setFlagsFromString } from 'node:v8';

/** The catalogue's value of each flag, and V8's default in this Node line (test/smt-jit.test.ts checks it against `node --v8-options`). */
export const LEAN_FLAGS = {
  'interrupt-budget': { lean: 1_000_000, v8Default: 67_584 },
} as const;
type Flag = keyof typeof LEAN_FLAGS;

/** The flags the process was not started with: the ones this module sets and puts back. */
export function heldBackFlags(): Flag[] {
  // `--interrupt_budget=5` and `--interrupt-budget=5` name the same flag
  const started = new Set(process.execArgv.map((a) => a.replace(/^--?/, '').split('=')[0].replaceAll('_', '-')));
  return (Object.keys(LEAN_FLAGS) as Flag[]).filter((f) => !started.has(f));
}

let running = 0;

/** Runs `f` (a catalogue) with V8's optimising compiler held back, as described above. */
export async function withLeanJit<T>(f: () => Promise<T>): Promise<T> {
  if (running++ === 0) for (const flag of heldBackFlags()) setFlagsFromString(`--${flag}=${LEAN_FLAGS[flag].lean}`);
  try {
    return await f();
  } finally {
    if (--running === 0) for (const flag of heldBackFlags()) setFlagsFromString(`--${flag}=${LEAN_FLAGS[flag].v8Default}`);
  }
}

/** How many catalogues of this process run now (0: V8's flags are as the process started). */
export const leanJitUsers = (): number => running;
