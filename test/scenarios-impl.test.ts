import { describe, expect, it } from 'vitest';
import { shippedScenarios } from '../scenarios/index.js';
import { loadScenario, parseScenario } from '../scenarios/load.js';
import { runOnImpl } from '../scenarios/run-impl.js';
import { runOnModel } from '../scenarios/run-model.js';

describe('shipped scenarios on the real implementation', () => {
  it.each(shippedScenarios())('%s: the implementation performs every model event and meets the expectations', (f) => {
    const s = loadScenario(f);
    const r = runOnImpl(s, runOnModel(s));
    expect(r.divergences).toEqual([]);
    const failed = r.expectations.flatMap((e) => e.results.filter((x) => !x.ok).map((x) => `${x.what}: expected ${x.expected}, got ${x.actual}`));
    expect(failed).toEqual([]);
  });
});

describe('the implementation side can fail', () => {
  it('a wrong expectation fails on the implementation too (the collusion reads are real bytes)', () => {
    const s = parseScenario('t.yaml', `name: t\nuniverse: paper\nprofile: adversarial\nvariant: srs-keys\npolicy: history\nsteps:\n  - keys: P\n  - upload: f1\n  - expect: {cannot-read: [{party: [SRS, Cloud], file: f1, partition: medical}]}\n`);
    const m = runOnModel(s);
    const r = runOnImpl(s, m);
    expect(m.ok).toBe(false);
    expect(r.ok).toBe(false);
    expect(r.expectations[0].results[0]).toMatchObject({ expected: 'no read', actual: 'read' });
  });
});
