// The model-based suite against a running deployment (a `serve` process with its inspection
// routes on): graph paths on `small`, the explorer's traces and fast-check runs, the same oracle.
// It must find no mismatch and cover exactly what the in-process run covers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConformanceReport, conform } from '../conformance/conform.js';
import { deploymentMakers } from '../conformance/deployment.js';
import type { NetConfig } from '../model/config.js';
import { paper, small } from '../universes/index.js';
import { type ServiceProcess, startService } from './support/services.js';

let dir: string;
let svc: ServiceProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesphr-conform-'));
  svc = await startService({ dataDir: dir });
}, 180_000);

afterAll(async () => {
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const CONFIGS: NetConfig[] = [
  { profile: 'paper', variant: 'srs-keys', policy: 'history' },
  { profile: 'adversarial', variant: 'owner-keys', policy: 'from-join-date' },
];

const summary = (r: ConformanceReport) => r.configs.map((c) => ({
  paths: c.paths?.paths, steps: c.paths?.steps,
  coverage: c.paths?.coverage.map((row) => [row.kind, row.covered, row.reachable]),
  traces: c.traces.map((t) => [t.property, t.steps]),
  random: c.random && { runs: c.random.runs, steps: c.random.steps, passed: c.random.passed, coverage: c.random.coverage.map((row) => [row.kind, row.covered]) },
}));

it('finds no mismatch against the deployment and covers what the in-process run covers', () => {
  const o = { universe: small, configs: CONFIGS, seed: 7, runs: 2, maxCommands: 25, randomUniverse: paper };
  const remote = conform({ ...o, make: deploymentMakers({ srsUrl: svc!.srsUrl!, cloudUrl: svc!.cloudUrl!, retryMs: 60_000 }, [small, paper]) });
  const local = conform(o);
  expect(remote.mismatches).toEqual([]);
  expect(remote.totals.randomFailures).toBe(0);
  expect(local.totals.mismatches).toBe(0);
  expect(summary(remote)).toEqual(summary(local));
  for (const c of remote.configs) for (const row of c.paths!.coverage) expect(row.missing, `${row.kind} missing`).toEqual([]);
}, 900_000);
