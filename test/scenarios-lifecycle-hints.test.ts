// A scenario using a lifecycle part its universe leaves off (narrowing, exceptions, a later version,
// a re-join) is told which universe key turns it on, at the step's position, and the same steps
// run on a universe that has them.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/load.js';
import { scenarioLoadError } from './support/scenarios.js';
import { runOnModel, ScenarioRunError } from '../scenarios/run-model.js';

const head = (universe: string) => `name: t\nuniverse: ${universe}\nprofile: extended\nvariant: srs-keys\npolicy: from-join-date\nsteps:\n  - keys: P\n  - join: d\n  - upload: f1\n`;

const loadError = (text: string) => scenarioLoadError('t.yaml', text);

const runError = (text: string) => {
  try {
    runOnModel(parseScenario('t.yaml', text));
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioRunError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('lifecycle parts a universe leaves off', () => {
  it('a later version names the versions key', () =>
    expect(loadError(`${head('small')}  - upload: f1~2\n`)).toBe("t.yaml:10:13: steps.3.upload: universe 'small' keeps 1 version(s) per partition: `versions: 2` or more in a universe allows f1~2 (the shipped universe 'lifecycle' has versions: 2)"));
  it('a later key generation names the rejoins key', () =>
    expect(loadError(`${head('small')}  - revoke: d\n  - join: d~2\n`)).toMatch(/^t\.yaml:11:\d+: steps\.4\.join: universe 'small' allows 0 re-join\(s\): `rejoins: 1` or more/));
  it('joining again under the old name says how a re-join is written', () =>
    expect(runError(`${head('small')}  - revoke: d\n  - join: d\n`)).toMatch(/DUPLICATE_USER.*if d was revoked, a revoked user joins again as its next key generation \(`join: d~2`\), which needs `rejoins: 1`/));
  it('Ungrant names the narrowing key', () =>
    expect(runError(`${head('small')}  - ungrant: { user: d, partition: medical }\n`)).toMatch(/universe 'small' has narrowing off \(`narrowing: true` in a universe/));
  it('the same steps run where the universe has them', () => {
    const r = runOnModel(parseScenario('t.yaml', `${head('lifecycle')}  - ungrant: { user: d, partition: medical }\n  - revoke: d\n  - upload: f1~2\n  - join: d~2\n`));
    expect(r.events.length).toBeGreaterThan(5);
  });
});
