// impl/ in layers: errors and holdings (the vocabulary every layer shares) < group < scheme <
// modules < parties < tools < the barrel. A file imports (values or types) only from its own
// layer or a lower one, and no chain of imports comes back to where it started.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceOf, specifiersOf } from './support/imports.js';

const ROOT = resolve('impl');
const RANK: Record<string, number> = { '.': 0, group: 1, scheme: 2, modules: 3, parties: 4, tools: 5 };

function files(d: string): string[] {
  return readdirSync(d).flatMap((e) => {
    const p = join(d, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return specifiersOf(file, 'all').filter((s) => /^\.{1,2}\//.test(s)).map((s) => sourceOf(file, s));
}

const layer = (f: string): string => dirname(relative(ROOT, f));
const rank = (f: string): number => (relative(ROOT, f) === 'index.ts' ? 99 : RANK[layer(f)] ?? -1);
const graph = new Map(files(ROOT).map((f) => [f, imports(f).filter((t) => t.startsWith(ROOT + '/'))]));

describe('impl layers', () => {
  // the checks below pass on a graph without edges, so first: the graph holds the imports the files make
  it('the import graph has the edges the sources show', () => {
    const edge = (from: string, to: string) => graph.get(join(ROOT, from))?.includes(join(ROOT, to));
    expect(edge('scheme/scheme.ts', 'group/group.ts'), 'scheme/scheme.ts -> group/group.ts').toBe(true);
    expect(edge('parties/principal.ts', 'scheme/scheme.ts'), 'parties/principal.ts -> scheme/scheme.ts').toBe(true);
    // about four imports of impl/ per file today: fewer than one each means imports went unread
    const edges = [...graph.values()].reduce((n, ts) => n + ts.length, 0);
    expect(edges).toBeGreaterThan(graph.size);
  });

  it('every file sits in a known layer', () => {
    const unknown = [...graph.keys()].filter((f) => rank(f) < 0).map((f) => relative(ROOT, f));
    expect(unknown).toEqual([]);
  });

  it('no import goes up a layer', () => {
    const up: string[] = [];
    for (const [f, ts] of graph) for (const t of ts) if (rank(t) > rank(f)) up.push(`${relative(ROOT, f)} -> ${relative(ROOT, t)}`);
    expect(up).toEqual([]);
  });

  it('no import cycle among files', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(ROOT, p)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
