// The services as a child process (services/process.ts), started and stopped: for the tests and
// the benchmark. From source the child runs the TypeScript through the project's loader, compiled
// it runs the JavaScript beside this file; either way from any working directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scriptWithoutProcessFlags } from '../threads/worker-script.js';
import type { BackendName } from '../impl/group/backend.js';
import type { ServeOptions } from './serve.js';

export interface ServicesChild {
  readonly srsUrl?: string;
  readonly cloudUrl?: string;
  /** the group backend the services compute on, as the child reports it */
  readonly backend: BackendName;
  readonly proc: ChildProcess;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited */
  stop(): Promise<void>;
}

/** The arguments that run services/process.ts (its options follow them as one JSON argument). */
export function servicesChildArgs(): string[] {
  const { url, execArgv } = scriptWithoutProcessFlags('./process', import.meta.url);
  return [...execArgv, fileURLToPath(url)];
}

/** Starts the services with `o` (inspection routes on unless told otherwise; `backend`: the group
 *  backend they compute on, the default when absent) and waits, at most
 *  `timeoutMs`, for the line with their urls. `env`: the child's environment (default this one's),
 *  e.g. NODE_EXTRA_CA_CERTS, which Node reads only at a process's start. */
export async function startServicesChild(
  o: Partial<ServeOptions> & { dataDir: string; logFile?: string; backend?: BackendName }, timeoutMs = 120_000, env?: NodeJS.ProcessEnv,
): Promise<ServicesChild> {
  const opts = { host: '127.0.0.1', srsPort: 0, cloudPort: 0, variant: 'srs-keys', policy: 'history', inspection: true, ...o, endWithParent: true };
  const args = [...servicesChildArgs(), JSON.stringify(opts)];
  // stdin a pipe this process holds open, so that the services stop when it ends (process.ts)
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(env && { env }) });
  // what the child said on stderr, for the error if it does not start (its start, not a log)
  let err = '';
  proc.stderr!.on('data', (c) => {
    if (err.length < 2000) err += String(c);
  });
  const urls = await new Promise<{ srsUrl?: string; cloudUrl?: string; backend: BackendName }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`the services did not start in ${timeoutMs} ms: ${err.slice(0, 500)}`)); }, timeoutMs);
    proc.stdout!.on('data', (c) => {
      out += String(c);
      if (out.includes('\n')) { clearTimeout(timer); resolve(JSON.parse(out.split('\n')[0]!)); }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the services exited (${code}) before they started: ${err.slice(0, 500)}`)); });
  });
  return {
    ...urls, proc,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => { clearTimeout(t); resolve(); });
      proc.kill('SIGTERM');
    }),
  };
}
