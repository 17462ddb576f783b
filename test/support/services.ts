// Service processes for tests: started on 127.0.0.1 (free ports unless given), waited for with a
// bound, always stopped by the caller (afterAll).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ConformanceReport } from '../../conformance/conform.js';
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

/** A `serve` process (inspection routes on) for one test file's tests: started before them in a
 *  fresh data directory, stopped and its data removed after them. */
export function serviceForTests(prefix: string): () => ServiceProcess {
  let dir: string;
  let svc: ServiceProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    svc = await startService({ dataDir: dir });
  }, 180_000);
  afterAll(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => svc!;
}

/** What a conformance run against a deployment must share with the in-process run. */
export const conformSummary = (r: ConformanceReport) => r.configs.map((c) => ({
  paths: c.paths?.paths, steps: c.paths?.steps,
  coverage: c.paths?.coverage.map((row) => [row.kind, row.covered, row.reachable]),
  traces: c.traces.map((t) => [t.property, t.steps]),
  random: c.random && { runs: c.random.runs, steps: c.random.steps, passed: c.random.passed, coverage: c.random.coverage.map((row) => [row.kind, row.covered]) },
}));
