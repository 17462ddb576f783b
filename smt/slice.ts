// Cone-of-influence slicing per property: keep only the state variables the property mentions
// and, transitively, those in the guards and effect conditions of the transitions that write
// them. Every other transition leaves the kept variables unchanged, so on the kept variables it
// is indistinguishable from a no-op step and is dropped. This is exact (the sliced system and
// the net agree on every kept fact along every run), so a proof or a trace on the slice is one
// on the net: a decoded trace is replayed on the full net all the same.
//
// A catalogue slices every disjunct of every property's bad condition (smt/verify.ts), so the
// cone is grown from a worklist of newly kept facts over an index of their writers, and each
// formula's facts are collected once per net, visiting a shared sub-formula (the knowledge
// closure is a DAG) once.
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

interface Index {
  /** the transitions that may fire (a guard folded to false never does), by each fact they may write */
  readonly writers: ReadonlyMap<string, readonly FoldedTransition[]>;
  /** the mutable facts of a formula, each once */
  readonly facts: (p: Prop) => readonly string[];
}

const indexes = new WeakMap<NetSystem, Index>();

function indexOf(sys: NetSystem): Index {
  const hit = indexes.get(sys);
  if (hit) return hit;
  const writers = new Map<string, FoldedTransition[]>();
  for (const ft of sys.transitions) {
    if (ft.guard.t === 'const' && !ft.guard.v) continue;
    for (const f of ft.writes) {
      const l = writers.get(f);
      if (l) l.push(ft);
      else writers.set(f, [ft]);
    }
  }
  const memo = new WeakMap<Prop, readonly string[]>();
  const facts = (p: Prop): readonly string[] => {
    let list = memo.get(p);
    if (!list) memo.set(p, (list = [...factsOf(p)].filter((f) => sys.mutable.has(f))));
    return list;
  };
  const index = { writers, facts };
  indexes.set(sys, index);
  return index;
}

/**
 * `seeds`: the formulas whose facts must be tracked (already folded). `allTransitions`: keep
 * every transition (step properties: a firing outside the cone is still a firing to check).
 */
export function slice(sys: NetSystem, seeds: readonly Prop[], allTransitions = false): Slice {
  const { writers, facts } = indexOf(sys);
  const keep = new Set<string>();
  const queue: string[] = [];
  const push = (p: Prop) => {
    for (const f of facts(p)) if (!keep.has(f)) { keep.add(f); queue.push(f); }
  };
  const writesKept = (w: FoldedTransition['when'][number]) => w.add.some((f) => keep.has(f)) || w.del.some((f) => keep.has(f));
  const kept = new Set<FoldedTransition>();
  /** a transition joins the cone: its guard's facts, and the conditions of its effects on kept facts */
  const join = (ft: FoldedTransition) => {
    if (kept.has(ft)) return;
    kept.add(ft);
    push(ft.guard);
    for (const w of ft.when) if (writesKept(w)) push(w.if);
  };
  seeds.forEach(push);
  if (allTransitions) {
    sys.transitions.forEach((ft) => push(ft.guard));
    for (const ft of sys.transitions) if (!(ft.guard.t === 'const' && !ft.guard.v)) join(ft);
  }
  while (queue.length) {
    const f = queue.pop()!;
    for (const ft of writers.get(f) ?? []) {
      if (!kept.has(ft)) join(ft);
      // a kept transition's effects on f now matter: their conditions join the cone
      else for (const w of ft.when) if (w.add.includes(f) || w.del.includes(f)) push(w.if);
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
