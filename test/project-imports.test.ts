// The project's folders import one way: the model from nothing, the solver layer and the
// implementation from neither each other nor anything that drives them, conformance from neither
// the report nor the tools around it; and no chain of imports, types and dynamic import() included,
// comes back to the file it started from. (test/impl-layers.test.ts holds impl/'s own layers.)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceOf, specifiersOf } from './support/imports.js';

const ROOT = resolve('.');
/** Every folder of sources but the tests and what is built or installed. */
const FOLDERS = readdirSync(ROOT).filter((d) => !['node_modules', 'dist', 'test'].includes(d) && !d.startsWith('.') && statSync(join(ROOT, d)).isDirectory());

function files(d: string): string[] {
  return readdirSync(d).flatMap((e) => {
    const p = join(d, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const graph = new Map(
  FOLDERS.flatMap((d) => files(join(ROOT, d))).map((f) => [
    f,
    specifiersOf(f, 'all').filter((s) => /^\.{1,2}\//.test(s)).map((s) => sourceOf(f, s)).filter((t) => existsSync(t)),
  ]),
);
const folderOf = (f: string): string => relative(ROOT, f).split('/')[0]!;

/** What each folder may not import from (the data flows model -> smt, model -> conformance -> impl). */
const NEVER: Record<string, readonly string[]> = {
  model: FOLDERS.filter((d) => d !== 'model'),
  smt: ['impl', 'conformance', 'services', 'report', 'bench', 'cli', 'scenarios', 'scripts'],
  impl: ['model', 'smt', 'conformance', 'services', 'report', 'bench', 'cli', 'scenarios', 'scripts', 'universes'],
  conformance: ['report', 'bench', 'cli', 'scenarios', 'scripts'],
};

describe('the project\'s imports', () => {
  it('reads every folder of sources, with the edges the sources show', () => {
    for (const d of ['model', 'smt', 'impl', 'conformance', 'services', 'report', 'bench', 'cli']) expect(FOLDERS).toContain(d);
    // an edge each way the rules below speak of, so that they cannot pass on an empty graph
    expect(graph.get(join(ROOT, 'smt/verify.ts'))).toContain(join(ROOT, 'model/net.ts'));
    expect(graph.get(join(ROOT, 'conformance/adapter.ts'))?.some((t) => folderOf(t) === 'impl')).toBe(true);
  });

  it.each(Object.entries(NEVER))('%s imports from none of the folders downstream of it', (folder, never) => {
    const wrong = [...graph].filter(([f]) => folderOf(f) === folder).flatMap(([f, ts]) => ts.filter((t) => never.includes(folderOf(t))).map((t) => `${relative(ROOT, f)} -> ${relative(ROOT, t)}`));
    expect(wrong).toEqual([]);
  });

  it('no import cycle among files', () => {
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      const at = path.indexOf(f);
      if (at >= 0) return void cycles.push([...path.slice(at), f].map((p) => relative(ROOT, p)).join(' -> '));
      if (done.has(f)) return;
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      done.add(f);
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
