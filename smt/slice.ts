// Cone-of-influence slicing per property: keep only the state variables the property mentions
// and, transitively, those in the guards and effect conditions of the transitions that write
// them. Every other transition leaves the kept variables unchanged, so on the kept variables it
// is indistinguishable from a no-op step and is dropped. This is exact (the sliced system and
// the net agree on every kept fact along every run), so a proof or a trace on the slice is one
// on the net: a decoded trace is replayed on the full net all the same.
import { type Prop, factsOf } from '../model/prop.js';
import type { FoldedTransition, NetSystem } from './system.js';

export interface Slice {
  readonly sys: NetSystem;
  /** the state variables, in a fixed order */
  readonly vars: readonly string[];
  readonly transitions: readonly FoldedTransition[];
  /** M0 restricted to the state variables */
  readonly init: ReadonlyMap<string, boolean>;
}

/**
 * `seeds`: the formulas whose facts must be tracked (already folded). `allTransitions`: keep
 * every transition (step properties: a firing outside the cone is still a firing to check).
 */
export function slice(sys: NetSystem, seeds: readonly Prop[], allTransitions = false): Slice {
  const keep = new Set<string>();
  const push = (p: Prop) => { for (const f of factsOf(p)) if (sys.mutable.has(f)) keep.add(f); };
  seeds.forEach(push);
  if (allTransitions) sys.transitions.forEach((ft) => push(ft.guard));
  const kept = new Set<FoldedTransition>(allTransitions ? sys.transitions : []);
  for (let changed = true; changed; ) {
    changed = false;
    for (const ft of sys.transitions) {
      // a guard that folds to false never fires: not part of any run
      if (ft.guard.t === 'const' && !ft.guard.v) continue;
      const touches = [...ft.writes].some((f) => keep.has(f));
      if (!touches && !kept.has(ft)) continue;
      const before = keep.size;
      if (!kept.has(ft)) { kept.add(ft); changed = true; }
      push(ft.guard);
      for (const w of ft.when) if ([...w.add, ...w.del].some((f) => keep.has(f))) push(w.if);
      if (keep.size !== before) changed = true;
    }
  }
  const vars = [...keep].sort();
  return {
    sys,
    vars,
    transitions: sys.transitions.filter((ft) => kept.has(ft) && !(ft.guard.t === 'const' && !ft.guard.v)),
    init: new Map(vars.map((f) => [f, sys.m0.has(f)] as const)),
  };
}
