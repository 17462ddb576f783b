// The Patient sort of the all-sizes reading (smt/all-sizes/fo.ts): which argument of a fact is a
// patient and which a principal comes from the model's term constructors, a patient in a
// principal's position is own(p), the rigid relations' axioms are satisfiable, and the fragment
// check sees own's edge Patient → Prin: an ∃ over Patient under a ∀ over Prin is refused, naming
// that edge, while the patient catalogue's shape (an ∃ over Prin under a ∀ over Patient) is decided.
import { afterAll, describe, expect, it } from 'vitest';
import { type NetConfig, configName } from '../model/config.js';
import { evaluate } from '../model/marking.js';
import { buildNet } from '../model/net.js';
import { type Prop, and, show as showProp } from '../model/prop.js';
import { PATIENT_CATALOGUE, propertiesFor, propertyById } from '../model/properties.js';
import { ALL_RULES } from '../model/net.js';
import { readGolden } from '../report/golden.js';
import { contradictions } from '../smt/all-sizes/catalogue.js';
import { checkAllSizes } from '../smt/all-sizes/check.js';
import { ACL, Member, RK, SRS, ginv, holds, key, sk } from '../model/terms.js';
import { universeByName } from '../universes/index.js';
import { evalF } from '../smt/all-sizes/eval.js';
import { atom, atomOf, conj, exists, forall, fragment, neg, own, show } from '../smt/all-sizes/fo.js';
import { patientInstances } from '../smt/all-sizes/instantiate.js';
import { reachable } from '../smt/all-sizes/mine.js';
import { Query, run } from '../smt/all-sizes/query.js';
import { AXIOMS_PATIENTS, guardOf, propertyClauses, readingOf } from '../smt/all-sizes/reading.js';
import type { FoSort } from '../smt/all-sizes/symbolic.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

const sorts: Record<string, FoSort> = { a: 'Patient', b: 'Patient', u: 'Prin', f: 'File', i: 'Part' };
const sortOf = (id: string) => sorts[id];

describe('sorts per constructor position (model/terms.ts)', () => {
  it('a patient is a Patient in a patient-scoped fact\'s tag and own(p) as a principal', () => {
    expect(atomOf(Member('u', 'a'), sortOf)).toEqual({ rel: 'Member(#,#)', args: ['a', 'u'], sorts: ['Patient', 'Prin'] });
    expect(atomOf(ACL('u', 'i', 'a'), sortOf)).toEqual({ rel: 'ACL(#,#,#)', args: ['a', 'u', 'i'], sorts: ['Patient', 'Prin', 'Part'] });
    expect(atomOf(holds(SRS, RK('u', 'a')), sortOf)).toEqual({ rel: 'holds(SRS,RK(#,#))', args: ['a', 'u'], sorts: ['Patient', 'Prin'] });
    expect(atomOf(holds('a', ginv('a')), sortOf)).toEqual({ rel: 'holds(#,ginv(#))', args: [own('a'), 'a'], sorts: ['Prin', 'Patient'] });
    expect(atomOf(holds('a', sk('a')), sortOf)).toEqual({ rel: 'holds(#,sk(#))', args: [own('a'), own('a')], sorts: ['Prin', 'Prin'] });
    expect(atomOf(holds('a', key('f', 'i')), sortOf).sorts).toEqual(['Prin', 'File', 'Part']);
    // a principal never stands in a patient's place
    expect(() => atomOf(Member('u', 'u'), sortOf)).toThrow(/patient's position/);
    // without a tag (one patient), the constructor's first argument is the user, as before
    expect(atomOf(Member('u'), sortOf)).toEqual({ rel: 'Member(#)', args: ['u'], sorts: ['Prin'] });
  });

  it('own(p) prints as the reports read it and stays a term of p', () => {
    const f = forall([['a', 'Patient']], atom('holds(#,sk(#))', [own('a'), own('a')]));
    expect(show(f)).toBe('∀a:Patient. holds(own(a),sk(own(a)))');
  });
});

describe('the rigid relations and the fragment check of the patient-sorted reading', () => {
  const records: never[] = [];
  const o = { timeoutSeconds: 30, header: 'test', records };

  it('the axioms of the rigid relations are satisfiable, and force an owner to be no patient\'s user', async () => {
    const q = new Query('axioms', new Map(), new Set(), true);
    AXIOMS_PATIENTS.forEach((a, k) => q.assert(`axiom ${k + 1}`, a));
    q.constant('a', 'Patient').constant('b', 'Patient');
    // sat alone; unsat with an owner that is b's joiner
    expect(await run(q, o, [atom('Joiner', ['b', own('a')]), neg(atom('Joiner', ['b', own('a')]))])).toEqual(['unsat', 'sat']);
  });

  it('an ∃ over Prin under a ∀ over Patient (the closure inside a patient-catalogue clause) is decided', () => {
    // ∀ a, f, i: ¬∃ u. RK(a,u) at the SRS ∧ sk(u) with own(a): the shape of collusion.patient-srs
    const clause = forall([['a', 'Patient'], ['f', 'File'], ['i', 'Part']], neg(exists([['u', 'Prin']], conj(atom('holds(SRS,RK(#,#))', ['a', 'u']), atom('holds(#,sk(#))', [own('a'), 'u'])))));
    const r = fragment([{ where: 'a patient-catalogue clause', f: neg(clause) }, { where: 'the invariant', f: forall([['a', 'Patient']], atom('IsOwner', [own('a')])) }]);
    expect(r.ok).toBe(true);
    // asserted positively (as an assumed clause), the ∃ becomes ∀: no edge but own's
    const asAssumed = fragment([{ where: 'an assumed clause', f: clause }]);
    expect(asAssumed.ok).toBe(true);
    expect(asAssumed.edges.map((e) => `${e.from}→${e.to}`)).toEqual(['Patient→Prin']);
  });

  it('an ∃ over Patient under a ∀ over Prin is refused, naming its edge', () => {
    // "every principal holding a key is the owner of some patient": ∀ x ∃ p. x = own(p)
    const f = forall([['x', 'Prin']], exists([['p', 'Patient']], atom('holds(#,sk(#))', [own('p'), 'x'])));
    const r = fragment([{ where: 'assumed: every principal is some patient', f }]);
    expect(r.ok).toBe(false);
    expect(r.why).toMatch(/in assumed: every principal is some patient, an ∃ over Patient sits under a ∀ over Prin/);
    expect(r.why).toContain('Prin→Patient');
    expect(r.why).toContain('Patient→Prin');
    expect(() => new Query('refused', new Map(), new Set(), true).assert('assumed: every principal is some patient', f).text()).toThrow(/outside the decidable fragment/);
  });
});

const twoPatients = universeByName('two-patients');
const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();
const PATIENT_CONFIGS: NetConfig[] = [
  { profile: 'paper', variant: 'srs-keys', policy: 'history' },
  { profile: 'extended', variant: 'srs-keys', policy: 'history' },
  { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' },
  { profile: 'adversarial', variant: 'owner-keys', policy: 'history' },
];

describe('the patient-sorted reading instantiated on two-patients is the ground net, transition by transition', () => {
  for (const cfg of PATIENT_CONFIGS)
    it(configName(cfg), () => {
      const R = readingOf(cfg, undefined, { patients: true });
      const net = buildNet(twoPatients, cfg);
      // the guards are formulas with ∃ patients: compared with the ground guard on reachable markings
      const { states } = reachable(net, cfg.profile === 'paper' ? 300_000 : 3000);
      const seen = new Map<string, number>();
      for (const c of R.cases) {
        const g = guardOf(R, { ...c, split: undefined });
        for (const inst of patientInstances(c, twoPatients)) {
          // a split case and its complement instantiate to the same ground transition: counted once
          if (c.split?.holds !== false) seen.set(inst.id, (seen.get(inst.id) ?? 0) + 1);
          const t = net.byId.get(inst.id);
          expect(t, `${inst.id} (case ${c.what}) is a ground transition`).toBeDefined();
          expect(sorted(inst.add), inst.id).toEqual(sorted(t!.add));
          expect(sorted(inst.del), inst.id).toEqual(sorted(t!.del));
          const w = (x: { if: Prop; add: readonly string[]; del: readonly string[] }) => `${showProp(x.if)} | ${sorted(x.add)} | ${sorted(x.del)}`;
          expect(sorted(inst.when.map(w)), inst.id).toEqual(sorted(t!.when.map(w)));
          const differ = states.filter((m) => evalF(g, net, m, inst.val) !== evaluate(net, t!.guard, m));
          expect(`${inst.id} (${c.what}): guard differs on ${differ.length} of ${states.length} markings`).toBe(`${inst.id} (${c.what}): guard differs on 0 of ${states.length} markings`);
          if (c.split) {
            // the condition the case is split on, read ∀ over its loop variables, is the ground condition
            const cond = guardOf(R, { ...c, g: { ...c.g, guard: { t: 'const', v: true } } });
            const ground = t!.when.find((x) => x.del.length && x.if.t !== 'fact')!.if;
            const bad = states.filter((m) => evalF(cond, net, m, inst.val) !== (evaluate(net, ground, m) === c.split!.holds));
            expect(`${inst.id}: split condition differs on ${bad.length} markings`).toBe(`${inst.id}: split condition differs on 0 markings`);
          }
        }
      }
      expect([...seen.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(sorted([...seen.keys()])).toEqual(sorted(net.transitions.map((t) => t.id)));
    }, 600_000);
});

describe('properties read over the Patient sort agree with their ground statements on every reachable marking of two-patients', () => {
  // paper exhaustively (8 814 markings); adversarial on the first markings breadth-first
  for (const [cfg, bound] of [[PATIENT_CONFIGS[0], 300_000], [PATIENT_CONFIGS[3], 4000]] as const)
    it(configName(cfg), () => {
      const R = readingOf(cfg, undefined, { patients: true });
      const net = buildNet(twoPatients, cfg);
      const { states, complete } = reachable(net, bound);
      expect(complete || bound < 300_000).toBe(true);
      for (const p of propertiesFor(cfg, twoPatients).filter((x) => x.kind === 'invariant')) {
        const lifted = conj(...propertyClauses(R, p).map((c) => c.f));
        const stmt = p.statement(net);
        const differ = states.filter((m) => evalF(lifted, net, m) !== evaluate(net, stmt, m));
        expect(`${p.id}: ${differ.length} markings differ`).toBe(`${p.id}: 0 markings differ`);
      }
    }, 600_000);
});

describe('the fragment check on the patient catalogue', () => {
  it('each clause of the patient catalogue is decided as a goal (after negation), with the edges of own and the closure only', () => {
    const cfg: NetConfig = { profile: 'adversarial', variant: 'owner-keys', policy: 'history' };
    const R = readingOf(cfg, undefined, { patients: true });
    for (const p of PATIENT_CATALOGUE) {
      const clauses = propertyClauses(R, p);
      expect(clauses.length, p.id).toBeGreaterThan(0);
      for (const c of clauses) {
        const q = new Query(`goal ${p.id}`, R.sig, new Set(), true);
        AXIOMS_PATIENTS.forEach((a, k) => q.assert(`axiom ${k + 1}`, a));
        const body = c.f.t === 'q' && c.f.q === 'forall' ? c.f.body : c.f;
        c.f.t === 'q' && c.f.vars.forEach(([v, so]) => q.constant(v, so));
        q.assert(`¬ ${p.id}`, neg(body));
        expect(() => q.text(), p.id).not.toThrow();
      }
    }
  });
});

describe('proofs over the Patient sort', () => {
  const golden = readGolden('test/golden/verdicts.json');
  // paper: every reachable marking of two-patients (8 814); adversarial: the first 20 000 breadth-first (it has millions)
  for (const [cfg, bound, provedIds] of [
    [PATIENT_CONFIGS[0], 300_000, ['isolation.cross-patient', 'paper.no-ungranted-R', 'insider.fine-grained', 'conf.cloud']],
    [PATIENT_CONFIGS[3], 20_000, ['isolation.cross-patient', 'collusion.patient-srs', 'conf.cloud', 'insider.fine-grained']],
  ] as const)
    it(`${configName(cfg)}: every kept clause holds on the reachable markings of two-patients; the patient catalogue proved or given its reason; no contradiction`, async () => {
      const props = propertiesFor(cfg, twoPatients).filter((p) => p.profiles.includes(cfg.profile) || PATIENT_CATALOGUE.includes(p));
      const r = await checkAllSizes(cfg, props, { patients: true });
      const net = buildNet(twoPatients, cfg);
      const { states } = reachable(net, bound);
      for (const c of r.kept) {
        const bad = states.findIndex((m) => !evalF(c.f, net, m));
        expect(bad, `${c.source}: ${show(c.f)}`).toBe(-1);
      }
      for (const id of provedIds) expect(`${id}: ${r.results.find((x) => x.property === id)?.verdict.kind}`).toBe(`${id}: proved-all-sizes`);
      for (const x of r.results) {
        expect(x.patients).toBe(true);
        if (x.verdict.kind === 'proved-all-sizes') expect(x.verdict.covers).toMatch(/^any number of users, files, partitions and two or more patients/);
        // read (its symbolic statement has instances, each user read from its own patient's joiners):
        // proved, or not proved with its smallest counterexample to induction; never "not read"
        if (x.property === 'collusion.members-of-two-patients') {
          const v = x.verdict;
          expect(v.kind === 'proved-all-sizes' || (v.kind === 'not-proved' && v.cti !== undefined), JSON.stringify(v).slice(0, 300)).toBe(true);
        }
      }
      expect(contradictions(r.results, golden)).toEqual([]);
      expect(r.invariant.nonVacuity.filter((n) => !n.enabled)).toEqual([]);
    }, 900_000);

  it('a seeded fault (D_R_S without its ACL check) breaks isolation.cross-patient over the Patient sort', async () => {
    const cfg = PATIENT_CONFIGS[0];
    const rules = ALL_RULES.map((r) => (r.name === 'D_R_S' ? { ...r, ground: (b: Readonly<Record<string, string>>, ctx: Parameters<typeof r.ground>[1]) => { const g = r.ground(b, ctx); return g && { ...g, guard: g.guard.t === 'and' ? and(...g.guard.as.filter((a) => !(a.t === 'fact' && a.f.startsWith('ACL(')))) : g.guard }; } } : r));
    const r = await checkAllSizes(cfg, [propertyById('isolation.cross-patient'), propertyById('insider.fine-grained')], { patients: true, rules });
    for (const x of r.results) expect(`${x.property}: ${x.verdict.kind}`).not.toBe(`${x.property}: proved-all-sizes`);
  }, 900_000);
});
