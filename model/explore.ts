// Explicit-state exploration: breadth-first search over the reachable markings of a ground net,
// checking every catalogue property on every state (invariants, reachability) or edge (step
// properties). Exhaustive when the state space fits the bounds; says so plainly when it does not.
import { type Compiled, compile } from './compile.js';
import { compileTransitions, enabledFast, fireInto } from './firing.js';
import { factsIn, fire, m0Of } from './marking.js';
import type { GroundTransition, Net } from './net.js';
import type { Property } from './properties.js';
import { MarkingStore } from './state-store.js';
import { premiseOf } from './vacuity.js';

/** The default bound on stored states (the CLI's `--max-states` default too). */
export const DEFAULT_MAX_STATES = 5_000_000;

/** The most bytes the stored markings may take. A marking is a bit per fact (48 bytes on `paper`,
 *  152 on `hospital`, 16 KB on a net of 130 000 facts), so on a large net the states bound alone
 *  would let the store grow past the machine's memory: this bound cuts the search first, as the
 *  states bound does. The shipped universes' defaults stay under it (hospital: 8.4 million states). */
export const MAX_STORE_BYTES = 2 ** 31;

export interface Bounds {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** bytes the stored markings may take (default MAX_STORE_BYTES) */
  readonly maxStoreBytes?: number;
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
  /** the bound that cut the search: the states or depth asked for, or the store's memory */
  readonly cutBy?: 'states' | 'depth' | 'memory';
  /** firings per ground transition id (self-loops of D_R_F included) */
  readonly fired: Readonly<Record<string, number>>;
  /** per ground transition: was its guard seen true / false in some visited state */
  readonly guardOutcomes: Readonly<Record<string, { enabled: boolean; disabled: boolean }>>;
  /** `premise`: for premise → conclusion properties (model/vacuity.ts), a run that meets the premise */
  readonly verdicts: ReadonlyArray<{ id: string; verdict: ExplorerVerdict; premise?: Trace }>;
  readonly seconds: number;
  /** bytes held by the state store at the end (markings, hash table, parents) */
  readonly storeBytes: number;
  /** the memory bound the search ran under (Bounds.maxStoreBytes, default MAX_STORE_BYTES) */
  readonly maxStoreBytes: number;
}

/** The memory bound a search ran under, as a report names it (GiB, or MiB below one). */
export function storeBoundText(r: Pick<ExploreResult, 'maxStoreBytes'>): string {
  return r.maxStoreBytes >= 2 ** 30 ? `${r.maxStoreBytes / 2 ** 30} GiB` : `${r.maxStoreBytes / 2 ** 20} MiB`;
}

/** The explored graph, kept for callers that walk it again (conformance's path selection): every
 *  stored marking in breadth-first order, each with the breadth-first path that first reached it. */
export interface ExploredGraph {
  readonly net: Net;
  readonly store: MarkingStore;
  /** whether every reachable marking is in the store */
  readonly complete: boolean;
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
  return exploreGraph(net, props, bounds).result;
}

/** `explore`, also handing back the explored graph. */
export function exploreGraph(net: Net, props: readonly Property[], bounds: Bounds = {}): { result: ExploreResult; graph: ExploredGraph } {
  const t0 = performance.now();
  const maxStates = bounds.maxStates ?? DEFAULT_MAX_STATES;
  const maxDepth = bounds.maxDepth ?? Infinity;
  const fast = compileTransitions(net);
  const checkers: Checker[] = props.map((prop) => {
    const premise = premiseOf(prop, net);
    return { prop, test: compile(net, prop.statement(net)), ...(premise && { premise: compile(net, premise) }) };
  });
  const stateCheckers = checkers.filter((c) => c.prop.kind !== 'step');
  const stepCheckers = checkers.filter((c) => c.prop.kind === 'step');

  const m0 = m0Of(net);
  const store = new MarkingStore(m0.length);
  const firedCount = new Float64Array(fast.length);
  const seenEnabled = new Uint8Array(fast.length), seenDisabled = new Uint8Array(fast.length);
  store.add(m0, -1, -1, 0);

  let edges = 0, deadlocks = 0, cutBy: ExploreResult['cutBy'];
  // the store stops at the lower of the states asked for and the states its memory bound holds
  const maxStoreBytes = bounds.maxStoreBytes ?? MAX_STORE_BYTES;
  const withinMemory = MarkingStore.statesWithin(m0.length, maxStoreBytes);
  const storeLimit = Math.min(maxStates, withinMemory);
  const storeCut = maxStates <= withinMemory ? 'states' : 'memory';
  const m = new Uint32Array(m0.length); // the state being expanded, copied out of the store (which may grow)
  const next = new Uint32Array(m0.length);
  for (let head = 0; head < store.size; head++) {
    m.set(store.view(head));
    const d = store.depth[head];
    if (bounds.onProgress && head % 4096 === 0) bounds.onProgress(head, store.size, d);
    const memo = new Map<string, Set<string>>();
    for (const c of stateCheckers) {
      if (c.premise && c.premiseAt === undefined && c.premise(m, undefined, memo)) c.premiseAt = head;
      if (c.found !== undefined) continue;
      const v = c.test(m, undefined, memo);
      if (c.prop.kind === 'invariant' ? !v : v) c.found = head;
    }
    if (d >= maxDepth) {
      cutBy ??= 'depth';
      continue;
    }
    let any = false;
    for (let ti = 0; ti < fast.length; ti++) {
      const ft = fast[ti];
      if (!enabledFast(ft, m, memo)) {
        seenDisabled[ti] = 1;
        continue;
      }
      seenEnabled[ti] = 1;
      any = true;
      edges++;
      firedCount[ti]++;
      fireInto(ft, m, next);
      if (stepCheckers.length) {
        const step = { pre: m, post: next, fired: ft.t };
        for (const c of stepCheckers) {
          if (c.premise && c.premiseAt === undefined && c.premise(m, step)) {
            c.premiseAt = head;
            c.premiseVia = ft.t;
          }
          if (c.found !== undefined) continue;
          if (!c.test(m, step)) {
            c.foundVia = { from: head, t: ft.t };
            c.found = head;
          }
        }
      }
      if (store.size >= storeLimit) {
        if (store.indexOf(next) < 0) cutBy ??= storeCut;
        continue;
      }
      store.add(next, head, ti, d + 1);
    }
    if (!any) deadlocks++;
  }

  const complete = cutBy === undefined;
  const states = store.size;
  const depth = states ? store.depth[states - 1] : 0; // BFS: the last state is the deepest
  const fired: Record<string, number> = {};
  const outcomes: Record<string, { enabled: boolean; disabled: boolean }> = {};
  fast.forEach(({ t }, ti) => {
    if (firedCount[ti]) fired[t.id] = firedCount[ti];
    outcomes[t.id] = { enabled: seenEnabled[ti] === 1, disabled: seenDisabled[ti] === 1 };
  });
  const traceTo = (idx: number, extra?: GroundTransition): Trace =>
    traceOf(net, [...store.pathTo(idx).map((ti) => net.transitions[ti]), ...(extra ? [extra] : [])]);

  const verdicts = checkers.map(({ prop, found, foundVia, premise, premiseAt, premiseVia }) => {
    let verdict: ExplorerVerdict;
    if (prop.kind === 'reachable') {
      verdict = found !== undefined ? { kind: 'witness', trace: traceTo(found) }
        : complete ? { kind: 'unreachable', method: 'exhaustive', states }
        : { kind: 'no-witness-within-bounds', states, depth };
    } else if (found !== undefined) {
      verdict = { kind: 'violated', trace: traceTo(found, foundVia?.t) };
    } else {
      verdict = !complete ? { kind: 'holds-within-bounds', states, depth }
        : premise && premiseAt === undefined ? { kind: 'vacuous', method: 'exhaustive', states }
        : { kind: 'proved', method: 'exhaustive', states };
    }
    return { id: prop.id, verdict, ...(premiseAt !== undefined && { premise: traceTo(premiseAt, premiseVia) }) };
  });

  const result: ExploreResult = { states, edges, deadlocks, depth, complete, cutBy, fired, guardOutcomes: outcomes, verdicts, seconds: (performance.now() - t0) / 1000, storeBytes: store.bytes, maxStoreBytes };
  return { result, graph: { net, store, complete } };
}

/** The trace of firing `path` from M0, each step with the facts it added and removed. */
export function traceOf(net: Net, path: readonly GroundTransition[]): Trace {
  const steps: TraceStep[] = [];
  let prev = m0Of(net);
  for (const t of path) {
    const after = fire(net, t, prev);
    const b = new Set(factsIn(net, prev)), a = new Set(factsIn(net, after));
    steps.push({ transition: t.id, rule: t.rule.name, binding: t.binding, added: [...a].filter((f) => !b.has(f)), removed: [...b].filter((f) => !a.has(f)) });
    prev = after;
  }
  return { initial: net.m0, steps, final: factsIn(net, prev) };
}
