// The graph-driven conformance suite on `small`, fixed seed: every reachable transition, guard
// outcome, refusal reason and property state is exercised on the real implementation with zero
// mismatches (a smaller version of `sesphr conform`: three of the ten configurations).
import { describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { small } from '../universes/index.js';
import { explore, exploreGraph } from '../model/explore.js';
import { reachableGraph, runPaths, selectPaths } from '../conformance/index.js';
import { selectExplored } from '../conformance/paths.js';
import type { NetConfig } from '../model/config.js';

const CONFIGS: NetConfig[] = [
  { profile: 'paper', variant: 'srs-keys', policy: 'history' },
  { profile: 'extended', variant: 'srs-keys', policy: 'from-join-date' },
  { profile: 'adversarial', variant: 'owner-keys', policy: 'history' },
];

describe('shortest paths over the reachable graph drive the implementation', () => {
  it('xstate/graph enumerates exactly the explorer\'s reachable markings', () => {
    const net = buildNet(small, CONFIGS[1]);
    expect(reachableGraph(net).states.length).toBe(explore(net, []).states);
  });

  it("the selection over xstate's graph meets the same targets as the one over the explorer's", () => {
    // two graphs built independently, the same coverage targets: met and unmet alike
    const net = buildNet(small, CONFIGS[2]);
    const ours = selectExplored(exploreGraph(net, []).graph);
    const theirs = selectPaths(net, reachableGraph(net));
    expect(ours.reachable.size).toBeGreaterThan(100);
    expect([...theirs.reachable].sort()).toEqual([...ours.reachable].sort());
    expect([...theirs.unreachable].sort()).toEqual([...ours.unreachable].sort());
  });

  for (const cfg of CONFIGS) {
    it(`${cfg.profile}/${cfg.variant}/${cfg.policy}: 100 % coverage, zero mismatches`, () => {
      const r = runPaths(buildNet(small, cfg), { seed: 'test-paths' });
      expect(r.mismatches).toEqual([]);
      expect(r.paths).toBeGreaterThan(50);
      for (const row of r.coverage) {
        expect(row.missing, row.kind).toEqual([]);
        expect(row.covered).toBe(row.reachable);
      }
      // every transition of the ground net that is ever enabled was fired
      expect(r.coverage.find((c) => c.kind === 'fire')!.covered).toBeGreaterThan(20);
    });
  }
});
