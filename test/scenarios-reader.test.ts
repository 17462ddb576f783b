// One reader of bytes: a scenario's implementation side reads through the conformance oracle's
// reader (every key held, on every ciphertext held), so a key shared across files shows there too.
import { describe, expect, it } from 'vitest';
import { shippedScenarios } from '../scenarios/index.js';
import { loadScenario } from '../scenarios/load.js';
import { runOnImpl } from '../scenarios/run-impl.js';
import { runOnModel } from '../scenarios/run-model.js';
import { FAULTS } from '../scripts/faults.js';

const fault = FAULTS.find((f) => f.id === 'r-reused-across-files')!;

describe('scenarios read bytes as conformance does', () => {
  it('the r-reused-across-files fault fails the shipped revoked-user-and-cloud scenario: the old file\'s key opens the new file', () => {
    const file = shippedScenarios().find((f) => f.endsWith('collusion-revoked-cloud.yaml'))!;
    const s = loadScenario(file);
    const model = runOnModel(s);
    expect(model.ok).toBe(true);
    expect(runOnImpl(s, model).ok).toBe(true);
    const faulty = runOnImpl(s, model, 'scenario', fault.make);
    expect(faulty.ok).toBe(false);
    const failed = faulty.expectations.flatMap((e) => e.results.filter((r) => !r.ok).map((r) => r.what));
    expect(failed.join('\n')).toMatch(/f2/);
  });
});
