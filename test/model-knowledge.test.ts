import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTokens, closure, closureRules, knowsFormula, readable } from '../model/knowledge.js';
import { evaluate, markingOf } from '../model/marking.js';
import { buildNet } from '../model/net.js';
import { C, GINV, PHR, RK, RP, RU, holds, key, pk, r, sk } from '../model/terms.js';
import { small } from '../universes/index.js';

const U = small; // owner P, doctor d, outsider o; partitions medical, insurance; file f1
const reads = (held: string[]) => readable(U, held).map((x) => `${x.file}/${x.partition}`);

describe('knowledge closure: hand-checked cases', () => {
  it.each([
    ['nothing', [], []],
    ['C alone (the cloud)', [C('f1', 'medical')], []],
    ['R^U without C', [RU('d', 'f1', 'medical'), sk('d')], []],
    ['the legitimate user: R^U + sk + C (Eqs. 19-22)', [RU('d', 'f1', 'medical'), sk('d'), C('f1', 'medical')], ['f1/medical']],
    ['R^U of another user does not help', [RU('o', 'f1', 'medical'), sk('d'), C('f1', 'medical')], []],
    ['the owner: r + C', [r('f1', 'insurance'), C('f1', 'insurance')], ['f1/insurance']],
    ['SRS under srs-keys + cloud: sk(P) + R^P + C', [sk('P'), RP('f1', 'medical'), C('f1', 'medical')], ['f1/medical']],
    ['SRS under owner-keys + cloud: RK + R^P + C, no user secret', [RK('d'), RP('f1', 'medical'), RP('f1', 'insurance'), C('f1', 'medical'), C('f1', 'insurance')], []],
    ['user + SRS (single-key PRE collusion): RK(d) + sk(d) -> g^{1/x_P}, opens every partition', [RK('d'), sk('d'), RP('f1', 'medical'), RP('f1', 'insurance'), C('f1', 'medical'), C('f1', 'insurance')], ['f1/medical', 'f1/insurance']],
    ['user + SRS pairing: R^P + RK + sk(d) also gives R^U', [RP('f1', 'medical'), RK('d'), sk('d'), C('f1', 'medical')], ['f1/medical']],
    ['sk(P) + pk(d) -> RK(d) (owner-keys Eq. 14)', [sk('P'), pk('d'), RP('f1', 'medical'), C('f1', 'medical')], ['f1/medical']],
    ['revoked user keeps R^U + sk: still opens that old partition', [RU('d', 'f1', 'medical'), sk('d'), C('f1', 'medical'), C('f1', 'insurance')], ['f1/medical']],
  ] as const)('%s', (_name, held, expected) => {
    expect(reads([...held])).toEqual([...expected]);
  });

  it('derives g^{1/x_P} only from RK and the matching secret', () => {
    expect(closure(U, [RK('d'), sk('d')]).has(GINV)).toBe(true);
    expect(closure(U, [RK('d'), sk('o')]).has(GINV)).toBe(false);
    expect(closure(U, [RP('f1', 'medical'), sk('P')]).has(key('f1', 'medical'))).toBe(true);
  });

  it('the rule table is acyclic (no token is needed to derive itself)', () => {
    const rules = closureRules(U);
    const deps = new Map<string, Set<string>>();
    for (const r of rules) deps.set(r.conclusion, new Set([...(deps.get(r.conclusion) ?? []), ...r.premises]));
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (t: string) => {
      if (done.has(t)) return;
      expect(visiting.has(t), `cycle through ${t}`).toBe(false);
      visiting.add(t);
      for (const p of deps.get(t) ?? []) visit(p);
      visiting.delete(t);
      done.add(t);
    };
    for (const t of deps.keys()) visit(t);
  });
});

describe('the two interpreters of the closure agree', () => {
  it('forward fixpoint = backward formula, for random holdings of random coalitions', () => {
    const tokens = allTokens(U);
    const net = buildNet(U, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
    const parties = ['P', 'd', 'o', 'SRS', 'Cloud'];
    fc.assert(
      fc.property(fc.subarray(parties, { minLength: 1 }), fc.array(fc.tuple(fc.constantFrom(...parties), fc.constantFrom(...tokens)), { maxLength: 12 }), (coalition, held) => {
        const facts = held.map(([p, t]) => holds(p, t)).filter((f) => net.factIndex.has(f));
        const m = markingOf(net, facts);
        const mine = held.filter(([p, t]) => coalition.includes(p) && net.factIndex.has(holds(p, t))).map(([, t]) => t);
        const fwd = closure(U, mine);
        for (const t of [PHR('f1', 'medical'), PHR('f1', 'insurance'), key('f1', 'medical'), RK('d'), GINV, RU('d', 'f1', 'insurance')])
          expect(evaluate(net, knowsFormula(U, coalition, t), m), t).toBe(fwd.has(t));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
