import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFingerprints, compareGolden, GoldenError, goldenKey, readFingerprints, readGolden, writeGolden } from '../report/golden.js';
import { plannedRuns, verifyCatalogue } from '../smt/catalogue.js';
import { shutdownZ3 } from '../smt/z3.js';
import { MODULE_CATALOGUE } from '../model/properties.js';
import { tempDir } from './support/temp-dir.js';

afterAll(shutdownZ3);

const GOLDEN = 'test/golden/verdicts.json';

describe('golden verdicts (regression mode)', () => {
  it('the module properties on the small universe give the committed verdicts', async () => {
    // (the core catalogue's small runs are compared in test/smt-explorer.test.ts, which verifies them anyway)
    const results = await verifyCatalogue({ universe: 'small', properties: MODULE_CATALOGUE.map((p) => p.id) });
    expect(results.length).toBeGreaterThan(40);
    expect(compareGolden(readGolden(GOLDEN), results)).toEqual([]);
    expect(compareFingerprints(readFingerprints(GOLDEN), results)).toEqual([]);
  }, 900_000); // each run also checks its premise (vacuity)

  it("the golden file's small entries are exactly the planned runs, so each is checked by one of these tests", () => {
    const planned = [
      ...plannedRuns({ universe: 'small' }),
      ...plannedRuns({ universe: 'small', properties: MODULE_CATALOGUE.map((p) => p.id) }),
    ].map(({ property, cfg }) => goldenKey({ property: property.id, universe: 'small', ...cfg }));
    const inFile = Object.keys(readGolden(GOLDEN)).filter((k) => k.includes(' @ small/'));
    expect([...inFile].sort()).toEqual([...new Set(planned)].sort());
  });

  it('names a verdict that moved, and a run the golden file does not know', async () => {
    const results = await verifyCatalogue({ universe: 'small', properties: ['collusion.srs-cloud'], variants: ['srs-keys'], policies: ['history'] });
    const dir = tempDir('golden-');
    const file = join(dir, 'g.json');
    writeGolden(file, results);
    const key = Object.keys(readGolden(file))[0];
    writeFileSync(file, JSON.stringify({ verdicts: { [key]: 'proved' } }));
    expect(compareGolden(readGolden(file), results)).toEqual([{ key, expected: 'proved', actual: 'violated' }]);
    expect(compareGolden({}, results)[0].expected).toBe('(not in golden file)');
  });

  it('rejects a golden file that is not one, saying what was expected', () => {
    const dir = tempDir('golden-');
    writeFileSync(join(dir, 'bad.json'), '{"verdicts": [1, 2]}');
    writeFileSync(join(dir, 'worse.json'), 'nope');
    expect(() => readGolden(join(dir, 'bad.json'))).toThrow(GoldenError);
    expect(() => readGolden(join(dir, 'bad.json'))).toThrow(/expected \{"verdicts"/);
    expect(() => readGolden(join(dir, 'worse.json'))).toThrow(/not JSON at line 1, column 1: invalid symbol$/);
    // a broken file is placed by line and column, its text not quoted back
    writeFileSync(join(dir, 'cut.json'), '{\n  "verdicts": {\n    "a @ b": "holds"\n    "c @ d": "holds"\n  }\n}\n');
    expect(() => readGolden(join(dir, 'cut.json'))).toThrow(new RegExp(`${join(dir, 'cut.json')}: not JSON at line 4, column 5: comma expected$`));
    expect(() => readGolden(join(dir, 'missing.json'))).toThrow(/cannot read: ENOENT/);
  });
});
