// Service processes for tests: started on 127.0.0.1 (free ports unless given), waited for with a
// bound, always stopped by the caller (afterAll).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { ServeOptions } from '../../services/serve.js';

export interface ServiceProcess {
  readonly srsUrl?: string;
  readonly cloudUrl?: string;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

export const CHILD_ARGS = ['--import', './register.mjs', 'services/process.ts'];

/** A port free now (the OS's pick), for services that must come back on the same port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export async function startService(o: Partial<ServeOptions> & { dataDir: string; logFile?: string }, timeoutMs = 120_000): Promise<ServiceProcess> {
  const opts = { host: '127.0.0.1', srsPort: 0, cloudPort: 0, variant: 'srs-keys', policy: 'history', inspection: true, ...o };
  const proc = spawn(process.execPath, [...CHILD_ARGS, JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (c) => (err += String(c)));
  const urls = await new Promise<{ srsUrl?: string; cloudUrl?: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`service did not start in ${timeoutMs} ms: ${err.slice(0, 500)}`)); }, timeoutMs);
    proc.stdout!.on('data', (c) => {
      out += String(c);
      const line = out.split('\n')[0];
      if (out.includes('\n')) { clearTimeout(timer); resolve(JSON.parse(line!)); }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`service exited (${code}) before it started: ${err.slice(0, 500)}`)); });
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
