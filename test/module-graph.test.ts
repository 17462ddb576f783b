// What a command and a verification worker load before they do any work. `sesphr verify` waits for
// its own modules before it plans, and its workers for theirs before they solve: a static import of
// the group backends, the report's charts or the universe files puts a native binding, WASM
// modules and YAML parsing in front of every run. The graph is read from the sources' static
// imports (dynamic `import()` is what keeps a module out of it).
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, program } from '../cli/sesphr.js';
import { packageOf, sourceOf, specifiersOf } from './support/imports.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The project files (relative to the root) and the packages reached from `start` by static imports. */
function staticGraph(start: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiersOf(join(root, file), 'loaded')) {
      const pkg = packageOf(spec);
      if (pkg !== undefined) packages.add(pkg);
      else if (spec.startsWith('.')) todo.push(relative(root, sourceOf(join(root, file), spec)));
    }
  }
  return { files, packages };
}

describe('what is loaded before the work starts', () => {
  it('the reader of the graph sees static imports and skips type-only ones', () => {
    const g = staticGraph('smt/catalogue.ts');
    expect(g.files).toContain('universes/index.ts');
    expect(g.files).toContain('smt/verify.ts');
    expect(g.packages).toContain('zod');
    expect(g.files).not.toContain('smt/verdict.ts'); // imported for its types only
  });

  it('the sesphr front loads no command until it knows which one is asked for', () => {
    const g = staticGraph('cli/sesphr.ts');
    expect([...g.files].filter((f) => f.startsWith('cli/commands/'))).toEqual([]);
  });

  it('each name the front loads a module for is the command that module registers, in help order', () => {
    // imported (not run), the front registers every command
    expect(program.commands.map((c) => c.name())).toEqual(COMMAND_NAMES);
  });

  it('sesphr verify leaves out the group backends, the report charts, the services and the conformance tools', () => {
    const g = staticGraph('cli/commands/verify.ts');
    // the backends' names (for --backend's help) come from a module that imports no backend
    expect([...g.files].filter((f) => /^(impl|services|conformance)\//.test(f) || f === 'report/plots.ts')).toEqual(['impl/group/backend.ts']);
    expect(staticGraph('impl/group/backend.ts').packages.size).toBe(0);
    for (const p of ['mcl-wasm', 'blst-swig', '@noble/curves', 'vega', 'vega-lite', 'fast-check', 'z3-solver']) expect(g.packages).not.toContain(p);
  });

  it('a verification worker leaves out the universe files and their schema, and the WASM solver', () => {
    const g = staticGraph('smt/worker.ts');
    expect(g.files).toContain('smt/verify.ts');
    expect([...g.files].filter((f) => f.startsWith('universes/') || f === 'smt/catalogue.ts')).toEqual([]);
    for (const p of ['zod', 'yaml', 'z3-solver']) expect(g.packages).not.toContain(p);
  });
});
