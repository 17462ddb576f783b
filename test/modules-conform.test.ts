// Conformance with the modules on: the real SRS (audited, time-bounded), cloud and TPA follow the
// model's shortest paths and random runs with no mismatch, and the new events are covered.
import { describe, expect, it } from 'vitest';
import { coalitionsOf } from '../conformance/coalitions.js';
import { conform } from '../conformance/conform.js';
import { reachableGraph } from '../conformance/paths.js';
import { partiesOf } from '../conformance/world.js';
import type { NetConfig } from '../model/config.js';
import { enabledTransitions } from '../model/marking.js';
import { buildNet } from '../model/net.js';
import { small } from '../universes/index.js';

describe('sesphr conform with modules', () => {
  it.each([
    { profile: 'paper', variant: 'srs-keys', policy: 'history', modules: ['audit', 'tpa', 'time'] },
    { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date', modules: ['time', 'audit'] },
  ] as NetConfig[])('no mismatch, every module transition fired (%o)', (cfg) => {
    const r = conform({ universe: small, configs: [cfg], seed: 8, runs: 3, maxCommands: 40 });
    expect(r.mismatches).toEqual([]);
    // The modules' rules are the ones the net without them lacks; each must be enabled in some
    // reachable marking of the model, and every reachable transition must have fired on the
    // implementation.
    const net = buildNet(small, cfg);
    const { modules: _, ...without } = cfg;
    const plain = new Set(buildNet(small, without).rules.map((rule) => rule.name));
    const added = net.rules.map((rule) => rule.name).filter((name) => !plain.has(name));
    expect(added.length).toBeGreaterThan(0);
    const enabled = reachableGraph(net).states.flatMap((st) => enabledTransitions(net, st.marking));
    const reached = new Set(enabled.map((t) => t.rule.name));
    expect(added.filter((name) => !reached.has(name))).toEqual([]);
    const fired = r.configs[0].paths!.coverage.find((row) => row.kind === 'fire')!;
    expect(fired.missing).toEqual([]);
    expect(fired.covered).toBe(fired.reachable);
    expect(r.configs[0].random?.passed).toBe(true);
  });

  it('with tpa the oracle also compares the TPA\'s holdings and what it reads, alone and with the cloud, after every step', () => {
    const cfg: NetConfig = { profile: 'paper', variant: 'srs-keys', policy: 'history', modules: ['tpa'] };
    expect(partiesOf(small, cfg)).toContain('TPA');
    expect(coalitionsOf(small, cfg).map((c) => c.name)).toEqual(expect.arrayContaining(['TPA', 'TPA+Cloud']));
    expect(partiesOf(small, { ...cfg, modules: [] })).not.toContain('TPA');
  });
});
