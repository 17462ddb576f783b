// The firing rule of marking.ts (`fire`, `isEnabled`) compiled per ground transition to word masks,
// for the explorer's inner loop: a guard's literal conjuncts become a must-have and a must-not-have
// mask, its other conjuncts stay compiled formulas (compile.ts); deletions and additions become
// masks, conditional effects a compiled condition with its masks. Same semantics as `fire`
// (conditions decided on the marking before firing, deletions before additions); a test checks
// that both give the same successors on every reachable marking of `small`.
import { type Compiled, compile } from './compile.js';
import type { Marking } from './marking.js';
import type { GroundTransition, Net } from './net.js';
import type { Prop } from './prop.js';

export interface FastTransition {
  readonly t: GroundTransition;
  /** bits that must be marked / unmarked for the guard's literal conjuncts */
  readonly pos: Uint32Array;
  readonly neg: Uint32Array;
  /** the words where pos or neg has a bit: the only ones the literal test reads (most guards name a few facts of a few words) */
  readonly guarded: Int32Array;
  /** the guard's other conjuncts; `never`: a literal conjunct can never hold */
  readonly rest: readonly Compiled[];
  readonly never: boolean;
  readonly del: Uint32Array;
  readonly add: Uint32Array;
  readonly when: ReadonlyArray<{ readonly test: Compiled; readonly del: Uint32Array; readonly add: Uint32Array }>;
}

const words = (net: Net) => Math.ceil(net.facts.length / 32);

function maskOf(net: Net, facts: readonly string[]): Uint32Array {
  const m = new Uint32Array(words(net));
  for (const f of facts) {
    const k = net.factIndex.get(f)!;
    m[k >>> 5] |= 1 << (k & 31);
  }
  return m;
}

const conjunctsOf = (p: Prop): readonly Prop[] => (p.t === 'and' ? p.as : p.t === 'const' && p.v ? [] : [p]);

export function compileTransition(net: Net, t: GroundTransition): FastTransition {
  const W = words(net);
  const pos = new Uint32Array(W), neg = new Uint32Array(W);
  const rest: Compiled[] = [];
  let never = false;
  for (const c of conjunctsOf(t.guard)) {
    const lit = c.t === 'fact' ? { f: c.f, on: true } : c.t === 'not' && c.a.t === 'fact' ? { f: c.a.f, on: false } : undefined;
    if (!lit) {
      if (c.t === 'const') never ||= !c.v;
      else rest.push(compile(net, c));
      continue;
    }
    const k = net.factIndex.get(lit.f);
    // a fact the net never mentions is never marked
    if (k === undefined) { never ||= lit.on; continue; }
    (lit.on ? pos : neg)[k >>> 5] |= 1 << (k & 31);
  }
  for (let w = 0; w < W; w++) never ||= (pos[w] & neg[w]) !== 0;
  const guarded = Int32Array.from({ length: W }, (_, w) => w).filter((w) => (pos[w] | neg[w]) !== 0);
  return {
    t, pos, neg, guarded, rest, never,
    del: maskOf(net, t.del), add: maskOf(net, t.add),
    when: t.when.map((w) => ({ test: compile(net, w.if), del: maskOf(net, w.del), add: maskOf(net, w.add) })),
  };
}

export function compileTransitions(net: Net): FastTransition[] {
  return net.transitions.map((t) => compileTransition(net, t));
}

/** The guard of `ft` on m. */
export function enabledFast(ft: FastTransition, m: Marking, memo?: Map<string, Set<string>>): boolean {
  if (ft.never) return false;
  const { pos, neg, guarded } = ft;
  for (let i = 0; i < guarded.length; i++) {
    const w = guarded[i];
    const x = m[w];
    if ((~x & pos[w]) !== 0 || (x & neg[w]) !== 0) return false;
  }
  for (const c of ft.rest) if (!c(m, undefined, memo)) return false;
  return true;
}

/** Writes into `out` the marking after firing `ft` (enabled) on m. */
export function fireInto(ft: FastTransition, m: Marking, out: Uint32Array): Uint32Array {
  const W = ft.del.length;
  if (ft.when.length === 0) {
    for (let w = 0; w < W; w++) out[w] = (m[w] & ~ft.del[w]) | ft.add[w];
    return out;
  }
  for (let w = 0; w < W; w++) out[w] = m[w] & ~ft.del[w];
  const applied = ft.when.filter((x) => x.test(m));
  for (const x of applied) for (let w = 0; w < W; w++) out[w] &= ~x.del[w];
  for (let w = 0; w < W; w++) out[w] |= ft.add[w];
  for (const x of applied) for (let w = 0; w < W; w++) out[w] |= x.add[w];
  return out;
}
