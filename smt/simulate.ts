// Random runs of the net, used only to *guess* invariant candidates cheaply (smt/houdini.ts):
// a candidate false in some visited marking is certainly not an invariant. Nothing is proved
// here; every surviving candidate is checked by the solver. Seeded, so runs are reproducible.
import type { Marking } from '../model/marking.js';
import type { GroundTransition, Net } from '../model/net.js';
import { DEFAULT_WALKS, type WalkOptions, randomWalks } from '../model/walks.js';

const cache = new WeakMap<Net, Map<string, Marking[]>>();

/**
 * Distinct markings visited by seeded random walks from M0, firing only `only` (default: every
 * transition). Restricting the walks to a slice's transitions is still a set of runs of the net
 * (a choice among enabled transitions), and covers the slice's variables far more densely.
 * Cached per net, walks asked for and transition set.
 */
export function sampleMarkings(net: Net, opts: WalkOptions = {}, only?: readonly GroundTransition[]): Marking[] {
  const walks = `${opts.walks ?? DEFAULT_WALKS.walks}/${opts.length ?? DEFAULT_WALKS.length}/${opts.seed ?? DEFAULT_WALKS.seed}`;
  const key = `${walks}:${only ? only.map((t) => t.index).join(',') : '*'}`;
  let perNet = cache.get(net);
  if (!perNet) cache.set(net, (perNet = new Map()));
  const hit = perNet.get(key);
  if (hit) return hit;
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
  /** stores a copy of m unless an equal marking is stored */
  const intern = (m: Marking): void => {
    const h = hashOf(m);
    let bucket = byHash.get(h);
    if (!bucket) byHash.set(h, (bucket = []));
    for (const x of bucket) if (same(x, m)) return;
    const copy = m.slice();
    bucket.push(copy);
    out.push(copy);
  };
  randomWalks(net, opts, only, (m) => { intern(m); });
  perNet.set(key, out);
  return out;
}
