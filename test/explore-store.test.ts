// The explorer's packed state store and compiled firing: the same graph as the net's own firing
// rule (marking.ts fire / isEnabled, walked here by a plain breadth-first search over string keys),
// the same counts on `small` as the explorer has always reported, and a store that finds every
// marking again after growing.
import { describe, expect, it } from 'vitest';
import { MODULES, configName, validConfigs } from '../model/config.js';
import { DEFAULT_MAX_STATES, MAX_STORE_BYTES, explore, exploreGraph } from '../model/explore.js';
import { compileTransitions, enabledFast, fireInto } from '../model/firing.js';
import { type Marking, fire, isEnabled, keyOf, m0Of } from '../model/marking.js';
import { type Net, buildNet } from '../model/net.js';
import { MarkingStore } from '../model/state-store.js';
import { shippedUniverses, small, universeByName } from '../universes/index.js';

/** Breadth-first search with the net's own firing rule: states, edges, deadlocks, depth. */
function reference(net: Net, maxStates = Infinity) {
  const seen = new Map<string, number>();
  const queue: Array<[Marking, number]> = [[m0Of(net), 0]];
  seen.set(keyOf(queue[0][0]), 0);
  let edges = 0, deadlocks = 0, depth = 0;
  for (let head = 0; head < queue.length; head++) {
    const [m, d] = queue[head];
    depth = Math.max(depth, d);
    let any = false;
    for (const t of net.transitions) {
      if (!isEnabled(net, t, m)) continue;
      any = true;
      edges++;
      const n = fire(net, t, m);
      if (!seen.has(keyOf(n)) && queue.length < maxStates) {
        seen.set(keyOf(n), queue.length);
        queue.push([n, d + 1]);
      }
    }
    if (!any) deadlocks++;
  }
  return { states: queue.length, edges, deadlocks, depth, markings: queue.map(([m]) => m) };
}

// The explorer's counts on `small` (the README's table). The paper and extended rows are what it
// reported before its store was packed; the adversarial rows are those of the net whose Leak_C
// hands ciphertext to any user (the packed explorer gave the earlier adversarial net's counts too).
const RECORDED: Record<string, [number, number, number, number]> = {
  'paper/srs-keys/history': [774, 3350, 0, 18],
  'paper/srs-keys/from-join-date': [774, 3350, 0, 18],
  'extended/srs-keys/history': [3668, 21193, 0, 23],
  'extended/srs-keys/from-join-date': [3086, 17953, 0, 23],
  'extended/owner-keys/history': [3752, 21234, 0, 23],
  'extended/owner-keys/from-join-date': [3092, 17506, 0, 23],
  'adversarial/srs-keys/history': [12010, 83293, 0, 26],
  'adversarial/srs-keys/from-join-date': [9492, 66170, 0, 26],
  'adversarial/owner-keys/history': [14836, 99493, 0, 26],
  'adversarial/owner-keys/from-join-date': [11876, 78431, 0, 26],
};

describe('the explorer\'s packed store and compiled firing', () => {
  it.each(validConfigs().map((c) => [configName(c), c] as const))('%s on small: the recorded counts, and the net\'s own breadth-first search', (name, cfg) => {
    const net = buildNet(small, cfg);
    const r = explore(net, []);
    expect(r.complete).toBe(true);
    expect([r.states, r.edges, r.deadlocks, r.depth]).toEqual(RECORDED[name]);
    const ref = reference(net);
    expect([r.states, r.edges, r.deadlocks, r.depth]).toEqual([ref.states, ref.edges, ref.deadlocks, ref.depth]);
  });

  it('compiled guards and firings agree with isEnabled and fire on the reachable markings (up to 20 000 a configuration; both variants and policies, and every module on)', () => {
    const cfgs = [...validConfigs(['adversarial']), { profile: 'adversarial', variant: 'srs-keys', policy: 'from-join-date', modules: MODULES } as const];
    for (const cfg of cfgs) {
      const net = buildNet(small, cfg);
      const fast = compileTransitions(net);
      const out = new Uint32Array(m0Of(net).length);
      const { markings } = reference(net, 20_000);
      const wrong: string[] = [];
      for (const m of markings)
        net.transitions.forEach((t, k) => {
          const on = isEnabled(net, t, m);
          if (enabledFast(fast[k], m) !== on) wrong.push(`guard of ${t.id}`);
          else if (on && keyOf(fireInto(fast[k], m, out)) !== keyOf(fire(net, t, m))) wrong.push(`firing of ${t.id}`);
        });
      expect(wrong.slice(0, 5), configName(cfg)).toEqual([]);
    }
  }, 120_000);

  it('the graph keeps every marking with its breadth-first path: replaying the path gives the marking', () => {
    const net = buildNet(small, { profile: 'adversarial', variant: 'owner-keys', policy: 'from-join-date' });
    const { graph } = exploreGraph(net, []);
    for (let idx = 0; idx < graph.store.size; idx += 97) {
      let m = m0Of(net);
      const path = graph.store.pathTo(idx);
      for (const ti of path) m = fire(net, net.transitions[ti], m);
      expect(keyOf(m)).toBe(keyOf(graph.store.marking(idx)));
      expect(path.length).toBe(graph.store.depth[idx]);
    }
  });

  it('a store finds every marking again across growth, and only those', () => {
    const words = 3, n = 50_000;
    const store = new MarkingStore(words, 16);
    let x = 12345;
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const ms = Array.from({ length: n }, () => Uint32Array.from({ length: words }, rand));
    ms.forEach((m, k) => expect(store.add(m, k - 1, k, 0)).toBe(k));
    expect(store.size).toBe(n);
    ms.forEach((m, k) => {
      expect(store.indexOf(m)).toBe(k);
      expect(store.add(m, 0, 0, 0)).toBe(k);
      expect(store.via[k]).toBe(k);
    });
    expect(store.indexOf(Uint32Array.of(1, 2, 3))).toBe(-1);
    expect(store.size).toBe(n);
  });

  it('says when the state bound cut the search', () => {
    const net = buildNet(small, { profile: 'extended', variant: 'srs-keys', policy: 'history' });
    const r = explore(net, [], { maxStates: 1000 });
    expect(r.complete).toBe(false);
    expect(r.cutBy).toBe('states');
    expect(r.states).toBe(1000);
  });

  it('cuts the search by the memory its markings may take, the store never growing past it', () => {
    // 12 010 states on adversarial, 28 bytes each: a quarter of a MiB holds 8192 of them
    const net = buildNet(small, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
    const budget = 2 ** 18;
    const within = MarkingStore.statesWithin(m0Of(net).length, budget);
    expect(within * MarkingStore.bytesPerState(m0Of(net).length)).toBeLessThanOrEqual(budget);
    const r = explore(net, [], { maxStoreBytes: budget });
    expect(r.complete).toBe(false);
    expect(r.cutBy).toBe('memory');
    expect(r.states).toBe(within);
    expect(r.storeBytes).toBeLessThanOrEqual(budget);
    // the states bound still cuts first where it is the lower
    expect(explore(net, [], { maxStoreBytes: budget, maxStates: 1000 }).cutBy).toBe('states');
  });

  it('holds the shipped universes\' default searches under the memory bound', () => {
    for (const name of shippedUniverses())
      for (const cfg of validConfigs()) {
        const words = m0Of(buildNet(universeByName(name), cfg)).length;
        expect(MarkingStore.statesWithin(words, MAX_STORE_BYTES), `${name} ${configName(cfg)}`).toBeGreaterThanOrEqual(DEFAULT_MAX_STATES);
      }
  });
});
