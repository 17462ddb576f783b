// The native build of the same Z3 as the z3-solver WASM (5.1.0), when `npm install` put it in
// .cache/z3-native/ (scripts/native-z3.mjs, pinned by SHA-256), called in-process through koffi.
// It answers the same commands with the same models as the WASM (every exported .smt2 file replayed
// in both, output compared byte for byte: smt/README.md "The native build"), so sessions, .smt2
// files and verdicts are the same whichever build runs them; it takes about half the CPU.
//
// Which build runs: SESPHR_Z3=wasm forces the WASM, SESPHR_Z3=native requires the native build (an
// error naming what is missing if it is not there); unset, the native build when installed, else
// the WASM.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeadlineWatch } from './deadline-watch.js';

/** What a session needs of a build of Z3, native or WASM (z3.ts): contexts and the text interface, on opaque handles. */
export interface SolverBuild {
  mkContext(): unknown;
  delContext(ctx: unknown): void;
  /** z3's output for `text` in `ctx` (errors come back in the text, in both builds). */
  eval(ctx: unknown, text: string): string;
}

export interface NativeZ3 extends SolverBuild {
  readonly version: string;
  /** the context's address, which another thread can act on (the deadline watch's `Z3_interrupt`) */
  address(ctx: unknown): bigint;
  /** this thread's deadline watch (smt/deadline-watch.ts), started on the first call */
  watch(): DeadlineWatch;
  /** ends this thread's deadline watch, if started (the next `watch()` starts another) */
  stopWatch(): Promise<void>;
}

/** Where `npm install` puts the library: .cache/z3-native/ of the project, from smt/ or from dist/smt/. */
export const NATIVE_Z3_LIB = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = basename(dirname(here)) === 'dist' ? join(here, '..', '..') : join(here, '..');
  return join(root, '.cache', 'z3-native', 'libz3.so');
})();

/** The build the environment asks for: 'wasm', 'native', or undefined (native when installed). */
export function requestedBuild(): 'wasm' | 'native' | undefined {
  const v = process.env.SESPHR_Z3;
  if (v === undefined || v === '') return undefined;
  if (v === 'wasm' || v === 'native') return v;
  throw new Error(`SESPHR_Z3 must be "wasm" or "native", not "${v}"`);
}

/** The wheel the library came from, as the install recorded it beside the library (SOURCE). */
function wheelOf(): string {
  try {
    return readFileSync(join(dirname(NATIVE_Z3_LIB), 'SOURCE'), 'utf8').split(/\s/)[0] || 'an unrecorded wheel';
  } catch {
    return 'an unrecorded wheel';
  }
}

let loaded: NativeZ3 | null | undefined;

/** The native build, loaded once per thread; undefined when it is not installed or the WASM is asked for. */
export function nativeZ3(): NativeZ3 | undefined {
  if (loaded === undefined) loaded = load() ?? null;
  return loaded ?? undefined;
}

/** The native build if this thread has already loaded it (`nativeZ3`), without loading it. */
export const loadedNativeZ3 = (): NativeZ3 | undefined => loaded ?? undefined;

/** The library through koffi, or undefined (the WASM answers) when it is not installed, not loadable, or the WASM is asked for. */
function load(): NativeZ3 | undefined {
  const want = requestedBuild();
  if (want === 'wasm') return undefined;
  if (!existsSync(NATIVE_Z3_LIB)) {
    if (want === 'native') throw new Error(`SESPHR_Z3=native, but ${NATIVE_Z3_LIB} is not installed (node scripts/native-z3.mjs installs it)`);
    return undefined;
  }
  let lib: { func(signature: string): (...args: unknown[]) => unknown };
  let koffi: { load(path: string): typeof lib; address(p: unknown): bigint };
  try {
    koffi = createRequire(import.meta.url)('koffi') as typeof koffi;
    lib = koffi.load(NATIVE_Z3_LIB);
  } catch (e) {
    // installed but not loadable here (another C library, a damaged file): the WASM answers alike
    const why = `the native z3 build at ${NATIVE_Z3_LIB} could not be loaded (${(e as Error).message.split('\n')[0]})`;
    if (want === 'native') throw new Error(`SESPHR_Z3=native, but ${why}`);
    process.emitWarning(`${why}; the WASM build is used`);
    return undefined;
  }
  const mkConfig = lib.func('void* Z3_mk_config()');
  const delConfig = lib.func('void Z3_del_config(void* c)');
  const mkContext = lib.func('void* Z3_mk_context(void* c)');
  const delContext = lib.func('void Z3_del_context(void* c)');
  // the C API's default error handler prints the error and exits the process; without one, an error
  // only sets the context's error code, and z3's output text carries it, as in the WASM
  const setErrorHandler = lib.func('void Z3_set_error_handler(void* c, void* h)');
  // the returned text belongs to the context and lives until its next call: koffi copies it into a JS string
  const evalText = lib.func('const char* Z3_eval_smtlib2_string(void* c, const char* str)');
  const fullVersion = lib.func('const char* Z3_get_full_version()');
  let watch: DeadlineWatch | undefined;
  return {
    version: `Z3 ${fullVersion() as string} (get_full_version), native libz3 from ${wheelOf()}`,
    mkContext() {
      const cfg = mkConfig();
      const ctx = mkContext(cfg);
      delConfig(cfg);
      setErrorHandler(ctx, null);
      return ctx;
    },
    delContext: (ctx) => void delContext(ctx),
    eval: (ctx, text) => evalText(ctx, text) as string,
    address: (ctx) => koffi.address(ctx),
    watch: () => (watch ??= DeadlineWatch.start(NATIVE_Z3_LIB)),
    async stopWatch() {
      const w = watch;
      watch = undefined;
      await w?.stop();
    },
  };
}
