// Formulas compiled to closures over bitset markings: the same semantics as `evaluate` in
// marking.ts (a test checks they agree), fast enough for exhaustive exploration.
import { closure } from './knowledge.js';
import { type Marking, type StepContext, heldBy } from './marking.js';
import type { Net } from './net.js';
import type { Prop } from './prop.js';
import { splitHolds } from './terms.js';

export type Compiled = (m: Marking, step?: StepContext, memo?: Map<string, Set<string>>) => boolean;

const bit = (m: Marking, k: number) => (m[k >>> 5] & (1 << (k & 31))) !== 0;

/** Closures already computed, per net and coalition, keyed by the coalition's holdings: what a
 *  coalition knows depends on nothing else, and markings far outnumber distinct holdings. */
const closures = new WeakMap<Net, Map<string, { mask: Uint32Array; known: Map<string, Set<string>> }>>();
const CLOSURES_KEPT = 1 << 16;

function closureCache(net: Net, parties: readonly string[]) {
  let byCoalition = closures.get(net);
  if (!byCoalition) closures.set(net, (byCoalition = new Map()));
  const key = parties.join('+');
  let c = byCoalition.get(key);
  if (!c) {
    const mask = new Uint32Array(Math.ceil(net.facts.length / 32));
    net.facts.forEach((f, k) => {
      const h = splitHolds(f);
      if (h && parties.includes(h.who)) mask[k >>> 5] |= 1 << (k & 31);
    });
    byCoalition.set(key, (c = { mask, known: new Map() }));
  }
  return c;
}

/** What `parties` together know in m: the knowledge closure of their holdings, cached by holdings. */
export function knownBy(net: Net, m: Marking, parties: readonly string[]): Set<string> {
  const c = closureCache(net, parties);
  let key = '';
  for (let w = 0; w < c.mask.length; w++) {
    const x = m[w] & c.mask[w];
    key += String.fromCharCode(x & 0xffff, x >>> 16);
  }
  let known = c.known.get(key);
  if (!known) {
    if (c.known.size >= CLOSURES_KEPT) c.known.clear();
    known = closure(net.U, heldBy(net, m, parties));
    c.known.set(key, known);
  }
  return known;
}

export function compile(net: Net, p: Prop): Compiled {
  switch (p.t) {
    case 'const': { const v = p.v; return () => v; }
    case 'fact': {
      const k = net.factIndex.get(p.f);
      return k === undefined ? () => false : (m) => bit(m, k);
    }
    case 'knows': {
      const parties = p.parties, token = p.token, key = parties.join('+');
      return (m, _s, memo) => {
        let known = memo?.get(key);
        if (!known) {
          known = knownBy(net, m, parties);
          memo?.set(key, known);
        }
        return known.has(token);
      };
    }
    case 'enabled': {
      const t = net.byId.get(p.id);
      if (!t) return () => false;
      const g = compile(net, t.guard);
      return (m, s, memo) => g(m, s, memo);
    }
    case 'pre': case 'post': {
      const k = net.factIndex.get(p.f);
      const which = p.t;
      return (_m, s) => {
        if (!s) throw new Error(`step atom '${which}' used outside a step property`);
        return k !== undefined && bit(which === 'pre' ? s.pre : s.post, k);
      };
    }
    case 'fired': {
      const id = p.id;
      return (_m, s) => {
        if (!s) throw new Error(`step atom 'fired' used outside a step property`);
        return s.fired.id === id;
      };
    }
    case 'not': { const a = compile(net, p.a); return (m, s, memo) => !a(m, s, memo); }
    case 'and': {
      const as = p.as.map((a) => compile(net, a));
      return (m, s, memo) => { for (const a of as) if (!a(m, s, memo)) return false; return true; };
    }
    case 'or': {
      const as = p.as.map((a) => compile(net, a));
      return (m, s, memo) => { for (const a of as) if (a(m, s, memo)) return true; return false; };
    }
  }
}
