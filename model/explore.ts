// Explicit-state exploration: breadth-first search over the reachable markings of a ground net,
// checking every catalogue property on every state (invariants, reachability) or edge (step
// properties). Exhaustive when the state space fits the bounds; says so plainly when it does not.
import { type Compiled, compile } from './compile.js';
import { type Marking, factsIn, fire, keyOf, m0Of } from './marking.js';
import type { GroundTransition, Net } from './net.js';
import type { Property } from './properties.js';
import { premiseOf } from './vacuity.js';

export interface Bounds {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** hears, every few thousand states, how many were expanded and found so far (progress for long searches) */
  readonly onProgress?: (expanded: number, found: number, depth: number) => void;
}

export interface TraceStep {
  readonly transition: string;
  readonly rule: string;
  readonly binding: Readonly<Record<string, string>>;
  /** facts added and removed by this firing */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface Trace {
  readonly initial: readonly string[];
  readonly steps: readonly TraceStep[];
  readonly final: readonly string[];
}

export type ExplorerVerdict =
  | { kind: 'proved'; method: 'exhaustive'; states: number }
  | { kind: 'holds-within-bounds'; states: number; depth: number }
  | { kind: 'violated'; trace: Trace }
  | { kind: 'witness'; trace: Trace }
  | { kind: 'unreachable'; method: 'exhaustive'; states: number }
  | { kind: 'no-witness-within-bounds'; states: number; depth: number }
  /** holds, but only because no visited state (or firing) meets its premise, and the search was exhaustive */
  | { kind: 'vacuous'; method: 'exhaustive'; states: number };

export interface ExploreResult {
  readonly states: number;
  readonly edges: number;
  readonly deadlocks: number;
  /** deepest BFS level reached */
  readonly depth: number;
  /** true when every reachable marking was visited */
  readonly complete: boolean;
  readonly cutBy?: 'states' | 'depth';
  /** firings per ground transition id (self-loops of D_R_F included) */
  readonly fired: Readonly<Record<string, number>>;
  /** per ground transition: was its guard seen true / false in some visited state */
  readonly guardOutcomes: Readonly<Record<string, { enabled: boolean; disabled: boolean }>>;
  /** `premise`: for premise → conclusion properties (model/vacuity.ts), a run that meets the premise */
  readonly verdicts: ReadonlyArray<{ id: string; verdict: ExplorerVerdict; premise?: Trace }>;
  readonly seconds: number;
}

interface Checker {
  prop: Property;
  test: Compiled;
  found?: number; // state index (invariant violated / witness) or edge target
  foundVia?: { from: number; t: GroundTransition };
  /** the premise, when the property is an implication, and where it was first met */
  premise?: Compiled;
  premiseAt?: number;
  premiseVia?: GroundTransition;
}

export function explore(net: Net, props: readonly Property[], bounds: Bounds = {}): ExploreResult {
  const t0 = performance.now();
  const maxStates = bounds.maxStates ?? 2_000_000;
  const maxDepth = bounds.maxDepth ?? Infinity;
  const guards = net.transitions.map((t) => compile(net, t.guard));
  const checkers: Checker[] = props.map((prop) => {
    const premise = premiseOf(prop, net);
    return { prop, test: compile(net, prop.statement(net)), ...(premise && { premise: compile(net, premise) }) };
  });

  const markings: Marking[] = [];
  const parent: number[] = [];
  const via: number[] = [];
  const depthOf: number[] = [];
  const seen = new Map<string, number>();
  const fired: Record<string, number> = {};
  const outcomes: Record<string, { enabled: boolean; disabled: boolean }> = {};
  for (const t of net.transitions) outcomes[t.id] = { enabled: false, disabled: false };

  const add = (m: Marking, from: number, t: number, d: number): number => {
    const k = keyOf(m);
    const hit = seen.get(k);
    if (hit !== undefined) return hit;
    const idx = markings.length;
    seen.set(k, idx);
    markings.push(m);
    parent.push(from);
    via.push(t);
    depthOf.push(d);
    return idx;
  };
  add(m0Of(net), -1, -1, 0);

  let edges = 0, deadlocks = 0, cutBy: 'states' | 'depth' | undefined;
  for (let head = 0; head < markings.length; head++) {
    const m = markings[head];
    if (bounds.onProgress && head % 4096 === 0) bounds.onProgress(head, markings.length, depthOf[head]);
    const memo = new Map<string, Set<string>>();
    for (const c of checkers) {
      if (c.prop.kind === 'step') continue;
      if (c.premise && c.premiseAt === undefined && c.premise(m, undefined, memo)) c.premiseAt = head;
      if (c.found !== undefined) continue;
      const v = c.test(m, undefined, memo);
      if (c.prop.kind === 'invariant' ? !v : v) c.found = head;
    }
    if (depthOf[head] >= maxDepth) {
      cutBy ??= 'depth';
      continue;
    }
    let any = false;
    for (let ti = 0; ti < guards.length; ti++) {
      const t = net.transitions[ti];
      if (!guards[ti](m, undefined, memo)) {
        outcomes[t.id].disabled = true;
        continue;
      }
      outcomes[t.id].enabled = true;
      any = true;
      edges++;
      fired[t.id] = (fired[t.id] ?? 0) + 1;
      const next = fire(net, t, m);
      for (const c of checkers) {
        if (c.prop.kind !== 'step') continue;
        if (c.premise && c.premiseAt === undefined && c.premise(m, { pre: m, post: next, fired: t })) {
          c.premiseAt = head;
          c.premiseVia = t;
        }
        if (c.found !== undefined) continue;
        if (!c.test(m, { pre: m, post: next, fired: t })) c.foundVia = { from: head, t };
        if (c.foundVia) c.found = head;
      }
      if (markings.length >= maxStates && !seen.has(keyOf(next))) {
        cutBy ??= 'states';
        continue;
      }
      add(next, head, ti, depthOf[head] + 1);
    }
    if (!any) deadlocks++;
  }

  const complete = cutBy === undefined;
  const depth = depthOf.length ? depthOf[depthOf.length - 1] : 0; // BFS: the last state is the deepest
  const traceTo = (idx: number, extra?: GroundTransition): Trace => {
    const path: number[] = [];
    for (let k = idx; k > 0; k = parent[k]) path.unshift(k);
    const steps: TraceStep[] = [];
    let prev = markings[0];
    const stepOf = (t: GroundTransition, before: Marking, after: Marking): TraceStep => {
      const b = new Set(factsIn(net, before)), a = new Set(factsIn(net, after));
      return { transition: t.id, rule: t.rule.name, binding: t.binding, added: [...a].filter((f) => !b.has(f)), removed: [...b].filter((f) => !a.has(f)) };
    };
    for (const k of path) {
      steps.push(stepOf(net.transitions[via[k]], prev, markings[k]));
      prev = markings[k];
    }
    if (extra) {
      const after = fire(net, extra, prev);
      steps.push(stepOf(extra, prev, after));
      prev = after;
    }
    return { initial: net.m0, steps, final: factsIn(net, prev) };
  };

  const verdicts = checkers.map(({ prop, found, foundVia, premise, premiseAt, premiseVia }) => {
    let verdict: ExplorerVerdict;
    if (prop.kind === 'reachable') {
      verdict = found !== undefined ? { kind: 'witness', trace: traceTo(found) }
        : complete ? { kind: 'unreachable', method: 'exhaustive', states: markings.length }
        : { kind: 'no-witness-within-bounds', states: markings.length, depth };
    } else if (found !== undefined) {
      verdict = { kind: 'violated', trace: traceTo(found, foundVia?.t) };
    } else {
      verdict = !complete ? { kind: 'holds-within-bounds', states: markings.length, depth }
        : premise && premiseAt === undefined ? { kind: 'vacuous', method: 'exhaustive', states: markings.length }
        : { kind: 'proved', method: 'exhaustive', states: markings.length };
    }
    return { id: prop.id, verdict, ...(premiseAt !== undefined && { premise: traceTo(premiseAt, premiseVia) }) };
  });

  return { states: markings.length, edges, deadlocks, depth, complete, cutBy, fired, guardOutcomes: outcomes, verdicts, seconds: (performance.now() - t0) / 1000 };
}
