// Vacuity: premises are read off the statements themselves, their reachability is checked with a
// witness, and a proof whose premise is unreachable is reported `vacuous`, never `proved`.
import { afterAll, describe, expect, it } from 'vitest';
import type { NetConfig } from '../model/config.js';
import { replay } from '../model/machine.js';
import { ALL_RULES, buildNet } from '../model/net.js';
import { evaluate } from '../model/marking.js';
import { CATALOGUE, propertyById } from '../model/properties.js';
import { implies, fact, show } from '../model/prop.js';
import { small } from '../universes/index.js';
import { expectedVacuity, premiseOf } from '../model/vacuity.js';
import { MODEL_FAULTS } from '../scripts/model-faults.js';
import { checkRun } from '../smt/verify.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

const extended: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };
const faultyRules = (id: string) => MODEL_FAULTS.find((f) => f.id === id)!.rules!(ALL_RULES);

describe('premises come from the statements', () => {
  it('implies keeps its premise on the formula it builds; a plain disjunction has none', () => {
    const p = implies(fact('A'), fact('B'));
    expect(p.t === 'or' && p.premise && show(p.premise)).toBe('A');
    expect(implies(fact('A'), fact('B')).t).toBe('or');
  });

  it('every invariant and step property of the catalogue that is an implication has a premise; plain invariants have none', () => {
    const net = buildNet(small, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
    const withPremise = CATALOGUE.filter((p) => premiseOf(p, net)).map((p) => p.id);
    expect(withPremise).toEqual(expect.arrayContaining(['paper.no-ungranted-R', 'insider.fine-grained', 'forward.new-files', 'forward.all-files',
      'collusion.user-srs', 'collusion.revoked-cloud', 'revocation.no-rekey']));
    for (const id of ['conf.cloud', 'conf.srs-never-gets-data', 'paper.unauthorised-cannot', 'collusion.srs-cloud', 'backward.history', 'flow.granted-user-reads'])
      expect(withPremise).not.toContain(id);
  });
});

describe('vacuity on the shipped model and on a faulty one', () => {
  it('forward.new-files is proved with its premise reached by a witness that replays and meets it', async () => {
    const net = buildNet(small, extended);
    const r = await checkRun(net, propertyById('forward.new-files'));
    expect(r.verdict.kind).toBe('proved');
    expect(r.vacuity?.premise).toBe('reachable');
    const steps = r.vacuity!.trace!.steps;
    const last = replay(net, steps.map((s) => ({ type: s.rule, ...s.binding })));
    expect(evaluate(net, premiseOf(propertyById("forward.new-files"), net)!, last.at(-1)!)).toBe(true);
    expect(expectedVacuity(propertyById('forward.new-files'), extended)).toBeUndefined();
  });

  it('Send_Ri no longer recording RevokedAtUpload makes forward.new-files vacuous, not proved', async () => {
    const net = buildNet(small, extended, { rules: faultyRules('send-ri-drops-revoked-at-upload') });
    const r = await checkRun(net, propertyById('forward.new-files'));
    expect(r.verdict.kind).toBe('vacuous');
    expect(r.vacuity).toMatchObject({ premise: 'unreachable' });
    expect(r.vacuity?.trace).toBeUndefined();
  });

  it('the catalogue\'s expected-vacuity data travels with the verdict, which is still computed', async () => {
    const net = buildNet(small, extended, { rules: faultyRules('send-ri-drops-revoked-at-upload') });
    const p = { ...propertyById('forward.new-files'), vacuousBy: [{ when: { profile: 'extended' as const }, reason: 'no epoch facts on this net' }] };
    expect(expectedVacuity(p, extended)).toBe('no epoch facts on this net');
    expect(expectedVacuity(p, { ...extended, profile: 'adversarial' })).toBeUndefined();
    const r = await checkRun(net, p);
    expect(r.verdict.kind).toBe('vacuous');
    expect(r.vacuity?.expected).toBe('no epoch facts on this net');
  });

  it('a step property whose premise cannot fire is vacuous: revocation.no-rekey on a net where Revoke never fires', async () => {
    const rules = ALL_RULES.map((x) => (x.name === 'Revoke' || x.name === 'Revoke_Keep' ? { ...x, ground: () => null } : x));
    const net = buildNet(small, extended, { rules });
    const r = await checkRun(net, propertyById('revocation.no-rekey'));
    expect(r.verdict.kind).toBe('vacuous');
    const shipped = await checkRun(buildNet(small, extended), propertyById('revocation.no-rekey'));
    expect(shipped.verdict.kind).toBe('proved');
    expect(shipped.vacuity?.premise).toBe('reachable');
    expect(shipped.vacuity?.trace?.steps.at(-1)?.rule).toMatch(/^Revoke/);
  });
});
