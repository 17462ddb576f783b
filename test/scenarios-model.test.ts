import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedScenarios } from '../scenarios/index.js';
import { loadScenario, parseScenario } from '../scenarios/load.js';
import { scenarioLoadError } from './support/scenarios.js';
import { tempDir } from './support/temp-dir.js';
import { runOnModel, ScenarioRunError } from '../scenarios/run-model.js';

const HEAD = 'name: x\nuniverse: paper\nprofile: paper\nvariant: srs-keys\npolicy: history\nsteps:\n';

describe('shipped scenarios on the model', () => {
  const files = shippedScenarios();
  it('ships the paper examples, the revoked doctor, both late joiners and each collusion', () => {
    const names = files.map((f) => f.split('/').pop());
    for (const n of ['pharmacist.yaml', 'insurer.yaml', 'family.yaml', 'researcher.yaml', 'revoked-doctor-honest.yaml', 'revoked-doctor-keeps.yaml', 'late-joiner-history.yaml', 'late-joiner-from-join-date.yaml', 'collusion-srs-cloud-srs-keys.yaml', 'collusion-srs-cloud-owner-keys.yaml', 'collusion-user-srs.yaml', 'collusion-revoked-cloud.yaml'])
      expect(names).toContain(n);
  });
  it.each(files)('%s meets its expectations', (f) => {
    const r = runOnModel(loadScenario(f));
    const failed = r.expectations.flatMap((e) => e.results.filter((x) => !x.ok).map((x) => `step ${e.step}: ${x.what}: expected ${x.expected}, got ${x.actual}`));
    expect(failed).toEqual([]);
    expect(r.expectations.length).toBeGreaterThan(0);
  });
});

describe('an expectation that is wrong fails', () => {
  it('reports the step and both answers', () => {
    const s = parseScenario('t.yaml', HEAD + '  - keys: [P, ins]\n  - upload: f1\n  - read: {user: ins, file: f1}\n  - expect: {can-read: [{party: ins, file: f1, partition: medical}]}\n');
    const r = runOnModel(s);
    expect(r.ok).toBe(false);
    expect(r.expectations[0].results[0]).toMatchObject({ expected: 'read', actual: 'no read', ok: false });
  });
});

describe('bad scenario files get positioned errors', () => {
  const at = (text: string) => scenarioLoadError('bad.yaml', text);
  it('broken YAML: file, line, column', () => expect(at('name: x\nsteps: [1\n')).toMatch(/^bad\.yaml:3:1: invalid YAML/));
  it('a misspelt field of a known verb', () => expect(at(HEAD + '  - keys: P\n  - upload: {file: f1, partitoin: medical}\n')).toBe("bad.yaml:8:13: steps.1.upload: unexpected key(s) 'partitoin'"));
  it('an unknown verb', () => expect(at(HEAD + '  - dance: P\n')).toMatch(/^bad\.yaml:7:5: steps\.0: not a known step/));
  it('a bad enum value', () => expect(at(HEAD.replace('policy: history', 'policy: sometimes'))).toMatch(/^bad\.yaml:5:9: policy: /));
  it('an invalid configuration', () => expect(at(HEAD.replace('srs-keys', 'owner-keys') + '  - keys: P\n')).toMatch(/bad\.yaml: profile 'paper' models the paper's key management only/));
  it('a missing file', () => expect(() => loadScenario(join(tempDir('sc-'), 'none.yaml'))).toThrow(/cannot read: ENOENT/));
  it('a step the model does not allow names the file, line and transition', () => {
    const s = parseScenario('t.yaml', HEAD + '  - upload: f1\n');
    expect(() => runOnModel(s)).toThrow(ScenarioRunError);
    expect(() => runOnModel(s)).toThrow(/t\.yaml:7: step 1 \(upload\): Compt_Ri\(f1,personal\) is not enabled/);
  });
  it('a file on disk loads like text', () => {
    const dir = tempDir('sc-');
    writeFileSync(join(dir, 'ok.yaml'), HEAD + '  - keys: P\n  - expect: {cannot-read: [{party: Cloud, file: f1, partition: medical}]}\n');
    expect(runOnModel(loadScenario(join(dir, 'ok.yaml'))).ok).toBe(true);
  });
});
