// Where a worker thread's script is, and how to start it: under ts-node/vitest the script is
// TypeScript and needs the project's loader (register.mjs, one folder up from here); compiled, it
// is plain JS beside its caller. One place for every worker the project starts: the SRS's pool and
// the bench's threads, verification's and the all-sizes catalogue's solvers, and the report's
// suites. It imports nothing, so any layer may use it.

/** The worker `name` (a path without its extension, relative to `base`, the caller's
 *  import.meta.url) and the execArgv that starts it: undefined when compiled, which `new Worker`
 *  takes as no option at all, so the worker inherits the process's flags. A caller whose worker
 *  must not (the solvers' threads: a flag such as `--input-type` stops a worker's script from
 *  loading) passes `execArgv ?? []`. */
export function workerScript(name: string, base: string): { url: URL; execArgv?: string[] } {
  const ts = base.endsWith('.ts');
  const url = new URL(`${name}${ts ? '.ts' : '.js'}`, base);
  return ts ? { url, execArgv: ['--import', new URL('../register.mjs', import.meta.url).href] } : { url };
}
