// The suite's runs on worker threads (report/suite-threads.ts) give what the same calls give on
// the main thread, times aside; a job that cannot run fails alone, naming itself.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { conform } from '../conformance/conform.js';
import type { NetConfig } from '../model/config.js';
import { small } from '../universes/index.js';
import { SuiteThreads } from '../report/suite-threads.js';
import { FAULTS } from '../scripts/faults.js';
import { HONEST, mutationRow } from '../scripts/mutation.js';
import { GOLDEN_FILE, MODEL_FAULTS, modelMutationScore } from '../scripts/model-faults.js';

/** The same object with every measured time removed. */
const timeless = (x: unknown): unknown => {
  if (Array.isArray(x)) return x.map(timeless);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).filter(([k]) => !/seconds|PerSecond|foundAfter/i.test(k)).map(([k, v]) => [k, timeless(v)]));
  return x;
};

const configs: NetConfig[] = [{ profile: 'paper', variant: 'srs-keys', policy: 'history' }, { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' }];

describe('the model faults', () => {
  it("compare with the project's committed golden file wherever the command runs from", () => {
    // a path relative to the working directory skipped the model faults of a `reproduce` run
    // outside the project, and the stage still passed
    expect(isAbsolute(GOLDEN_FILE)).toBe(true);
    expect(existsSync(GOLDEN_FILE)).toBe(true);
    expect(GOLDEN_FILE).toBe(join(dirname(fileURLToPath(import.meta.url)), 'golden', 'verdicts.json'));
  });
});

describe('the suite on worker threads', () => {
  const suite = new SuiteThreads(2);
  afterAll(() => suite.close());

  it('gives the conformance report and the mutation rows of the main thread', async () => {
    const fault = FAULTS.find((f) => f.id === 'srs-skips-acl')!;
    const model = MODEL_FAULTS.find((f) => f.id === 'collusion-revoked-cloud-alone')!;
    const [report, honest, caught, modelRow] = await Promise.all([
      suite.run({ kind: 'conformance', options: { universe: small.name, configs, seed: 7, runs: 1 } }),
      suite.run({ kind: 'implementation fault', id: HONEST.id, options: { runs: 1, seed: 7, configs } }),
      suite.run({ kind: 'implementation fault', id: fault.id, options: { runs: 1, seed: 7, configs } }),
      suite.run({ kind: 'model fault', id: model.id, golden: GOLDEN_FILE }),
    ]);
    expect(report.totals.paths).toBeGreaterThan(0);
    expect(report.totals.mismatches).toBe(0);
    expect(timeless(report)).toEqual(timeless(conform({ universe: small, configs, seed: 7, runs: 1 })));
    expect(honest.caught).toBe(false);
    expect(caught.caught).toBe(true);
    expect(timeless([honest, caught])).toEqual(timeless([HONEST, fault].map((f) => mutationRow(f, { runs: 1, seed: 7, configs }))));
    expect(modelRow.caught).toBe(true);
    expect(timeless(modelRow)).toEqual(timeless((await modelMutationScore({ golden: GOLDEN_FILE, faults: [model] }))[0]));
  }, 300_000);

  it('fails a job that cannot run, naming it, and goes on with the next', async () => {
    const bad = suite.run({ kind: 'model fault', id: 'no-such-fault', golden: GOLDEN_FILE });
    const good = suite.run({ kind: 'implementation fault', id: 'srs-skips-acl', options: { runs: 0, seed: 1, configs: configs.slice(0, 1) } });
    await expect(bad).rejects.toThrow(/model fault no-such-fault: no model fault named no-such-fault/);
    expect((await good).caught).toBe(true);
  }, 120_000);

  it('refuses jobs once closed', async () => {
    const closed = new SuiteThreads(1);
    await closed.close();
    await expect(closed.run({ kind: 'model fault', id: 'x', golden: GOLDEN_FILE })).rejects.toThrow(/closed/);
  });
});
