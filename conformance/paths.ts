// Shortest paths over the model's reachable graph, from xstate's graph API on the machine derived
// from the net (model/machine.ts). States are serialised by their marking (keyOf) and the events
// of a state are its enabled ground events, so the graph is exactly the reachable marking graph
// and stays finite. From every reachable state's shortest path we select, per coverage target
// (targets.ts), the shortest one reaching it, then append the event to fire or to probe.
import { getShortestPaths } from 'xstate/graph';
import type { ExploredGraph } from '../model/explore.js';
import { type Marking, enabledTransitions, keyOf } from '../model/marking.js';
import { type NetEvent, createNetMachine, eventOf } from '../model/machine.js';
import type { Net } from '../model/net.js';
import { type Classifier, classifier } from './targets.js';

export interface GraphState {
  readonly marking: Marking;
  /** the shortest event sequence from M0 to this marking */
  readonly events: readonly NetEvent[];
}

export interface Graph {
  readonly states: readonly GraphState[];
  readonly seconds: number;
  /** the enumeration stopped at `maxStates` expanded states: markings beyond it are missing */
  readonly truncated: boolean;
}

/** Every reachable marking with a shortest path to it (xstate/graph getShortestPaths), expanding
 *  at most `maxStates` markings (limits.ts): past the bound a marking gets no successors, so the
 *  enumeration ends whatever the net, and `truncated` says it was cut. */
export function reachableGraph(net: Net, maxStates = Infinity, onExpand?: (expanded: number) => void): Graph {
  const t0 = performance.now();
  type Snap = { context: { marking: Marking } };
  const expanded = new Set<string>();
  let truncated = false;
  const paths = getShortestPaths(createNetMachine(net), {
    events: (s: Snap) => {
      const k = keyOf(s.context.marking);
      if (!expanded.has(k)) {
        if (expanded.size >= maxStates) { truncated = true; return []; }
        expanded.add(k);
        if (expanded.size % 1000 === 0) onExpand?.(expanded.size);
      }
      return enabledTransitions(net, s.context.marking).map(eventOf);
    },
    serializeState: (s: Snap) => keyOf(s.context.marking),
  } as never) as unknown as Array<{ state: Snap; steps: Array<{ event: NetEvent }> }>;
  const states = paths.map((p) => ({
    marking: p.state.context.marking,
    // the first step is xstate's own init event
    events: p.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.')),
  }));
  return { states, seconds: (performance.now() - t0) / 1000, truncated };
}

export interface SelectedPath {
  readonly name: string;
  readonly events: readonly NetEvent[];
  /** the targets this path was selected for */
  readonly targets: readonly string[];
}

export interface Selection {
  readonly paths: readonly SelectedPath[];
  /** every target satisfied by some reachable state */
  readonly reachable: ReadonlySet<string>;
  /** targets with no reachable state */
  readonly unreachable: readonly string[];
}

const evKey = (e: NetEvent) => JSON.stringify(e);

export function selectPaths(net: Net, g: Graph): Selection {
  const cls = classifier(net);
  const best = new Map<string, { events: readonly NetEvent[] }>();
  for (const s of g.states) {
    for (const id of cls.satisfied(s.marking)) {
      const b = best.get(id);
      if (!b || s.events.length < b.events.length) best.set(id, s);
    }
  }
  return selectionOf(cls, best);
}

/**
 * The same selection over the explorer's graph (model/explore.ts exploreGraph), which stores every
 * reachable marking once, packed, with the breadth-first path that first reached it: states come
 * in order of depth, so the first state meeting a target is a shortest one, and a target met is
 * never tested again. Millions of states cost one pass with the targets not yet met.
 */
export function selectExplored(g: ExploredGraph): Selection {
  const { net, store } = g;
  const cls = classifier(net);
  let open = [...cls.tests];
  const best = new Map<string, { events: readonly NetEvent[] }>();
  for (let idx = 0; idx < store.size && open.length; idx++) {
    const m = store.view(idx); // a view of its own per state: the tests may cache by marking
    let met = false;
    for (const x of open) if (x.test(m)) {
      best.set(x.id, { events: store.pathTo(idx).map((ti) => eventOf(net.transitions[ti])) });
      met = true;
    }
    if (met) open = open.filter((x) => !best.has(x.id));
  }
  return selectionOf(cls, best);
}

function selectionOf(cls: Classifier, best: ReadonlyMap<string, { events: readonly NetEvent[] }>): Selection {
  const reachable = new Set(best.keys());
  const unreachable = cls.targets.filter((t) => !best.has(t.id)).map((t) => t.id);
  // One sequence per target; identical sequences merged.
  const bySeq = new Map<string, { events: NetEvent[]; targets: string[]; endsEnabled: boolean }>();
  for (const t of cls.targets) {
    const s = best.get(t.id);
    if (!s) continue;
    const events = t.transition ? [...s.events, eventOf(t.transition)] : [...s.events];
    const k = events.map(evKey).join(' ');
    const entry = bySeq.get(k) ?? { events, targets: [], endsEnabled: t.kind === 'fire' || t.kind === 'effect' || t.kind === 'reason' || t.kind === 'state' };
    entry.targets.push(t.id);
    bySeq.set(k, entry);
  }
  // A sequence of enabled firings that is a strict prefix of another selected sequence is run
  // (and checked step by step) inside it: drop it, keep its targets on the longer one.
  const keys = [...bySeq.keys()].sort((a, b) => b.length - a.length);
  const kept: string[] = [];
  for (const k of keys) {
    const e = bySeq.get(k)!;
    const host = e.endsEnabled ? kept.find((h) => h.startsWith(k + ' ') || (k === '' && h !== '')) : undefined;
    if (host) bySeq.get(host)!.targets.push(...e.targets);
    else kept.push(k);
  }
  const paths = kept
    .map((k) => bySeq.get(k)!)
    .sort((a, b) => a.events.length - b.events.length)
    .map((e, n) => ({ name: `path ${n + 1}`, events: e.events, targets: e.targets }));
  return { paths, reachable, unreachable };
}
