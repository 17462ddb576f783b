// Service processes for tests: started on 127.0.0.1 (free ports unless given), waited for with a
// bound, always stopped by the caller (afterAll).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ConformanceReport } from '../../conformance/conform.js';
import { type ServicesChild, servicesChildArgs, startServicesChild } from '../../services/child.js';

/** A services process of a test (services/child.ts). */
export type ServiceProcess = ServicesChild;

/** What runs the services as a child (the chaos worker starts them itself). */
export const CHILD_ARGS = servicesChildArgs();

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

export const startService = startServicesChild;

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
