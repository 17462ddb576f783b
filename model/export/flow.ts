// The flow relation F ⊆ (P x T) ∪ (T x P) (defect flow-relation), computed two ways: at schema
// level from each rule's declared arcs, and at ground level from the places its instances
// actually read and write. The exports print the first; a test checks the second stays inside it.
import type { Net } from '../net.js';
import { PLACES, placeOf } from '../places.js';
import { factsOf } from '../prop.js';

export interface Arc {
  readonly from: string;
  readonly to: string;
  /** 1-based arc number in presentation order, like the paper's X1..X17 */
  readonly n: number;
}

/** Schema-level arcs of the rules active in the net, in the paper's order. */
export function schemaArcs(net: Net): Arc[] {
  const arcs: Arc[] = [];
  for (const r of net.rules) {
    for (const p of r.arcs.in) arcs.push({ from: p, to: r.name, n: arcs.length + 1 });
    for (const p of r.arcs.out) arcs.push({ from: r.name, to: p, n: arcs.length + 1 });
  }
  return arcs;
}

/** The places each rule's ground instances actually read (guards, conditions) and write (effects). */
export function groundPlaces(net: Net): Map<string, { reads: Set<string>; writes: Set<string> }> {
  const out = new Map<string, { reads: Set<string>; writes: Set<string> }>();
  for (const t of net.transitions) {
    const e = out.get(t.rule.name) ?? { reads: new Set<string>(), writes: new Set<string>() };
    const read = factsOf(t.guard);
    t.when.forEach((w) => factsOf(w.if, read));
    read.forEach((f) => e.reads.add(placeOf(f)));
    [...t.add, ...t.del, ...t.when.flatMap((w) => [...w.add, ...w.del])].forEach((f) => e.writes.add(placeOf(f)));
    out.set(t.rule.name, e);
  }
  return out;
}

/** The places that the active rules touch, in Table II order then the extensions. */
export function activePlaces(net: Net) {
  const used = new Set(net.rules.flatMap((r) => [...r.arcs.in, ...r.arcs.out]));
  return PLACES.filter((p) => used.has(p.name));
}
