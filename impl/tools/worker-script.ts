// Where a worker thread's script is, and how to start it: under ts-node/vitest the script is
// TypeScript and needs the project's loader (register.mjs, two folders up from here); compiled, it
// is plain JS beside its caller. One place for the pool's workers and the bench's.

/** The worker `name` (a path without its extension, relative to `base`, the caller's
 *  import.meta.url) and the execArgv that starts it. */
export function workerScript(name: string, base: string): { url: URL; execArgv?: string[] } {
  const ts = base.endsWith('.ts');
  const url = new URL(`${name}${ts ? '.ts' : '.js'}`, base);
  return ts ? { url, execArgv: ['--import', new URL('../../register.mjs', import.meta.url).href] } : { url };
}
