// The model-based suite against a running deployment (a `serve` process with its inspection
// routes on): graph paths on `small`, the explorer's traces and fast-check runs, the same oracle.
// It must find no mismatch and cover exactly what the in-process run covers.
import { expect, it } from 'vitest';
import { conform } from '../conformance/conform.js';
import { deploymentMakers } from '../conformance/deployment.js';
import type { NetConfig } from '../model/config.js';
import { paper, small } from '../universes/index.js';
import { conformSummary as summary, serviceForTests } from './support/services.js';

const service = serviceForTests('sesphr-conform-');

const CONFIGS: NetConfig[] = [
  { profile: 'paper', variant: 'srs-keys', policy: 'history' },
  { profile: 'adversarial', variant: 'owner-keys', policy: 'from-join-date' },
];

it('finds no mismatch against the deployment and covers what the in-process run covers', () => {
  const o = { universe: small, configs: CONFIGS, seed: 7, runs: 2, maxCommands: 25, randomUniverse: paper };
  const remote = conform({ ...o, make: deploymentMakers({ srsUrl: service().srsUrl!, cloudUrl: service().cloudUrl!, retryMs: 60_000 }, [small, paper]) });
  const local = conform(o);
  expect(remote.mismatches).toEqual([]);
  expect(remote.totals.randomFailures).toBe(0);
  expect(local.totals.mismatches).toBe(0);
  expect(summary(remote)).toEqual(summary(local));
  for (const c of remote.configs) for (const row of c.paths!.coverage) expect(row.missing, `${row.kind} missing`).toEqual([]);
}, 900_000);
