// Ground propositional formulas: the one language in which guards, conditional effects and
// property statements are written. The explorer evaluates them on markings, the SMT encoder
// translates them, the exports print them; so nothing is stated twice.

export type Prop =
  | { readonly t: 'const'; readonly v: boolean }
  /** a fact is in the (current) marking */
  | { readonly t: 'fact'; readonly f: string }
  /** the coalition `parties` can derive `token` from what its members hold (knowledge closure) */
  | { readonly t: 'knows'; readonly parties: readonly string[]; readonly token: string }
  /** the guard of ground transition `id` holds in the current marking */
  | { readonly t: 'enabled'; readonly id: string }
  // step atoms, meaningful only in step properties (a marking, one firing, the next marking)
  | { readonly t: 'pre'; readonly f: string }
  | { readonly t: 'post'; readonly f: string }
  | { readonly t: 'fired'; readonly id: string }
  | { readonly t: 'not'; readonly a: Prop }
  | { readonly t: 'and'; readonly as: readonly Prop[] }
  /** `premise` marks a disjunction built by `implies` (¬premise ∨ conclusion): the premise kept as
   *  a part of the formula, so that its reachability can be checked (model/vacuity.ts) */
  | { readonly t: 'or'; readonly as: readonly Prop[]; readonly premise?: Prop };

export const TRUE: Prop = { t: 'const', v: true };
export const FALSE: Prop = { t: 'const', v: false };

export const fact = (f: string): Prop => ({ t: 'fact', f });
export const knows = (parties: readonly string[], token: string): Prop => ({ t: 'knows', parties: [...parties].sort(), token });
export const enabled = (id: string): Prop => ({ t: 'enabled', id });
export const pre = (f: string): Prop => ({ t: 'pre', f });
export const post = (f: string): Prop => ({ t: 'post', f });
export const fired = (id: string): Prop => ({ t: 'fired', id });

export function not(a: Prop): Prop {
  if (a.t === 'const') return { t: 'const', v: !a.v };
  if (a.t === 'not') return a.a;
  return { t: 'not', a };
}

export const and = (...as: Prop[]): Prop => all(as);
export const or = (...as: Prop[]): Prop => any(as);

/** The conjunction of a list of any length. A statement over a large net conjoins one item per
 *  transition or fact, so the list is walked, never spread into arguments (V8 caps those). */
export function all(items: readonly Prop[]): Prop {
  const kept: Prop[] = [];
  for (const a of items) {
    if (a.t === 'const') {
      if (!a.v) return FALSE;
      continue;
    }
    if (a.t === 'and') for (const b of a.as) kept.push(b);
    else kept.push(a);
  }
  return kept.length === 0 ? TRUE : kept.length === 1 ? kept[0] : { t: 'and', as: kept };
}

/** The disjunction of a list of any length (as `all`). */
export function any(items: readonly Prop[]): Prop {
  const kept: Prop[] = [];
  for (const a of items) {
    if (a.t === 'const') {
      if (a.v) return TRUE;
      continue;
    }
    if (a.t === 'or') for (const b of a.as) kept.push(b);
    else kept.push(a);
  }
  return kept.length === 0 ? FALSE : kept.length === 1 ? kept[0] : { t: 'or', as: kept };
}

/** a → b, written ¬a ∨ b; the disjunction remembers its premise (model/vacuity.ts reads it). */
export function implies(a: Prop, b: Prop): Prop {
  const r = or(not(a), b);
  return r.t === 'or' && a.t !== 'const' ? { ...r, premise: a } : r;
}
export const iff = (a: Prop, b: Prop): Prop => and(implies(a, b), implies(b, a));
/** a fact did not change across the step */
export const unchanged = (f: string): Prop => iff(pre(f), post(f));


/** Human-readable rendering (exports, reports, traces). */
export function show(p: Prop): string {
  switch (p.t) {
    case 'const': return p.v ? 'true' : 'false';
    case 'fact': return p.f;
    case 'knows': return `knows{${p.parties.join('+')}}(${p.token})`;
    case 'enabled': return `enabled(${p.id})`;
    case 'pre': return `pre:${p.f}`;
    case 'post': return `post:${p.f}`;
    case 'fired': return `fired:${p.id}`;
    case 'not': return `¬${wrap(p.a)}`;
    case 'and': return p.as.map(wrap).join(' ∧ ');
    case 'or': return p.as.map(wrap).join(' ∨ ');
  }
}
const wrap = (p: Prop) => (p.t === 'and' || p.t === 'or' ? `(${show(p)})` : show(p));

/** Every fact a formula mentions (in any position). */
export function factsOf(p: Prop, out: Set<string> = new Set(), seen: Set<Prop> = new Set()): Set<string> {
  // a formula is a DAG (the knowledge closure shares sub-formulas): each node is visited once
  if (seen.has(p)) return out;
  seen.add(p);
  switch (p.t) {
    case 'fact': case 'pre': case 'post': out.add(p.f); break;
    case 'not': factsOf(p.a, out, seen); break;
    case 'and': case 'or': for (const a of p.as) factsOf(a, out, seen); break;
    default: break;
  }
  return out;
}
