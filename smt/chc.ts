// The net as constrained Horn clauses for Z3's fixedpoint engine (Spacer): one predicate Inv
// over the slice's state variables, one clause for M0, one clause per transition (its guard on
// the current state, its effect as the arguments of the head, so no primed copy is needed), and
// the query. `sat` means the clauses have a model, an inductive invariant that excludes the query:
// unreachable from M0 in any number of steps, an unbounded result. `unsat` means a derivation of
// `false` exists: reachable; the trace is then found
// by BMC (smt/bmc.ts), because Spacer's derivation is not a sequence of named firings.
import { type Prop, and, fact } from '../model/prop.js';
import type { Slice } from './slice.js';
import { nextValue, type FoldedTransition } from './system.js';
import { type Namer, sym, toSmt } from './term.js';

/** Bad states or bad steps, as formulas over the slice (folded). */
export type Bad = { readonly kind: 'state'; readonly p: Prop } | { readonly kind: 'step'; readonly p: Prop };

const here: Namer = { fact: sym };

/** The post-state of a firing as an SMT term over the pre-state variables. */
export const postTerm = (ft: FoldedTransition, f: string, namer: Namer) => toSmt(nextValue(ft, f, fact(f)), namer);

/**
 * `assume`: lemmas already proved to hold in every reachable marking (smt/houdini.ts); adding
 * them to every clause body is sound and spares Spacer rediscovering them.
 */
export function chcScript(sl: Slice, bad: Bad, assume: readonly Prop[] = []): string {
  const vs = sl.vars;
  const args = vs.map(sym).join(' ');
  const inv = (vs.length ? `(Inv ${args})` : 'Inv') + (assume.length ? ` ${toSmt(and(...assume), here)}` : '');
  // A ground clause needs no quantifier; Spacer accepts both forms.
  const clause = (body: string, head: string) =>
    vs.length ? `(assert (forall (${vs.map((v) => `(${sym(v)} Bool)`).join(' ')}) (=> ${body} ${head})))` : `(assert (=> ${body} ${head}))`;
  const out = ['(set-logic HORN)', `(declare-fun Inv (${vs.map(() => 'Bool').join(' ')}) Bool)`];
  out.push('; M0');
  out.push(vs.length ? `(assert (Inv ${vs.map((v) => String(sl.init.get(v))).join(' ')}))` : '(assert Inv)');
  out.push('; one clause per transition: guard on the current state, effect as the head');
  for (const ft of sl.transitions) {
    const head = vs.length ? `(Inv ${vs.map((v) => (ft.writes.has(v) ? postTerm(ft, v, here) : sym(v))).join(' ')})` : 'Inv';
    out.push(`; ${ft.t.id}`);
    out.push(clause(`(and ${inv} ${toSmt(ft.guard, here)})`, head));
  }
  out.push('; the query: a reachable bad state (or a bad step)');
  if (bad.kind === 'state') {
    out.push(clause(`(and ${inv} ${toSmt(bad.p, here)})`, 'false'));
  } else {
    for (const ft of sl.transitions) {
      const namer: Namer = { fact: sym, pre: sym, post: (f) => (ft.writes.has(f) ? postTerm(ft, f, here) : sym(f)), fired: (id) => String(id === ft.t.id) };
      out.push(`; a bad firing of ${ft.t.id}`);
      out.push(clause(`(and ${inv} ${toSmt(ft.guard, here)} ${toSmt(bad.p, namer)})`, 'false'));
    }
  }
  out.push('(check-sat)');
  return out.join('\n') + '\n';
}
