// The smallest-model search of smt/all-sizes/cti.ts: the sizes without a model are settled in one
// context, several at a time when a larger size has no model either; the size reported must still
// be the first of the search order that has a model. Queries whose smallest models are known by
// construction (so many distinct constants of each sort, or one of two such demands) are searched,
// on both readings, and the size found is compared with the first size of the order that meets the
// demand: a search that skipped a size with a model would report a later one.
import { afterAll, describe, expect, it } from 'vitest';
import type { NetConfig } from '../model/config.js';
import { ALL_RULES } from '../model/net.js';
import { scanSizes, smallestModel } from '../smt/all-sizes/cti.js';
import { type F, conj, disj, eq, neg } from '../smt/all-sizes/fo.js';
import { invariantQuery } from '../smt/all-sizes/houdini.js';
import { readingOf } from '../smt/all-sizes/reading.js';
import type { FoSort } from '../smt/all-sizes/symbolic.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

const CFG: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };
type Size = Record<FoSort, number>;
/** at least so many elements of each sort (missing: one) */
type Demand = Partial<Size>;
const SORTS: readonly FoSort[] = ['Patient', 'Prin', 'File', 'Part'];

/** Pairwise distinct constants, as many of each sort as the demand asks, named after `tag`. */
function distinct(tag: string, d: Demand): { consts: Array<[string, FoSort]>; f: F } {
  const consts: Array<[string, FoSort]> = [];
  const fs: F[] = [];
  for (const s of SORTS) {
    const names = Array.from({ length: d[s] ?? 0 }, (_, k) => `${tag}_${s}_${k}`);
    names.forEach((n, k) => { consts.push([n, s]); for (const m of names.slice(0, k)) fs.push(neg(eq(m, n))); });
  }
  return { consts, f: conj(...fs) };
}

const meets = (size: Size, d: Demand) => SORTS.every((s) => size[s] >= (d[s] ?? (s === 'Patient' ? 0 : 1)));

async function smallestFor(patients: boolean, demands: readonly Demand[]): Promise<Size | undefined> {
  const R = readingOf(CFG, ALL_RULES, { patients });
  const ctx = { R, label: 'test', timeoutSeconds: 30, records: [] };
  const parts = demands.map((d, k) => distinct(`d${k}`, d));
  const m = await smallestModel(ctx, (tag) => {
    const q = invariantQuery(ctx, `test.${tag}`, []);
    for (const p of parts) for (const [c, s] of p.consts) q.constant(c, s);
    return q.assert('the demand', disj(...parts.map((p) => p.f)));
  }, new Map());
  return m ? { ...m.sizes } : undefined;
}

describe('the smallest model is the first size of the search order that has one', () => {
  const cases: Array<{ patients: boolean; demands: Demand[] }> = [
    // one-patient reading: the owner P and the users are principals
    { patients: false, demands: [{ Prin: 2 }] },
    { patients: false, demands: [{ Prin: 3, File: 2 }] },
    { patients: false, demands: [{ Part: 3 }] },
    { patients: false, demands: [{ Prin: 4 }, { File: 3, Part: 2 }] },
    { patients: false, demands: [{ Prin: 2, File: 2, Part: 2 }] },
    // patient-sorted reading: each patient is also a principal
    { patients: true, demands: [{ Patient: 1, Prin: 3 }] },
    { patients: true, demands: [{ Patient: 2, Prin: 3 }] },
    { patients: true, demands: [{ Patient: 2, Prin: 2, File: 2 }, { Patient: 1, Prin: 4 }] },
  ];
  for (const { patients, demands } of cases)
    it(`${patients ? 'patient-sorted' : 'one-patient'} reading, at least ${demands.map((d) => JSON.stringify(d)).join(' or ')}`, async () => {
      const want = scanSizes(7, patients).find((s) => demands.some((d) => meets(s, d)));
      expect(want).toBeDefined();
      expect(await smallestFor(patients, demands)).toEqual(want);
    }, 120_000);

  it('no model within the bound: none reported', async () => {
    expect(await smallestFor(false, [{ Prin: 4, File: 3 }])).toBeUndefined();
  }, 120_000);
});
