// Mining for the patient-sorted reading (smt/all-sizes/mine.ts, the patient template): candidate
// clauses over a patient p, principals x, y, own(p), a file f and a label i, evaluated on markings
// of two-patients, checked against the ground net they come from:
//  - every mined clause holds, read by eval.ts (not by the miner's bitsets), on every marking it was
//    mined from, and is minimal there (each literal left out, some marking falsifies the rest);
//  - every mined clause is inside the decidable fragment, as an assumption and as a goal, with no
//    edge but own's Patient → Prin;
//  - where a patient-sorted property is open after the hand lemmas, the clauses Houdini keeps hold
//    on the reachable markings of two-patients, the verdicts mining moves to proved-all-sizes do
//    not contradict the finite golden verdicts, and a seeded fault still leaves unproved what it
//    should.
import { afterAll, describe, expect, it } from 'vitest';
import { type NetConfig, configName } from '../model/config.js';
import type { Marking } from '../model/marking.js';
import { ALL_RULES, buildNet } from '../model/net.js';
import { and } from '../model/prop.js';
import { lemmasFor } from '../model/lemmas.js';
import { PATIENT_CATALOGUE, propertiesFor, propertyById } from '../model/properties.js';
import { readGolden } from '../report/golden.js';
import { contradictions } from '../smt/all-sizes/catalogue.js';
import { checkAllSizes } from '../smt/all-sizes/check.js';
import { evalF } from '../smt/all-sizes/eval.js';
import { fragment, neg, show } from '../smt/all-sizes/fo.js';
import { type Lit, clauseF, mine, reachable, templateAtoms } from '../smt/all-sizes/mine.js';
import { Query } from '../smt/all-sizes/query.js';
import { AXIOMS_PATIENTS, readingOf } from '../smt/all-sizes/reading.js';
import { sampleMarkings } from '../smt/simulate.js';
import { universeByName } from '../universes/index.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

const twoPatients = universeByName('two-patients');
const EXTENDED: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };
const ADVERSARIAL: NetConfig = { profile: 'adversarial', variant: 'owner-keys', policy: 'history' };

/** A sample as check.ts mines on: the first markings breadth-first, and seeded random walks. */
function sample(cfg: NetConfig, n: number): Marking[] {
  const net = buildNet(twoPatients, cfg);
  return [...reachable(net, n).states, ...sampleMarkings(net, { walks: 60, length: 80, seed: 7 })];
}

describe('the patient template mined on markings of two-patients', () => {
  for (const cfg of [EXTENDED, ADVERSARIAL])
    it(`${configName(cfg)}: every mined clause holds on every marking it was mined from, is minimal there, and is inside the fragment`, () => {
      const R = readingOf(cfg, undefined, { patients: true });
      const net = buildNet(twoPatients, cfg);
      const states = sample(cfg, 1500);
      const mined = mine(net, states, R.sig, 3, true, true);
      expect(mined.length).toBeGreaterThan(50);
      // the template's terms: p in patient positions, x or own(p) in principal positions
      const atoms = templateAtoms(R.sig, true);
      expect(atoms.some((a) => a.rel === 'Member(#,#)' && a.args.join() === 'p,x')).toBe(true);
      expect(atoms.some((a) => a.rel === 'Member(#,#)' && a.args.join() === 'p,(own p)')).toBe(true);
      expect(atoms.some((a) => a.rel === 'FileOf' && a.args.join() === 'f,p')).toBe(true);
      // some clauses carry the guard FileOf(f,p) and three literals besides
      expect(mined.some((c) => c[0].rel === 'FileOf' && !c[0].pos && c.length === 4)).toBe(true);
      const holdsOnAll = (lits: readonly Lit[]) => { const f = clauseF(lits); return states.every((m) => evalF(f, net, m)); };
      for (const c of mined) {
        const f = clauseF(c);
        expect(holdsOnAll(c), show(f)).toBe(true);
        // minimal: without any one of its literals (the guard included), it fails on some marking
        c.forEach((_, k) => expect(holdsOnAll(c.filter((__, j) => j !== k)), `${show(f)} without literal ${k + 1}`).toBe(false));
        // the fragment: all ∀, so the only edge is own's
        for (const [where, g] of [['assumed', f], ['goal', neg(f)]] as const) {
          const r = fragment([...AXIOMS_PATIENTS.map((a, k) => ({ where: `axiom ${k + 1}`, f: a })), { where, f: g }]);
          expect(r.ok, `${where}: ${show(f)}`).toBe(true);
          expect(r.edges.map((e) => `${e.from}→${e.to}`)).toEqual(['Patient→Prin']);
        }
        const q = new Query('mined', R.sig, new Set(), true);
        AXIOMS_PATIENTS.forEach((a, k) => q.assert(`axiom ${k + 1}`, a));
        q.assert('mined', f);
        expect(() => q.text(), show(f)).not.toThrow();
      }
    }, 600_000);
});

describe('mining as the fallback of the patient-sorted reading', () => {
  const golden = readGolden('test/golden/verdicts.json');
  const props = (cfg: NetConfig) => propertiesFor(cfg, twoPatients).filter((p) => p.profiles.includes(cfg.profile) || PATIENT_CATALOGUE.includes(p));

  // The catalogue's hand lemmas prove it without mining; with the one that closes its
  // counterexample to induction withheld (an outsider of A holding R^U of A's file), mining on
  // two-patients has to find what that lemma says.
  const withheld = lemmasFor(EXTENDED.profile).filter((l) => l.id !== 'outsider-holds-no-RU');
  it(`${configName(EXTENDED)}: isolation.cross-patient, open after the hand lemmas with outsider-holds-no-RU withheld, is proved with mined clauses; every kept clause holds on the reachable markings of two-patients; no contradiction`, async () => {
    const before = await checkAllSizes(EXTENDED, props(EXTENDED), { patients: true, noMining: true, lemmas: withheld });
    const r = await checkAllSizes(EXTENDED, props(EXTENDED), { patients: true, lemmas: withheld });
    const kind = (x: typeof r, id: string) => x.results.find((y) => y.property === id)?.verdict.kind;
    expect(kind(before, 'isolation.cross-patient')).toBe('not-proved');
    expect(kind(r, 'isolation.cross-patient')).toBe('proved-all-sizes');
    // no verdict weaker than without mining
    for (const x of before.results) if (x.verdict.kind === 'proved-all-sizes') expect(`${x.property}: ${kind(r, x.property)}`).toBe(`${x.property}: proved-all-sizes`);
    const mined = r.kept.filter((c) => c.key.startsWith('mined#'));
    expect(mined.length).toBeGreaterThan(0);
    // every kept clause, mined or not, on the first 20 000 markings breadth-first and on random walks
    const net = buildNet(twoPatients, EXTENDED);
    const states = [...reachable(net, 20_000).states, ...sampleMarkings(net, { walks: 200, length: 150, seed: 11 })];
    for (const c of r.kept) {
      const bad = states.findIndex((m) => !evalF(c.f, net, m));
      expect(bad, `${c.source}: ${show(c.f)}`).toBe(-1);
    }
    expect(contradictions(r.results, golden)).toEqual([]);
    expect(r.invariant.nonVacuity.filter((n) => !n.enabled)).toEqual([]);
  }, 900_000);

  it('a seeded fault (D_R_S without its ACL check) leaves isolation.cross-patient and insider.fine-grained unproved, mined clauses or not', async () => {
    const rules = ALL_RULES.map((r) => (r.name === 'D_R_S' ? { ...r, ground: (b: Readonly<Record<string, string>>, ctx: Parameters<typeof r.ground>[1]) => { const g = r.ground(b, ctx); return g && { ...g, guard: g.guard.t === 'and' ? and(...g.guard.as.filter((a) => !(a.t === 'fact' && a.f.startsWith('ACL(')))) : g.guard }; } } : r));
    const ids = ['isolation.cross-patient', 'insider.fine-grained'];
    // the whole catalogue of the configuration, the lemma withheld as above, so that what the fault
    // leaves open is mined for (with every lemma, the walks find the fault's violation first)
    const r = await checkAllSizes(EXTENDED, props(EXTENDED), { patients: true, rules, lemmas: withheld });
    // isolation.cross-patient is open under the fault too (no finite trace within the bounds): mined clauses joined
    expect(r.invariant.invariant.some((c) => c.source.startsWith('mined on'))).toBe(true);
    for (const x of r.results.filter((y) => ids.includes(y.property))) expect(`${x.property}: ${x.verdict.kind}`).toMatch(/: (violated|not-proved)$/);
    expect(contradictions(r.results.filter((x) => !ids.includes(x.property)), golden)).toEqual([]);
  }, 900_000);
});
