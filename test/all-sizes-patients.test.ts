// The Patient sort of the all-sizes reading (smt/all-sizes/fo.ts): which argument of a fact is a
// patient and which a principal comes from the model's term constructors, a patient in a
// principal's position is own(p), the rigid relations' axioms are satisfiable, and the fragment
// check sees own's edge Patient → Prin: an ∃ over Patient under a ∀ over Prin is refused, naming
// that edge, while the patient catalogue's shape (an ∃ over Prin under a ∀ over Patient) is decided.
import { afterAll, describe, expect, it } from 'vitest';
import { ACL, Member, RK, SRS, ginv, holds, key, sk } from '../model/terms.js';
import { atom, atomOf, conj, exists, forall, fragment, neg, own, show } from '../smt/all-sizes/fo.js';
import { Query, run } from '../smt/all-sizes/query.js';
import { AXIOMS_PATIENTS } from '../smt/all-sizes/reading.js';
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
