// Random runs of the net, used only to *guess* invariant candidates cheaply (smt/houdini.ts):
// a candidate false in some visited marking is certainly not an invariant. Nothing is proved
// here; every surviving candidate is checked by the solver. Seeded, so runs are reproducible.
import { type FastTransition, compileTransition, enabledFast, fireInto } from '../model/firing.js';
import { type Marking, m0Of } from '../model/marking.js';
import type { GroundTransition, Net } from '../model/net.js';

export interface SampleOptions {
  readonly walks?: number;
  readonly length?: number;
  readonly seed?: number;
}

const cache = new WeakMap<Net, Map<string, Marking[]>>();
/** The net's transitions compiled to masks (model/firing.ts, the explorer's firing rule), by index, as walks need them. */
const compiled = new WeakMap<Net, Array<FastTransition | undefined>>();
function fastOf(net: Net, t: GroundTransition): FastTransition {
  let byIndex = compiled.get(net);
  if (!byIndex) compiled.set(net, (byIndex = []));
  return (byIndex[t.index] ??= compileTransition(net, t));
}

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
  const fast = pool.map((t) => fastOf(net, t));
  // transitions that change nothing (D_R_F: a refused request) only waste steps
  const moves = pool.map((_, k) => k).filter((k) => pool[k].add.length + pool[k].del.length + pool[k].when.length > 0);
  const count = pool.map(() => 0);
  // the distinct markings in the order first visited, found again through a hash of their words
  // (no key string, and no new marking for a step that returns to a known one)
  const out: Marking[] = [];
  const byHash = new Map<number, Marking[]>();
  const hashOf = (m: Marking) => {
    let h = 0x811c9dc5;
    for (let w = 0; w < m.length; w++) h = Math.imul(h ^ m[w], 0x01000193);
    return h;
  };
  const same = (a: Marking, b: Marking) => {
    for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
    return true;
  };
  /** the stored marking equal to m, storing a copy of m if there is none */
  const intern = (m: Marking): Marking => {
    const h = hashOf(m);
    let bucket = byHash.get(h);
    if (!bucket) byHash.set(h, (bucket = []));
    for (const x of bucket) if (same(x, m)) return x;
    const copy = m.slice();
    bucket.push(copy);
    out.push(copy);
    return copy;
  };
  const m0 = intern(m0Of(net));
  const needsMemo = moves.some((k) => fast[k].rest.length > 0);
  const enabled = new Int32Array(moves.length);
  const next = new Uint32Array(m0.length);
  for (let w = 0; w < walks; w++) {
    let m = m0;
    for (let s = 0; s < length; s++) {
      const memo = needsMemo ? new Map<string, Set<string>>() : undefined;
      let n = 0;
      // prefer what has fired least: rare transitions (Grant, Revoke, ...) reach the corners of
      // the state space uniform choice almost never visits (weights summed in the order enabled)
      let total = 0;
      for (const k of moves) if (enabledFast(fast[k], m, memo)) { enabled[n++] = k; total += 1 / (1 + count[k]); }
      if (n === 0) break;
      let pick = rand() * total;
      let chosen = enabled[n - 1];
      for (let j = 0; j < n; j++) if ((pick -= 1 / (1 + count[enabled[j]])) <= 0) { chosen = enabled[j]; break; }
      count[chosen]++;
      m = intern(fireInto(fast[chosen], m, next));
    }
  }
  perNet.set(key, out);
  return out;
}
