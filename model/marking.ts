// Markings as bitsets over a net's fact index: compact, hashable, fast to fire. The firing rule
// here is the net's semantics; the XState machine and the SMT encoding must agree with it.
import { closure } from './knowledge.js';
import type { GroundTransition, Net } from './net.js';
import type { Prop } from './prop.js';
import { splitHolds } from './terms.js';

export type Marking = Uint32Array;

export function emptyMarking(net: Net): Marking {
  return new Uint32Array(Math.ceil(net.facts.length / 32));
}

export function markingOf(net: Net, facts: Iterable<string>): Marking {
  const m = emptyMarking(net);
  for (const f of facts) {
    const k = net.factIndex.get(f);
    if (k === undefined) throw new Error(`fact '${f}' is not part of this net`);
    m[k >>> 5] |= 1 << (k & 31);
  }
  return m;
}

export const m0Of = (net: Net): Marking => markingOf(net, net.m0);

export function has(net: Net, m: Marking, f: string): boolean {
  const k = net.factIndex.get(f);
  // A fact the net never mentions can never be marked.
  return k !== undefined && (m[k >>> 5] & (1 << (k & 31))) !== 0;
}

export function factsIn(net: Net, m: Marking): string[] {
  return net.facts.filter((_, k) => (m[k >>> 5] & (1 << (k & 31))) !== 0);
}

/** Canonical key: equal markings, equal keys. */
export function keyOf(m: Marking): string {
  return Buffer.from(m.buffer, m.byteOffset, m.byteLength).toString('latin1');
}

const holdIndex = new WeakMap<Net, Map<string, Array<[number, string]>>>();
/** Per party: the bits of its `holds` facts and their tokens, built once per net. */
function holdingsIndex(net: Net): Map<string, Array<[number, string]>> {
  let idx = holdIndex.get(net);
  if (!idx) {
    idx = new Map();
    net.facts.forEach((f, k) => {
      const h = splitHolds(f);
      if (h) idx!.set(h.who, [...(idx!.get(h.who) ?? []), [k, h.token]]);
    });
    holdIndex.set(net, idx);
  }
  return idx;
}

/** Tokens a coalition holds in a marking (union of its members' places). */
export function heldBy(net: Net, m: Marking, parties: readonly string[]): string[] {
  const idx = holdingsIndex(net);
  const out: string[] = [];
  for (const p of parties) for (const [k, t] of idx.get(p) ?? []) if ((m[k >>> 5] & (1 << (k & 31))) !== 0) out.push(t);
  return out;
}

export interface StepContext {
  readonly pre: Marking;
  readonly post: Marking;
  readonly fired: GroundTransition;
}

/** Evaluates a formula on a marking (and, for step atoms, on a step). */
export function evaluate(net: Net, p: Prop, m: Marking, step?: StepContext, memo = new Map<string, Set<string>>()): boolean {
  switch (p.t) {
    case 'const': return p.v;
    case 'fact': return has(net, m, p.f);
    case 'knows': {
      const k = p.parties.join('+');
      let known = memo.get(k);
      if (!known) {
        known = closure(net.U, heldBy(net, m, p.parties));
        memo.set(k, known);
      }
      return known.has(p.token);
    }
    case 'enabled': {
      const t = net.byId.get(p.id);
      return t !== undefined && evaluate(net, t.guard, m, step, memo);
    }
    case 'pre': return step ? has(net, step.pre, p.f) : fail('pre');
    case 'post': return step ? has(net, step.post, p.f) : fail('post');
    case 'fired': return step ? step.fired.id === p.id : fail('fired');
    case 'not': return !evaluate(net, p.a, m, step, memo);
    case 'and': return p.as.every((a) => evaluate(net, a, m, step, memo));
    case 'or': return p.as.some((a) => evaluate(net, a, m, step, memo));
  }
}
function fail(atom: string): never {
  throw new Error(`step atom '${atom}' used outside a step property`);
}

export const isEnabled = (net: Net, t: GroundTransition, m: Marking) => evaluate(net, t.guard, m);

function setBit(m: Marking, k: number, on: boolean) {
  if (on) m[k >>> 5] |= 1 << (k & 31);
  else m[k >>> 5] &= ~(1 << (k & 31));
}

/**
 * Fires t (which must be enabled): conditional effects are decided on the marking before firing;
 * deletions apply before additions, so a fact both deleted and added ends up marked.
 */
export function fire(net: Net, t: GroundTransition, m: Marking): Marking {
  const next = m.slice();
  const dels: string[] = [...t.del];
  const adds: string[] = [...t.add];
  for (const w of t.when) {
    if (evaluate(net, w.if, m)) {
      dels.push(...w.del);
      adds.push(...w.add);
    }
  }
  for (const f of dels) setBit(next, net.factIndex.get(f)!, false);
  for (const f of adds) setBit(next, net.factIndex.get(f)!, true);
  return next;
}

export function enabledTransitions(net: Net, m: Marking): GroundTransition[] {
  return net.transitions.filter((t) => isEnabled(net, t, m));
}
