import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareGolden, GoldenError, readGolden, writeGolden } from '../report/golden.js';
import { verifyCatalogue } from '../smt/verify.js';
import { shutdownZ3 } from '../smt/z3.js';
import { MODULE_CATALOGUE } from '../model/properties.js';

afterAll(shutdownZ3);

const GOLDEN = 'test/golden/verdicts.json';

describe('golden verdicts (regression mode)', () => {
  it('the whole catalogue on the small universe gives the committed verdicts', async () => {
    const results = [
      ...(await verifyCatalogue({ universe: 'small' })),
      ...(await verifyCatalogue({ universe: 'small', properties: MODULE_CATALOGUE.map((p) => p.id) })),
    ];
    const golden = readGolden(GOLDEN);
    expect(results.length).toBeGreaterThan(80);
    expect(compareGolden(golden, results)).toEqual([]);
    // every small-universe entry of the golden file was checked
    const checked = new Set(results.map((r) => `${r.property} @ small/${r.profile}/${r.variant}/${r.policy}`));
    expect(Object.keys(golden).filter((k) => k.includes(' @ small/') && !checked.has(k))).toEqual([]);
  });

  it('names a verdict that moved, and a run the golden file does not know', async () => {
    const results = await verifyCatalogue({ universe: 'small', properties: ['collusion.srs-cloud'], variants: ['srs-keys'], policies: ['history'] });
    const dir = mkdtempSync(join(tmpdir(), 'golden-'));
    const file = join(dir, 'g.json');
    writeGolden(file, results);
    const key = Object.keys(readGolden(file))[0];
    writeFileSync(file, JSON.stringify({ verdicts: { [key]: 'proved' } }));
    expect(compareGolden(readGolden(file), results)).toEqual([{ key, expected: 'proved', actual: 'violated' }]);
    expect(compareGolden({}, results)[0].expected).toBe('(not in golden file)');
  });

  it('rejects a golden file that is not one, saying what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-'));
    writeFileSync(join(dir, 'bad.json'), '{"verdicts": [1, 2]}');
    writeFileSync(join(dir, 'worse.json'), 'nope');
    expect(() => readGolden(join(dir, 'bad.json'))).toThrow(GoldenError);
    expect(() => readGolden(join(dir, 'bad.json'))).toThrow(/expected \{"verdicts"/);
    expect(() => readGolden(join(dir, 'worse.json'))).toThrow(/not JSON/);
    expect(() => readGolden(join(dir, 'missing.json'))).toThrow(/cannot read: ENOENT/);
  });
});
