// Random runs of the net, used only to *guess* invariant candidates cheaply (smt/houdini.ts):
// a candidate false in some visited marking is certainly not an invariant. Nothing is proved
// here; every surviving candidate is checked by the solver. Seeded, so runs are reproducible.
import { compile } from '../model/compile.js';
import { type Marking, fire, keyOf, m0Of } from '../model/marking.js';
import type { GroundTransition, Net } from '../model/net.js';

export interface SampleOptions {
  readonly walks?: number;
  readonly length?: number;
  readonly seed?: number;
}

const cache = new WeakMap<Net, Map<string, Marking[]>>();

/** xorshift32: small, seedable, good enough to pick among enabled transitions. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/**
 * Distinct markings visited by seeded random walks from M0, firing only `only` (default: every
 * transition). Restricting the walks to a slice's transitions is still a set of runs of the net
 * (a choice among enabled transitions), and covers the slice's variables far more densely.
 * Cached per net and transition set.
 */
export function sampleMarkings(net: Net, opts: SampleOptions = {}, only?: readonly GroundTransition[]): Marking[] {
  const key = only ? only.map((t) => t.index).join(',') : '*';
  let perNet = cache.get(net);
  if (!perNet) cache.set(net, (perNet = new Map()));
  const hit = perNet.get(key);
  if (hit) return hit;
  const walks = opts.walks ?? 300, length = opts.length ?? 120;
  const rand = rng(opts.seed ?? 0x5e5b4);
  const pool = only ?? net.transitions;
  const guards = pool.map((t) => compile(net, t.guard));
  // transitions that change nothing (D_R_F: a refused request) only waste steps
  const moves = pool.map((_, k) => k).filter((k) => pool[k].add.length + pool[k].del.length + pool[k].when.length > 0);
  const count = pool.map(() => 0);
  const seen = new Map<string, Marking>();
  const m0 = m0Of(net);
  seen.set(keyOf(m0), m0);
  for (let w = 0; w < walks; w++) {
    let m = m0;
    for (let s = 0; s < length; s++) {
      const memo = new Map<string, Set<string>>();
      const enabled = moves.filter((k) => guards[k](m, undefined, memo));
      if (enabled.length === 0) break;
      // prefer what has fired least: rare transitions (Grant, Revoke, ...) reach the corners of
      // the state space uniform choice almost never visits
      const weights = enabled.map((k) => 1 / (1 + count[k]));
      let pick = rand() * weights.reduce((x, y) => x + y, 0);
      let chosen = enabled[enabled.length - 1];
      for (let j = 0; j < enabled.length; j++) if ((pick -= weights[j]) <= 0) { chosen = enabled[j]; break; }
      count[chosen]++;
      m = fire(net, pool[chosen], m);
      const key = keyOf(m);
      if (!seen.has(key)) seen.set(key, m);
    }
  }
  const out = [...seen.values()];
  perNet.set(key, out);
  return out;
}
