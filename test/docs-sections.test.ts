// Every section a source file or a README cites by name exists. The code's comments and the READMEs
// send the reader to measurements by section (`bench/README.md "Bare threads"`, `README "Answers
// reused across runs"`); a section renamed, moved or never written leaves the claim beside the
// citation with nothing to check it against.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** The project's own text files: sources, scripts and documents. */
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((p) => !/^(node_modules|dist|reports|\.git|\.cache|coverage)(\/|$)/.test(p) && /\.(ts|mjs|md)$/.test(p))
  // this file's own examples cite sections that do not exist, on purpose
  .filter((p) => p !== 'test/docs-sections.test.ts');

const norm = (s: string): string => s.replace(/`/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** A document's section names: its headings at any level and its bold lead-ins (`**Title.**`). */
function sectionsOf(text: string): string[] {
  return [...text.matchAll(/^#+\s+(.*)$/gm), ...text.matchAll(/\*\*([^*\n]+?)\*\*/g)].map((m) => norm(m[1]!));
}

interface Citation { file: string; doc: string; name: string }

/** The citations `DIR/README.md "Section"` (also `README "Section"`, `README.md, ("Section"`, and
 *  the same of a `HISTORY.md`, which keeps a README's sections' past under their headings) in a
 *  file's text, read across line breaks and the comment markers that continue a comment. */
function citationsIn(file: string, text: string): Citation[] {
  const flat = text.replace(/\n[ \t]*(?:\/\/|\*|#)?[ \t]*/g, ' ');
  return [...flat.matchAll(/((?:[\w.-]+\/)*(?:README|HISTORY))(?:\.md)?`?,?\s*\(?\s*"([^"]{3,100})"/g)]
    .map((m) => ({ file, doc: `${m[1]}.md`, name: norm(m[2]!).replace(/[.,;:]$/, '') }));
}

/** Where a citation leads: the cited document beside the citing file, else from the root; a name
 *  resolves when it begins a section's name there ("Hand-written arithmetic" cites "Hand-written
 *  arithmetic: what stays"). Undefined when it resolves. */
function unresolved(c: Citation, read: (path: string) => string | undefined): string | undefined {
  const docs = [normalize(join(dirname(c.file), c.doc)), normalize(c.doc)];
  const found = docs.map((d) => [d, read(d)] as const).filter(([, t]) => t !== undefined);
  if (!found.length) return `${c.file} cites ${c.doc} "${c.name}": no such document`;
  if (found.some(([, t]) => sectionsOf(t!).some((s) => s.startsWith(c.name)))) return undefined;
  return `${c.file} cites ${found.map(([d]) => d).join(' or ')} "${c.name}": no such section`;
}

const cache = new Map<string, string | undefined>();
const readDoc = (p: string): string | undefined => {
  if (!cache.has(p)) {
    let text: string | undefined;
    try {
      text = readFileSync(join(root, p), 'utf8');
    } catch {
      text = undefined; // no such file (or one removed since the listing)
    }
    cache.set(p, text);
  }
  return cache.get(p);
};

describe('sections cited by name', () => {
  it('reads citations across comment lines and tells a missing section from a present one', () => {
    const text = '// measured in bench/README.md "The\n// worker pool against its floor" and\n * bench/README.md, "No such heading"';
    const cs = citationsIn('impl/x.ts', text);
    expect(cs.map((c) => c.name)).toEqual(['the worker pool against its floor', 'no such heading']);
    const docs: Record<string, string> = { 'bench/README.md': '# b\n## The worker pool against its floor\n**A lead-in.** text' };
    const read = (p: string): string | undefined => docs[p];
    expect(unresolved(cs[0]!, read)).toBeUndefined();
    expect(unresolved(cs[1]!, read)).toMatch(/impl\/x\.ts cites bench\/README\.md "no such heading": no such section/);
    expect(unresolved({ file: 'a.ts', doc: 'README.md', name: 'a lead-in' }, (p) => (p === 'README.md' ? docs['bench/README.md'] : undefined))).toBeUndefined();
    expect(unresolved({ file: 'a.ts', doc: 'nowhere/README.md', name: 'x' }, read)).toMatch(/no such document/);
    // a HISTORY.md is cited as a README is, beside the citing file
    expect(citationsIn('bench/README.md', 'HISTORY.md "The 64 MB peaks"')).toEqual([{ file: 'bench/README.md', doc: 'HISTORY.md', name: 'the 64 mb peaks' }]);
  });

  it('every cited section exists', () => {
    // a file another test made and removed since the listing has nothing to cite
    const all = files.flatMap((f) => citationsIn(f, readDoc(f) ?? ''));
    // the project cites its sections throughout: a reader that finds few has stopped reading them
    expect(all.length).toBeGreaterThan(50);
    const missing = all.map((c) => unresolved(c, readDoc)).filter((m) => m !== undefined);
    expect(missing).toEqual([]);
  });
});
