// `sesphr verify` with the modules: plannedRuns runs each module property on nets with its own
// modules on (and none by default), and Z3 computes their verdicts on `small`.
import { afterAll, describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { CATALOGUE, MODULE_CATALOGUE } from '../model/properties.js';
import { small } from '../universes/index.js';
import { verifyProperty } from '../smt/verify.js';
import { plannedRuns } from '../smt/catalogue.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

describe('plannedRuns and the modules', () => {
  it('by default plans the catalogue alone, exactly as before', () => {
    const runs = plannedRuns();
    expect(new Set(runs.map((r) => r.property.id))).toEqual(new Set(CATALOGUE.map((p) => p.id)));
    expect(runs.every((r) => r.cfg.modules === undefined)).toBe(true);
  });

  it('with modules, adds each module property they cover, on nets with its own modules on', () => {
    const runs = plannedRuns({ modules: ['tpa', 'time'], profiles: ['adversarial'], variants: ['srs-keys'], policies: ['history'] });
    const mod = runs.filter((r) => r.property.modules);
    expect(mod.map((r) => r.property.id).sort()).toEqual(MODULE_CATALOGUE.filter((p) => !p.modules!.includes('audit')).map((p) => p.id).sort());
    for (const r of mod) expect(r.cfg.modules).toEqual(r.property.modules);
    // a module property asked for by id runs with its modules whatever --modules says
    expect(plannedRuns({ properties: ['audit.every-R-logged'], profiles: ['extended'], variants: ['owner-keys'], policies: ['history'] }))
      .toMatchObject([{ cfg: { profile: 'extended', variant: 'owner-keys', policy: 'history', modules: ['audit'] } }]);
  });
});

describe('Z3 on the module properties (small, adversarial, owner-keys, from-join-date)', () => {
  it.each(MODULE_CATALOGUE.map((p) => [p.id, p] as const))('%s', async (_id, p) => {
    const net = buildNet(small, { profile: 'adversarial', variant: 'owner-keys', policy: 'from-join-date', modules: p.modules });
    const r = await verifyProperty(net, p, { timeoutSeconds: 120 });
    expect(r.verdict.kind).toBe(p.kind === 'reachable' ? 'witness' : 'proved');
    expect(r.modules).toEqual(p.modules);
  });
});
