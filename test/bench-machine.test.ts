// What a bench run and a report record of the packages they ran on: every package the code
// imports, with the version installed, and the package behind an alias.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedPackages, machineInfo, patchedPackages } from '../bench/machine.js';
import { projectRoot } from '../report/meta.js';
import { packageOf, specifiersOf } from './support/imports.js';

const root = projectRoot();
// the folders whose code a bench run, the services it starts and a report load
const FOLDERS = ['bench', 'cli', 'conformance', 'impl', 'input', 'model', 'output', 'report', 'scenarios', 'scripts', 'services', 'smt', 'threads', 'universes'];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(root, dir, e.name)] : [],
  );
}

describe('the packages a run records', () => {
  const { packages, aliases, patched } = installedPackages();

  it('records every package the code imports', () => {
    const imported = new Set(FOLDERS.flatMap((d) => sources(d).flatMap((f) => specifiersOf(f, 'all').map(packageOf))).filter((p): p is string => p !== undefined));
    expect(imported.size).toBeGreaterThan(10);
    for (const p of imported) expect(Object.keys(packages), `${p}, imported by the code`).toContain(p);
    // the services' server and stores, which a fixed list had left out
    for (const p of ['fastify', 'better-sqlite3', 'koffi']) expect(imported).toContain(p);
  });

  it('records the version installed, and the package behind an alias', () => {
    for (const [name, version] of Object.entries(packages)) {
      const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { name: string; version: string };
      expect(version, name).toBe(installed.version);
      expect(aliases[name] ?? name, name).toBe(installed.name);
    }
    expect(aliases['blst-swig']).toBe('@chainsafe/blst');
    expect(Object.keys(packages).some((p) => p.startsWith('@types/'))).toBe(false);
    expect(machineInfo()).toMatchObject({ packages, aliases, patched });
  });

  it('records the packages npm install patches, each with a patch of the version installed', () => {
    const files = readdirSync(join(root, 'patches')).filter((f) => f.endsWith('.patch'));
    expect(Object.values(patched).sort()).toEqual(files.map((f) => `patches/${f}`).sort());
    expect(patched['z3-solver']).toBe(`patches/z3-solver+${packages['z3-solver']}.patch`);
  });

  it('reads a patch\'s package from its name as patch-package writes it', () => {
    expect(patchedPackages(['z3-solver+5.2.0.patch', '@scope+name+1.2.3.patch', 'a++b+1.0.0.patch', 'left-pad+1.3.0+001+fix.patch', 'left-pad+1.3.0+002+more.patch', 'tool+2.0.0-rc.1.dev.patch', 'README.md'])).toEqual({
      'z3-solver': 'patches/z3-solver+5.2.0.patch',
      '@scope/name': 'patches/@scope+name+1.2.3.patch',
      'a > b': 'patches/a++b+1.0.0.patch',
      'left-pad': 'patches/left-pad+1.3.0+001+fix.patch, patches/left-pad+1.3.0+002+more.patch',
      tool: 'patches/tool+2.0.0-rc.1.dev.patch',
    });
  });
});
