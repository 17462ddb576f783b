// Formulas compiled to closures over bitset markings: the same semantics as `evaluate` in
// marking.ts (a test checks they agree), fast enough for exhaustive exploration.
import { closure } from './knowledge.js';
import { type Marking, type StepContext, heldBy } from './marking.js';
import type { Net } from './net.js';
import type { Prop } from './prop.js';

export type Compiled = (m: Marking, step?: StepContext, memo?: Map<string, Set<string>>) => boolean;

const bit = (m: Marking, k: number) => (m[k >>> 5] & (1 << (k & 31))) !== 0;

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
          known = closure(net.U, heldBy(net, m, parties));
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
