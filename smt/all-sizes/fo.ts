// First-order formulas over the sorts of the reading (Prin, File, Part, and Patient in the
// patient-sorted reading): facts become relation atoms, printed as SMT-LIB with declare-sort and
// quantifiers. Also the fragment check: a query is decided only when, in negation normal form, no
// ∃ sits under a ∀ except along a stratified (acyclic) sort graph; otherwise the answer is "outside
// the decidable fragment". The one function symbol, `own : Patient → Prin` (a patient as the
// principal that holds its keys and plaintexts), is an edge of that graph like a Skolem function.
import { isPatientPosition, parseTerm } from '../../model/terms.js';
import type { FoSort } from './symbolic.js';

export type F =
  | { readonly t: 'const'; readonly v: boolean }
  /** a relation atom; `next` reads it in the state after the firing */
  | { readonly t: 'atom'; readonly rel: string; readonly args: readonly string[]; readonly next?: boolean }
  | { readonly t: 'eq'; readonly a: string; readonly b: string }
  | { readonly t: 'not'; readonly a: F }
  | { readonly t: 'and'; readonly as: readonly F[] }
  | { readonly t: 'or'; readonly as: readonly F[] }
  | { readonly t: 'q'; readonly q: 'forall' | 'exists'; readonly vars: ReadonlyArray<readonly [string, FoSort]>; readonly body: F };

export const T: F = { t: 'const', v: true };
export const FF: F = { t: 'const', v: false };
export const atom = (rel: string, args: readonly string[], next = false): F => ({ t: 'atom', rel, args, next: next || undefined });

// ---- terms: an identifier, or own(p) for a patient p in a principal's position --------------

/** The principal of patient p: the term `(own p)`. */
export const own = (p: string): string => `(own ${p})`;
const OWN_PREFIX = '(own ';
/** The identifier a term is built on: the term itself, or p of own(p). */
export const termId = (t: string): string => (t.startsWith(OWN_PREFIX) ? t.slice(OWN_PREFIX.length, -1) : t);
/** Whether a term is own(p). */
export const isOwnTerm = (t: string): boolean => t.startsWith(OWN_PREFIX);
/** A term with its identifier mapped: own(p) stays an application of own. */
export const mapTerm = (t: string, r: (id: string) => string): string => (isOwnTerm(t) ? own(r(termId(t))) : r(t));
/** A term as the reports print it: own(p). */
const showTerm = (t: string) => (isOwnTerm(t) ? `own(${termId(t)})` : t);
export const eq = (a: string, b: string): F => (a === b ? T : { t: 'eq', a, b });
export function neg(a: F): F {
  if (a.t === 'const') return { t: 'const', v: !a.v };
  if (a.t === 'not') return a.a;
  return { t: 'not', a };
}
export function conj(...as: F[]): F {
  const kept: F[] = [];
  for (const a of as) {
    if (a.t === 'const') { if (!a.v) return FF; continue; }
    if (a.t === 'and') kept.push(...a.as); else kept.push(a);
  }
  return kept.length === 0 ? T : kept.length === 1 ? kept[0] : { t: 'and', as: kept };
}
export function disj(...as: F[]): F {
  const kept: F[] = [];
  for (const a of as) {
    if (a.t === 'const') { if (a.v) return T; continue; }
    if (a.t === 'or') kept.push(...a.as); else kept.push(a);
  }
  return kept.length === 0 ? FF : kept.length === 1 ? kept[0] : { t: 'or', as: kept };
}
export const imp = (a: F, b: F): F => disj(neg(a), b);
export const iff = (a: F, b: F): F => conj(imp(a, b), imp(b, a));
export function quant(q: 'forall' | 'exists', vars: ReadonlyArray<readonly [string, FoSort]>, body: F): F {
  const used = freeIn(body);
  const kept = vars.filter(([v]) => used.has(v));
  if (!kept.length || body.t === 'const') return body;
  return { t: 'q', q, vars: kept, body };
}
export const forall = (vars: ReadonlyArray<readonly [string, FoSort]>, body: F) => quant('forall', vars, body);
export const exists = (vars: ReadonlyArray<readonly [string, FoSort]>, body: F) => quant('exists', vars, body);

/** Terms a formula mentions free. */
export function freeIn(f: F, out = new Set<string>(), bound: ReadonlySet<string> = new Set()): Set<string> {
  switch (f.t) {
    case 'const': break;
    case 'atom': for (const a of f.args) if (!bound.has(termId(a))) out.add(termId(a)); break;
    case 'eq': for (const a of [f.a, f.b]) if (!bound.has(termId(a))) out.add(termId(a)); break;
    case 'not': freeIn(f.a, out, bound); break;
    case 'and': case 'or': for (const a of f.as) freeIn(a, out, bound); break;
    case 'q': freeIn(f.body, out, new Set([...bound, ...f.vars.map(([v]) => v)])); break;
  }
  return out;
}

/** Renames free terms. */
export function rename(f: F, m: ReadonlyMap<string, string>): F {
  const r = (x: string) => mapTerm(x, (id) => m.get(id) ?? id);
  switch (f.t) {
    case 'const': return f;
    case 'atom': return { ...f, args: f.args.map(r) };
    case 'eq': return eq(r(f.a), r(f.b));
    case 'not': return neg(rename(f.a, m));
    case 'and': return conj(...f.as.map((a) => rename(a, m)));
    case 'or': return disj(...f.as.map((a) => rename(a, m)));
    case 'q': {
      const inner = new Map(m);
      for (const [v] of f.vars) inner.delete(v);
      return quant(f.q, f.vars, rename(f.body, inner));
    }
  }
}

/** Rigid relations of the reading: what the universe fixes (kinds of principal, default access). */
export const RIGID: Readonly<Record<string, readonly FoSort[]>> = { Joiner: ['Prin'], Outsider: ['Prin'], Default: ['Prin', 'Part'] };

/**
 * The rigid relations of the patient-sorted reading, read from the universe and never written by a
 * rule: a user's kind per patient (`roles[p]`), which principals are owners, the patient of each
 * file (`ownerOf`), each patient's partition labels (`partitionsOf`: labels are shared names) and
 * the default access of a user's role for a patient (`defaultAccess`).
 */
export const RIGID_PATIENTS: Readonly<Record<string, readonly FoSort[]>> = {
  Joiner: ['Patient', 'Prin'], Outsider: ['Patient', 'Prin'], IsOwner: ['Prin'], FileOf: ['File', 'Patient'], PartOf: ['Patient', 'Part'], Default: ['Patient', 'Prin', 'Part'],
};
const RIGID_NAMES = new Set([...Object.keys(RIGID), ...Object.keys(RIGID_PATIENTS)]);
/** Whether a relation is rigid (the universe's, in either reading). */
export const isRigid = (rel: string): boolean => RIGID_NAMES.has(rel);

// ---- facts as atoms ------------------------------------------------------------------------

/** Placeholder of an argument position inside a relation's name. */
export const HOLE = '#';

/**
 * A ground fact's relation and arguments: the term tree is flattened; leaves that are ids of the
 * universe (the `sortOf` answer) are arguments, every other leaf (SRS, Cloud, ginvP, a rule name
 * inside a log entry) stays in the relation's name. `holds(SRS,RP(f,i))` is `holds(SRS,RP(#,#))(f,i)`.
 * A patient's id is a Patient argument in a patient's position (model/terms.ts isPatientPosition:
 * the tag of `Member(p,u)`) and the principal own(p) anywhere else (`holds(p,sk(p))`).
 */
export function atomOf(fact: string, sortOf: (id: string) => FoSort | undefined): { rel: string; args: string[]; sorts: FoSort[] } {
  const args: string[] = [];
  const sorts: FoSort[] = [];
  const walk = (s: string, patientPos = false): string => {
    const { head, args: sub } = parseTerm(s);
    if (s.indexOf('(') < 0) {
      const so = sortOf(s);
      if (!so) return s;
      if (patientPos && so !== 'Patient') throw new Error(`${fact}: ${s} (a ${so}) in a patient's position`);
      args.push(so === 'Patient' && !patientPos ? own(s) : s);
      sorts.push(so === 'Patient' && !patientPos ? 'Prin' : so);
      return HOLE;
    }
    return `${head}(${sub.map((a, k) => walk(a, isPatientPosition(head, k, sub.length))).join(',')})`;
  };
  const rel = walk(fact);
  return { rel, args, sorts };
}

/** The ground fact of a relation at given ids: the inverse of atomOf. */
export function factOf(rel: string, args: readonly string[]): string {
  let k = 0;
  return rel.replace(/#/g, () => args[k++]);
}

// ---- SMT-LIB ---------------------------------------------------------------------------------

export const relSym = (rel: string, next = false) => (isRigid(rel) ? rel : `|${rel}${next ? "'" : ''}|`);

export function smt(f: F): string {
  switch (f.t) {
    case 'const': return f.v ? 'true' : 'false';
    case 'atom': return f.args.length ? `(${relSym(f.rel, f.next)} ${f.args.join(' ')})` : relSym(f.rel, f.next);
    case 'eq': return `(= ${f.a} ${f.b})`;
    case 'not': return `(not ${smt(f.a)})`;
    case 'and': return `(and ${f.as.map(smt).join(' ')})`;
    case 'or': return `(or ${f.as.map(smt).join(' ')})`;
    case 'q': return `(${f.q} (${f.vars.map(([v, s]) => `(${v} ${s})`).join(' ')}) ${smt(f.body)})`;
  }
}

/** Readable rendering (evidence in reports). */
export function show(f: F): string {
  const w = (g: F) => (g.t === 'and' || g.t === 'or' ? `(${show(g)})` : show(g));
  switch (f.t) {
    case 'const': return f.v ? 'true' : 'false';
    case 'atom': { const args = f.args.map(showTerm); return `${isRigid(f.rel) ? `${f.rel}(${args.join(',')})` : factOf(f.rel, args)}${f.next ? "'" : ''}`; }
    case 'eq': return `${showTerm(f.a)} = ${showTerm(f.b)}`;
    case 'not': return f.a.t === 'eq' ? `${showTerm(f.a.a)} ≠ ${showTerm(f.a.b)}` : `¬${w(f.a)}`;
    case 'and': return f.as.map(w).join(' ∧ ');
    case 'or': {
      // a clause reads best as an implication: negative literals on the left
      const negs = f.as.filter((a) => a.t === 'not'), pos = f.as.filter((a) => a.t !== 'not');
      if (negs.length && pos.length) return `${negs.map((a) => w(neg(a))).join(' ∧ ')} → ${pos.map(w).join(' ∨ ')}`;
      return f.as.map(w).join(' ∨ ');
    }
    case 'q': return `${f.q === 'forall' ? '∀' : '∃'}${f.vars.map(([v, s]) => `${v}:${s}`).join(',')}. ${show(f.body)}`;
  }
}

// ---- the decidable fragment ----------------------------------------------------------------

export interface FragmentReport {
  readonly ok: boolean;
  /** edges of the sort graph: a ∀ of the first sort above an ∃ of the second (a Skolem function) */
  readonly edges: ReadonlyArray<{ from: FoSort; to: FoSort; where: string }>;
  readonly why?: string;
}

/**
 * The fragment check of a satisfiability query (assertions labelled by where they come from):
 * every ∃ under a ∀, in negation normal form, is a Skolem function from the ∀'s sort to the ∃'s;
 * the query is decided (EPR, many-sorted) when those edges leave the sort graph acyclic.
 */
export function fragment(assertions: ReadonlyArray<{ where: string; f: F }>): FragmentReport {
  const edges: Array<{ from: FoSort; to: FoSort; where: string }> = [];
  const seen = new Set<string>();
  const walk = (f: F, pos: boolean, univ: readonly FoSort[], where: string) => {
    switch (f.t) {
      case 'not': return walk(f.a, !pos, univ, where);
      case 'and': case 'or': for (const a of f.as) walk(a, pos, univ, where); return;
      case 'q': {
        const isForall = (f.q === 'forall') === pos;
        if (!isForall)
          for (const from of univ)
            for (const [, to] of f.vars) {
              const k = `${from}>${to}`;
              if (!seen.has(k)) { seen.add(k); edges.push({ from, to, where }); }
            }
        return walk(f.body, pos, isForall ? [...univ, ...f.vars.map(([, s]) => s)] : univ, where);
      }
      default: return;
    }
  };
  for (const a of assertions) walk(a.f, true, [], a.where);
  // own : Patient → Prin is a function from patients to principals: the same edge as a Skolem
  // function, listed last so that a cycle is reported at the assertion that closes it
  const where = assertions.find((a) => mentionsOwn(a.f))?.where;
  if (where !== undefined && !seen.has('Patient>Prin')) edges.push({ from: 'Patient', to: 'Prin', where: `own : Patient → Prin (first in ${where})` });
  // a cycle in the sort graph: some sort reaches itself
  const reach = (from: FoSort, target: FoSort, visited = new Set<FoSort>()): boolean =>
    edges.some((e) => e.from === from && (e.to === target || (!visited.has(e.to) && (visited.add(e.to), reach(e.to, target, visited)))));
  const cyc = edges.find((e) => reach(e.to, e.from) || e.from === e.to);
  if (!cyc) return { ok: true, edges };
  return {
    ok: false, edges,
    why: `outside the decidable fragment: in ${cyc.where}, an ∃ over ${cyc.to} sits under a ∀ over ${cyc.from} after negation, so the sort graph (${edges.map((e) => `${e.from}→${e.to}`).join(', ')}) is not stratified`,
  };
}

function mentionsOwn(f: F): boolean {
  switch (f.t) {
    case 'atom': return f.args.some(isOwnTerm);
    case 'eq': return isOwnTerm(f.a) || isOwnTerm(f.b);
    case 'not': return mentionsOwn(f.a);
    case 'and': case 'or': return f.as.some(mentionsOwn);
    case 'q': return mentionsOwn(f.body);
    default: return false;
  }
}

/** The sort declarations of every query. */
export const FO_SORTS_DECL: readonly string[] = ['(declare-sort Prin 0)', '(declare-sort File 0)', '(declare-sort Part 0)'];
/** The declarations of the patient-sorted reading: a Patient sort and own : Patient → Prin besides. */
export const FO_SORTS_DECL_PATIENTS: readonly string[] = [...FO_SORTS_DECL, '(declare-sort Patient 0)', '(declare-fun own (Patient) Prin)'];
