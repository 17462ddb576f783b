// What a source file imports, read from its text, for the tests of the project's module layout
// (test/impl-layers.test.ts: impl/'s layers and cycles; test/project-imports.test.ts: the folders'
// direction and no cycle anywhere; test/module-graph.test.ts: what a command and a worker load
// before they work; test/bench-machine.test.ts: the packages the code imports).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// every module a file names: `import ... from` and `export ... from` (types included), `import '...'`,
// `import('...')` and `createRequire(...)('...')` (how the native bindings are loaded); a statement's
// start is anchored, so a string such as `Buffer.from('...')` is no specifier
const ANY = /^\s*(?:import|export)\b[^'";]*?\sfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|createRequire\([^)]*\)\(\s*['"]([^'"]+)['"]\s*\)/gm;
// the specifiers loaded with the file: static imports and re-exports of values (not `import type`,
// not `export type`, not `import()`)
const LOADED = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** The module specifiers of `file`: every one, or only those loaded when it is (`loaded`). */
export function specifiersOf(file: string, which: 'all' | 'loaded'): string[] {
  return [...readFileSync(file, 'utf8').matchAll(which === 'all' ? ANY : LOADED)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!);
}

/** The source file a relative specifier of `from` names (`./x.js` is `./x.ts` in the sources). */
export const sourceOf = (from: string, spec: string): string => resolve(dirname(from), spec.replace(/\.js$/, '.ts'));

/** The package a bare specifier names (`@scope/name` or `name`), or undefined for a relative or `node:` one. */
export function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('node:')) return undefined;
  return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
}
