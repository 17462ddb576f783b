// What a benchmark ran on: recorded beside every figure so numbers are never read without it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../input/project-root.js';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  v8: string;
  /** every package the project depends on, as installed (installedPackages) */
  packages: Record<string, string>;
  /** the packages installed under another name, and the package each is (`blst-swig`: `@chainsafe/blst`) */
  aliases: Record<string, string>;
  /** the packages `npm install` patches (patch-package), and the patch each gets (`z3-solver`:
   *  `patches/z3-solver+5.2.0.patch`): their code is the version named in `packages` with that patch */
  patched: Record<string, string>;
  loadAverage: number[];
}

/** The installed package.json of `pkg` (its own name and version), read from the project's
 *  node_modules (the bench runs from bench/ under ts-node and from dist/bench/ compiled; packages
 *  with an exports map hide their package.json from require.resolve). */
function installed(pkg: string): { name: string; version: string } | undefined {
  const path = join(projectRoot(), 'node_modules', pkg, 'package.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { name: string; version: string }) : undefined;
}

/**
 * Every package the project's package.json names, runtime and development (without the type-only
 * `@types/*`), with the version installed: the group backends, the native limit, the services'
 * server and stores, the solver, the compiler. Read from package.json rather than listed here, so a
 * package added there is recorded without anyone remembering to. A package installed under an alias
 * (`"blst-swig": "npm:@chainsafe/blst@0.2.11"`) is recorded under the name the code imports, and
 * `aliases` names the package it is.
 */
export function installedPackages(): { packages: Record<string, string>; aliases: Record<string, string>; patched: Record<string, string> } {
  const json = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const names = [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})].filter((n) => !n.startsWith('@types/')).sort();
  const packages: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  for (const name of names) {
    const pkg = installed(name);
    packages[name] = pkg?.version ?? 'not installed';
    if (pkg !== undefined && pkg.name !== name) aliases[name] = pkg.name;
  }
  return { packages, aliases, patched: patchedPackages() };
}

/**
 * patch-package's patches and the package each patches, read from their names as patch-package
 * writes them: `<name>+<version>[+<sequence>[+<description>]][.dev].patch`, a scope's slash written
 * `+` (`@scope+name+1.2.3.patch`) and a nested package after `++` (`a++b+1.0.0.patch`: b inside a,
 * named `a > b`). A package with several patches has them all, in order, joined by ', '.
 */
export function patchedPackages(files: readonly string[] = patchFiles()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of [...files].sort()) {
    const m = /^(.+?)\+(\d+\.\d+\.\d+[^+]*?)(?:\+\d+(?:\+.*)?)?(?:\.dev)?\.patch$/.exec(f);
    if (!m) continue;
    const name = m[1]!.split('++').map((p) => p.replace(/^(@[^+]+)\+/, '$1/')).join(' > ');
    out[name] = out[name] ? `${out[name]}, patches/${f}` : `patches/${f}`;
  }
  return out;
}

const patchFiles = (): string[] => {
  const dir = join(projectRoot(), 'patches');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.patch')) : [];
};

/** The package published under the name the code imports (`blst-swig`: @chainsafe/blst), and the
 *  version installed: how bench.json and the report name a group backend's library. */
export function installedAs(library: string, installed: Pick<MachineInfo, 'packages' | 'aliases'> = installedPackages()): { package: string; version: string } {
  return { package: installed.aliases[library] ?? library, version: installed.packages[library] ?? 'not installed' };
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    ...installedPackages(),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
