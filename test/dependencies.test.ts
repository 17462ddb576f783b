// The installed tree as the lockfile pins it must install and run on every Node the project
// admits, and with an npm that runs only the install scripts a project has approved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../report/meta.js';

interface Locked {
  readonly name?: string;
  readonly version?: string;
  /** an object of ranges; some old packages wrote a list here, which npm ignores */
  readonly engines?: { readonly node?: string } | readonly string[];
  readonly hasInstallScript?: boolean;
}
const read = (file: string) => JSON.parse(readFileSync(join(projectRoot(), file), 'utf8'));
const pkg = read('package.json') as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = read('package-lock.json') as { packages: Record<string, Locked> };
/** the locked packages, each with the name it is published under (an alias keeps its own in `name`) */
const locked = Object.entries(lock.packages)
  .filter(([path]) => path !== '')
  .map(([path, p]) => ({ path, name: p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), p }));
const nodeRange = (p: Locked): string | undefined => (p.engines && !Array.isArray(p.engines) ? (p.engines as { node?: string }).node : undefined);

describe('the locked dependency tree', () => {
  it('admits the oldest Node the project admits, in every package that names a range', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const refusing = locked
      .filter(({ p }) => nodeRange(p) !== undefined && !semver.satisfies(oldest, nodeRange(p)!))
      .map(({ path, p }) => `${path}@${p.version} needs Node ${nodeRange(p)}`);
    expect(refusing, `package.json admits Node ${pkg.engines.node}`).toEqual([]);
  });

  it('approves every install script in allowScripts, and nothing that has none', () => {
    const allowed = pkg.allowScripts ?? {};
    const scripted = [...new Set(locked.filter(({ p }) => p.hasInstallScript).map(({ name }) => name))].sort();
    expect(scripted.filter((n) => allowed[n] !== true), 'install scripts allowScripts does not approve').toEqual([]);
    expect(Object.keys(allowed).filter((n) => !scripted.includes(n)), 'allowScripts entries with no install script').toEqual([]);
  });
});
