// The lifecycle's parts are off by default because of what each does to the state space; the
// README's "Defaults, by measurement" gives those state counts, and here they are computed again
// (the explorer on `small`, srs-keys/history, each universe key added to the shipped file), so the
// paragraph cannot drift from the net as earlier figures of it did.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODULES, type NetConfig } from '../model/config.js';
import { explore } from '../model/explore.js';
import { buildNet } from '../model/net.js';
import { parseUniverse, universesDir } from '../universes/index.js';

const smallText = readFileSync(`${universesDir()}/small.yaml`, 'utf8');
/** `small` with universe keys added, under a name of its own. */
const smallWith = (name: string, keys: string) => parseUniverse(`${name}.yaml`, smallText.replace(/^name: small$/m, `name: ${name}`) + keys);

const states = (keys: string, name: string, cfg: NetConfig) => {
  const r = explore(buildNet(smallWith(name, keys), cfg), []);
  expect(r.complete, `${name} explored to the end`).toBe(true);
  return r.states;
};
/** As the README writes a count: groups of three digits with a space. */
const written = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const paragraph = readme.slice(readme.indexOf('**Defaults, by measurement**')).split('\n\n')[0]!.replace(/\s+/g, ' ');

describe("README's state counts of the lifecycle's parts", () => {
  const adversarial: NetConfig = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' };
  const extended: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };

  it('narrowing and exceptions, on adversarial', () => {
    const from = states('', 'small-plain', adversarial);
    const to = states('narrowing: true\nexceptions: true\n', 'small-narrowing-exceptions', adversarial);
    expect(paragraph).toContain(`narrowing and exceptions take adversarial from ${written(from)} to ${written(to)} states`);
  });

  it('narrowing and exceptions, on adversarial with all three modules', { timeout: 300_000 }, () => {
    const withModules: NetConfig = { ...adversarial, modules: MODULES };
    const from = states('', 'small-plain', withModules);
    const to = states('narrowing: true\nexceptions: true\n', 'small-narrowing-exceptions', withModules);
    expect(paragraph).toContain(`adversarial with all three modules from ${written(from)} to ${written(to)}`);
  });

  it('one re-join and a second version, on extended', () => {
    const from = states('', 'small-plain', extended);
    const rejoin = states('rejoins: 1\n', 'small-rejoin', extended);
    const version = states('versions: 2\n', 'small-versions', extended);
    expect(paragraph).toContain(`one re-join takes extended from ${written(from)} to ${written(rejoin)} states, and a second version of every partition to ${written(version)}`);
  });
});
