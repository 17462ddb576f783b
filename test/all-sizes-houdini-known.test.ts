// The quantified Houdini given the invariant of an earlier run over fewer candidates
// (smt/all-sizes/houdini.ts `known`): those clauses are assumed and not asked again, and the
// result is the one of asking everything: the same clauses kept, the same ones dropped by the
// same cases. Here the earlier run has the shape clauses and hand lemmas, the later one the
// clauses mined on small besides, as check.ts runs them.
import { afterAll, describe, expect, it } from 'vitest';
import type { NetConfig } from '../model/config.js';
import { lemmasFor } from '../model/lemmas.js';
import { buildNet } from '../model/net.js';
import { type Candidate, type Ctx, houdini, relsOf } from '../smt/all-sizes/houdini.js';
import { clauseF, mine, reachable, shapeClauses } from '../smt/all-sizes/mine.js';
import { closeForall, conjuncts, liftProp, readingOf } from '../smt/all-sizes/reading.js';
import { Symbols, symbolicUniverse } from '../smt/all-sizes/symbolic.js';
import { shutdownZ3 } from '../smt/z3.js';
import { small } from '../universes/index.js';

afterAll(shutdownZ3);

const CFG: NetConfig = { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' };

describe('Houdini with a known invariant', () => {
  it(`${CFG.profile}/${CFG.variant}/${CFG.policy}: assuming the first run's invariant gives the same kept and dropped clauses as asking them all`, async () => {
    const R = readingOf(CFG, undefined, { patients: false });
    const ctx: Ctx = { R, label: 'test.known', timeoutSeconds: 60, records: [] };
    const cand = (key: string, f: Candidate['f'], source: string): Candidate => ({ key, f, source, rels: relsOf(f) });
    const first: Candidate[] = shapeClauses(R.sig).map((c, k) => cand(`shape#${k}`, clauseF(c), 'shape'));
    for (const l of lemmasFor(CFG.profile)) {
      const S = new Symbols(R.patients);
      conjuncts(l.statement(symbolicUniverse(S))).forEach((p, k) => first.push(cand(`lemma:${l.id}#${k}`, closeForall(liftProp(p, { R, S, U: symbolicUniverse(S) }), S), l.id)));
    }
    const net = buildNet(small, CFG);
    const mined = mine(net, reachable(net).states, R.sig, 3, true).map((c, k) => cand(`mined#${k}`, clauseF(c), 'mined'));
    const h1 = await houdini(ctx, first);
    const all = [...first, ...mined];
    const asked = await houdini(ctx, all);
    const assumed = await houdini(ctx, all, new Set(h1.kept.map((c) => c.key)));
    // the earlier invariant is inside the later one, and the known run agrees with the full one
    for (const c of h1.kept) expect(asked.kept.map((x) => x.key)).toContain(c.key);
    expect(assumed.kept.map((c) => c.key)).toEqual(asked.kept.map((c) => c.key));
    expect([...assumed.dropped]).toEqual([...asked.dropped]);
    expect(assumed.dropped.size).toBeGreaterThan(0);
  }, 600_000);
});
