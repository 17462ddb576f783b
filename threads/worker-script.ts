// Where a script the project starts in another thread or process is, and how to start it: under
// ts-node/vitest the script is TypeScript and needs the project's loader (register.mjs, one folder up
// from here); compiled, it is plain JS beside its caller. One place for every one of them: the SRS's
// pool and the bench's threads, verification's and the all-sizes catalogue's solvers, the report's
// suites, and the bench's child processes. It imports nothing, so any layer may use it.

/** The script `name` (a path without its extension, relative to `base`, the caller's
 *  import.meta.url) and the execArgv that starts it as a worker thread: undefined when compiled,
 *  which `new Worker` takes as no option at all, so the worker inherits the process's flags. */
export function workerScript(name: string, base: string): { url: URL; execArgv?: string[] } {
  const ts = base.endsWith('.ts');
  const url = new URL(`${name}${ts ? '.ts' : '.js'}`, base);
  return ts ? { url, execArgv: ['--import', new URL('../register.mjs', import.meta.url).href] } : { url };
}

/** `workerScript` for a script that is given only the flags it needs: a solver's thread, where one
 *  of the process's flags (such as `--input-type`) stops the script from loading, or a child process,
 *  which takes execArgv as its first arguments. Compiled, that is none. */
export function scriptWithoutProcessFlags(name: string, base: string): { url: URL; execArgv: string[] } {
  const { url, execArgv } = workerScript(name, base);
  return { url, execArgv: execArgv ?? [] };
}
