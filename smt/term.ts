// Formulas (model/prop.ts) printed as SMT-LIB2 terms. The knowledge closure is a DAG with heavy
// sharing; a sub-formula used more than once is bound once with `let` so the text (and the
// solver's parse) stays linear in the DAG rather than in its unfolding.
import type { Prop } from '../model/prop.js';

/** How atoms are named in the surrounding script (a state at a step, a bound variable, ...). */
export interface Namer {
  readonly fact: (f: string) => string;
  readonly pre?: (f: string) => string;
  readonly post?: (f: string) => string;
  readonly fired?: (id: string) => string;
}

/** A quoted SMT-LIB symbol (facts contain parentheses and commas, never `|` or `\`). */
export const sym = (s: string) => `|${s}|`;

function leaf(p: Prop, n: Namer): string | undefined {
  switch (p.t) {
    case 'const': return p.v ? 'true' : 'false';
    case 'fact': return n.fact(p.f);
    case 'pre': return need(n.pre, 'pre')(p.f);
    case 'post': return need(n.post, 'post')(p.f);
    case 'fired': return need(n.fired, 'fired')(p.id);
    case 'knows': case 'enabled': throw new Error(`unfolded '${p.t}' atom reached the SMT printer: fold it first (smt/system.ts)`);
    default: return undefined;
  }
}
function need<T>(f: T | undefined, atom: string): T {
  if (!f) throw new Error(`step atom '${atom}' in a formula printed outside a step`);
  return f;
}
const kids = (p: Prop): readonly Prop[] => (p.t === 'not' ? [p.a] : p.t === 'and' || p.t === 'or' ? p.as : []);

/** An atom, or the negation of one: printed without a `let` whatever shares it. */
const literalText = (p: Prop, n: Namer): string | undefined => {
  if (p.t === 'not') {
    const l = leaf(p.a, n);
    return l === undefined ? undefined : `(not ${l})`;
  }
  return leaf(p, n);
};

/**
 * A clause or a cube (a conjunction or disjunction of literals), the text `toSmt` gives it, without
 * its walk: Houdini prints hundreds of thousands of them. Undefined for any other shape, and for a
 * negated literal that appears twice as one object (`toSmt` binds that with a `let`).
 */
function flatText(root: Prop, n: Namer): string | undefined {
  const lit = literalText(root, n);
  if (lit !== undefined) return lit;
  if (root.t !== 'and' && root.t !== 'or') return undefined;
  const args: string[] = [];
  for (let i = 0; i < root.as.length; i++) {
    const a = root.as[i];
    const l = literalText(a, n);
    if (l === undefined) return undefined;
    if (a.t === 'not' && root.as.indexOf(a) !== i) return undefined;
    args.push(l);
  }
  return `(${root.t} ${args.join(' ')})`;
}

export function toSmt(root: Prop, n: Namer): string {
  const flat = flatText(root, n);
  if (flat !== undefined) return flat;
  // count the parents of every inner node
  const refs = new Map<Prop, number>();
  const order: Prop[] = [];
  const visit = (p: Prop) => {
    if (kids(p).length === 0) return;
    const c = refs.get(p) ?? 0;
    refs.set(p, c + 1);
    if (c > 0) return;
    kids(p).forEach(visit);
    order.push(p); // post-order: children before parents
  };
  visit(root);
  const names = new Map<Prop, string>();
  const binds: string[] = [];
  const text = (p: Prop): string => {
    const l = leaf(p, n);
    if (l !== undefined) return l;
    const named = names.get(p);
    if (named) return named;
    const args = kids(p).map(text).join(' ');
    return `(${p.t} ${args})`;
  };
  for (const p of order) {
    if (p === root || (refs.get(p) ?? 0) < 2) continue;
    const body = text(p);
    const name = `t${binds.length}`;
    binds.push(`(let ((${name} ${body}))`);
    names.set(p, name);
  }
  return binds.length ? `${binds.join(' ')} ${text(root)}${')'.repeat(binds.length)}` : text(root);
}
