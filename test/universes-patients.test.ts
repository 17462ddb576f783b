// Many patients end to end on `two-patients`: the explorer visits every reachable marking of the
// paper profile and checks the patient catalogue there, and the real implementation (one SRS and
// one cloud for both owners) conforms on every shortest path with full coverage.
import { describe, expect, it } from 'vitest';
import { runPaths } from '../conformance/index.js';
import type { NetConfig } from '../model/config.js';
import { explore } from '../model/explore.js';
import { fire, has, isEnabled, m0Of } from '../model/marking.js';
import { buildNet } from '../model/net.js';
import { PATIENT_CATALOGUE, propertiesFor } from '../model/properties.js';
import { universeByName, small } from '../universes/index.js';

const U = universeByName('two-patients');
const PAPER: NetConfig = { profile: 'paper', variant: 'srs-keys', policy: 'history' };

describe('two patients, one SRS, one cloud', () => {
  it('the patient catalogue is checked on universes with several patients only', () => {
    expect(propertiesFor(PAPER, small).some((p) => p.minPatients)).toBe(false);
    expect(propertiesFor(PAPER, U).map((p) => p.id)).toContain('isolation.cross-patient');
    expect(PATIENT_CATALOGUE.map((p) => p.id)).toEqual(['isolation.cross-patient', 'collusion.members-of-two-patients', 'collusion.patient-srs']);
  });

  it('no token or transition of one patient names another\'s file', () => {
    const net = buildNet(U, PAPER);
    for (const t of net.transitions.filter((x) => x.binding.f)) expect(t.binding.f.startsWith(`${t.binding.p}.`), t.id).toBe(true);
    expect(net.facts).toContain('Member(A,d)');
    expect(net.facts).toContain('Member(B,d)');
  });

  it('the explorer is exhaustive on the paper profile and proves cross-patient isolation', () => {
    const r = explore(buildNet(U, PAPER), propertiesFor(PAPER, U));
    expect(r.complete).toBe(true);
    expect(r.verdicts.find((v) => v.id === 'isolation.cross-patient')!.verdict.kind).toBe('proved');
  });

  it('an owner with the SRS derives the other owner\'s partition keys under srs-keys (the SRS made that owner\'s key pair), with a trace', () => {
    const cfg: NetConfig = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' };
    const r = explore(buildNet(U, cfg), PATIENT_CATALOGUE.filter((p) => p.id === 'collusion.patient-srs'), { maxStates: 20_000 });
    const v = r.verdicts[0].verdict;
    expect(v.kind).toBe('violated');
    if (v.kind === 'violated') expect(v.trace.steps.map((s) => s.rule)).toContain('Send_Ri');
  });

  it('the implementation conforms on every shortest path: zero mismatches, 100 % transition and guard coverage', () => {
    for (const policy of ['history', 'from-join-date'] as const) {
      const r = runPaths(buildNet(U, { ...PAPER, policy }), { seed: 'test-patients' });
      expect(r.mismatches).toEqual([]);
      for (const row of r.coverage) {
        expect(row.missing, row.kind).toEqual([]);
        expect(row.covered).toBe(row.reachable);
      }
    }
  }, 300_000);

  it('a user revoked by one patient, keeping its key pair, publishes its pk again only once registered with another (the SRS refuses NOT_REGISTERED)', () => {
    const net = buildNet(U, { profile: 'adversarial', variant: 'owner-keys', policy: 'history' });
    let m = m0Of(net);
    for (const id of ['Register(A,d)', 'Gen_Key(d)', 'Send_Keys(d)', 'Gen_Key(A)', 'Approve(A,d)', 'Revoke_Keep(A,d)']) {
      const t = net.byId.get(id)!;
      expect(isEnabled(net, t, m), id).toBe(true);
      m = fire(net, t, m);
    }
    const send = net.byId.get('Send_Keys(d)')!;
    expect(has(net, m, 'holds(d,pk(d))')).toBe(true);
    expect(isEnabled(net, send, m)).toBe(false);
    m = fire(net, net.byId.get('Register(B,d)')!, m);
    expect(isEnabled(net, send, m)).toBe(true);
  });

  it('beyond the paper profile too: extended, owner-keys, from-join-date: paths selected over the explorer\'s whole graph, zero mismatches, full coverage', () => {
    const r = runPaths(buildNet(U, { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' }), { seed: 'test-patients' });
    expect(r.states).toBe(explore(buildNet(U, { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' }), []).states);
    expect(r.bounds.graphTruncated).toBe(false);
    expect(r.mismatches).toEqual([]);
    for (const row of r.coverage) {
      expect(row.missing, row.kind).toEqual([]);
      expect(row.covered).toBe(row.reachable);
    }
  }, 300_000);
});
