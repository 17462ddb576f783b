// The first-order reading of one configuration, derived from the model's definitions:
//  - each rule, instantiated with symbolic parameters (symbolic.ts), gives one lifted transition
//    per case of its parameters (kind of principal, coincidences); loops over the universe in its
//    effect become quantified updates;
//  - M0 (initialMarking), the knowledge closure (closureRules) and the property statements are
//    read the same way;
//  - formulas (guards, conditions, statements) are translated to first-order logic here.
// Nothing in this file states a guard, an effect, a closure rule or a property.
import type { NetConfig } from '../../model/config.js';
import { hasModule, includesProfile } from '../../model/config.js';
import { closureRules } from '../../model/knowledge.js';
import { ALL_RULES, extended, extensionsFor, initialMarking, type GroundTransition, type Net } from '../../model/net.js';
import { type Prop, factsOf } from '../../model/prop.js';
import type { Property } from '../../model/properties.js';
import { type Binding, type Ctx, type Ground, type Rule, transitionId } from '../../model/rule.js';
import { holds, parseTerm } from '../../model/terms.js';
import { type Universe, severalPatients } from '../../model/universe.js';
import { type F, FF, T, atom, atomOf, conj, disj, eq, exists, factOf, forall, iff, imp, neg, own } from './fo.js';
import { type FoSort, type PrinKind, type Sym, Symbols, paramSort, symbolicUniverse } from './symbolic.js';

/** One lifted transition: a rule under one case of its parameters. */
export interface Case {
  readonly rule: Rule;
  /** the transition id at the symbolic parameters, e.g. `D_R_S(c_u,c_f,c_i)` */
  readonly id: string;
  readonly binding: Binding;
  /** the case in words: parameter kinds and coincidences */
  readonly what: string;
  readonly S: Symbols;
  readonly U: Universe;
  readonly consts: readonly Sym[];
  readonly g: Ground;
  /** relations this case may change */
  readonly writes: ReadonlySet<string>;
  /** relations it may add to, and delete from (a clause with only positive occurrences of an add-only relation cannot become false) */
  readonly adds: ReadonlySet<string>;
  readonly dels: ReadonlySet<string>;
}

interface Pattern {
  readonly rel: string;
  readonly args: readonly string[];
}

export interface ClosureSchema {
  readonly name: string;
  readonly premises: readonly string[];
  readonly conclusion: string;
}

export interface Reading {
  readonly cfg: NetConfig;
  readonly rules: readonly Rule[];
  readonly cases: readonly Case[];
  /** M0 read over a symbolic universe */
  readonly init: { readonly S: Symbols; readonly patterns: readonly Pattern[] };
  readonly closure: { readonly S: Symbols; readonly rules: readonly ClosureSchema[] };
  /** relations some case writes, with their argument sorts: the state of the reading */
  readonly sig: ReadonlyMap<string, readonly FoSort[]>;
}

/** Set partitions of a list (which parameters of one sort and kind coincide). */
function partitions<X>(xs: readonly X[]): X[][][] {
  if (!xs.length) return [[]];
  const [first, ...rest] = xs;
  return partitions(rest).flatMap((p) => [[[first], ...p], ...p.map((_, k) => p.map((blk, j) => (j === k ? [first, ...blk] : blk)))]);
}

/** Every case of a rule's parameters: a kind per principal parameter, then which same-kind ones coincide. */
function cases(rule: Rule): Array<{ binding: Record<string, string>; consts: Array<{ id: string; sort: FoSort; kind?: PrinKind }>; what: string }> {
  let acc: Array<Array<{ name: string; sort: FoSort; kind?: PrinKind }>> = [[]];
  for (const [name, s] of rule.params) {
    const { sort, kinds } = paramSort(s);
    acc = acc.flatMap((c) => kinds.map((kind) => [...c, { name, sort, kind }]));
  }
  const out: ReturnType<typeof cases> = [];
  for (const c of acc) {
    const groups = new Map<string, typeof c>();
    for (const p of c) if (p.kind !== 'owner') groups.set(`${p.sort}/${p.kind}`, [...(groups.get(`${p.sort}/${p.kind}`) ?? []), p]);
    let choices: Array<Array<Array<(typeof c)[number]>>> = [[]];
    for (const g of groups.values()) choices = choices.flatMap((ch) => partitions(g).map((blocks) => [...ch, ...blocks]));
    for (const blocks of choices) {
      const binding: Record<string, string> = {};
      const consts: Array<{ id: string; sort: FoSort; kind?: PrinKind }> = [];
      const words: string[] = [];
      for (const p of c) if (p.kind === 'owner') { binding[p.name] = 'P'; words.push(`${p.name} the owner`); }
      for (const blk of blocks) {
        const id = `c_${blk.map((p) => p.name).join('')}`;
        for (const p of blk) binding[p.name] = id;
        consts.push({ id, sort: blk[0].sort, kind: blk[0].kind });
        if (blk[0].kind) words.push(`${blk.map((p) => p.name).join('=')} ${blk[0].kind}`);
        else if (blk.length > 1) words.push(blk.map((p) => p.name).join('='));
      }
      out.push({ binding, consts, what: words.join(', ') });
    }
  }
  return out;
}


/** The first-order reading of configuration `cfg` (rules as given, default the model's). */
export function readingOf(cfg: NetConfig, ruleSet: readonly Rule[] = ALL_RULES): Reading {
  const exts = extensionsFor(cfg);
  const rules = ruleSet.filter((r) => includesProfile(cfg.profile, r.profile) && (!r.module || hasModule(cfg, r.module))).map((r) => extended(r, exts));
  const sig = new Map<string, FoSort[]>();
  const note = (rel: string, sorts: FoSort[], where: string) => {
    const had = sig.get(rel);
    if (had && had.join() !== sorts.join()) throw new Error(`relation ${rel} has argument sorts ${had.join(',')} and ${sorts.join(',')} (${where})`);
    sig.set(rel, sorts);
  };
  const out: Case[] = [];
  for (const rule of rules) {
    for (const c of cases(rule)) {
      const S = new Symbols();
      const consts = c.consts.map((k) => S.constant(k.id, k.sort, k.kind));
      const U = symbolicUniverse(S);
      const g = rule.ground(c.binding, { U, cfg });
      if (!g || (g.guard.t === 'const' && !g.guard.v)) continue;
      const writes = new Set<string>(), adds = new Set<string>(), dels = new Set<string>();
      const relOf = (f: string) => {
        const a = atomOf(f, (id) => S.get(id)?.sort);
        note(a.rel, a.sorts, transitionId(rule, c.binding, U));
        writes.add(a.rel);
        return a.rel;
      };
      for (const e of [g, ...(g.when ?? [])]) {
        e.add.forEach((f) => adds.add(relOf(f)));
        e.del.forEach((f) => dels.add(relOf(f)));
      }
      out.push({ rule, id: transitionId(rule, c.binding, U), binding: c.binding, what: c.what, S, U, consts, g, writes, adds, dels });
    }
  }
  const S0 = new Symbols();
  const U0 = symbolicUniverse(S0);
  const patterns = initialMarking({ U: U0, cfg }).map((f) => atomOf(f, (id) => S0.get(id)?.sort));
  const Sc = new Symbols();
  const Uc = symbolicUniverse(Sc);
  const closure = closureRules(Uc).map((r) => ({ name: r.name, premises: r.premises, conclusion: r.conclusion }));
  return { cfg, rules, cases: out, init: { S: S0, patterns }, closure: { S: Sc, rules: closure }, sig };
}

// ---- formulas ------------------------------------------------------------------------------

/** What a symbol's variable ranges over, as a constraint on the term standing for it. */
export function constraintOf(s: Sym, x: string, term: (id: string) => string = (id) => id): F {
  const parts: F[] = [];
  if (s.kind === 'joiner') parts.push(atom('Joiner', [x]));
  if (s.kind === 'outsider') parts.push(atom('Outsider', [x]));
  if (s.kind === 'owner' && s.role === 'var') parts.push(eq(x, 'P'));
  for (const c of s.excl) parts.push(neg(eq(x, term(c))));
  if (s.defaultOf) parts.push(atom('Default', [term(s.defaultOf), x]));
  return conj(...parts);
}

export interface LiftEnv {
  readonly R: Reading;
  readonly S: Symbols;
  readonly U: Universe;
  /** read facts in the state after the firing (for relations `writes` has; the rest did not change) */
  readonly next?: boolean;
  readonly writes?: ReadonlySet<string>;
  /** the transition fired, for `fired` atoms of step properties */
  readonly fired?: string;
  /** terms standing for symbols (pattern variables bound to relation arguments) */
  readonly subst?: ReadonlyMap<string, string>;
}

const termIn = (env: LiftEnv) => (id: string) => env.subst?.get(id) ?? id;

/** Whether `args` matches pattern `p` of symbols `S`: equalities for constants and repeats, constraints for variables. */
export function matches(args: readonly string[], p: Pattern, S: Symbols, extra?: (sub: Map<string, string>) => F): F {
  const sub = new Map<string, string>();
  const parts: F[] = [];
  p.args.forEach((id, k) => {
    const s = S.get(id);
    if (!s) throw new Error(`symbol '${id}' of ${p.rel} is unknown`);
    if (s.role === 'const') parts.push(eq(args[k], id));
    else if (sub.has(id)) parts.push(eq(args[k], sub.get(id)!));
    else sub.set(id, args[k]);
  });
  for (const [id, x] of sub) {
    const s = S.get(id)!;
    if (s.defaultOf && S.get(s.defaultOf)?.role === 'var' && !sub.has(s.defaultOf)) throw new Error(`default-access variable ${id} of ${p.rel} names an unbound principal`);
    parts.push(constraintOf(s, x, (c) => sub.get(c) ?? c));
  }
  if (extra) parts.push(extra(sub));
  return conj(...parts);
}

/** The value of a relation no rule writes: its M0, in every reachable state. */
export function initValue(R: Reading, rel: string, args: readonly string[]): F {
  return disj(...R.init.patterns.filter((p) => p.rel === rel).map((p) => matches(args, p, R.init.S)));
}

function liftFact(f: string, env: LiftEnv, next: boolean): F {
  const a = atomOf(f, (id) => env.S.get(id)?.sort);
  const args = a.args.map(termIn(env));
  if (!env.R.sig.has(a.rel)) return initValue(env.R, a.rel, args);
  return atom(a.rel, args, next && (env.writes?.has(a.rel) ?? false));
}

/** Backward unfolding of the closure at the first-order level: premise-only variables become ∃. */
function liftKnows(parties: readonly string[], token: string, env: LiftEnv, memo: Map<string, F>): F {
  const key = `${parties.join('+')}|${token}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const { S: Sc, rules } = env.R.closure;
  const term = termIn(env);
  const tok = atomOf(token, (id) => env.S.get(id)?.sort);
  const direct = parties.map((p) => liftFact(holds(p, token), env, env.next ?? false));
  const derived: F[] = [];
  for (const r of rules) {
    const c = atomOf(r.conclusion, (id) => Sc.get(id)?.sort);
    if (c.rel !== tok.rel) continue;
    const map = new Map<string, string>();
    const cons: F[] = [];
    c.args.forEach((id, k) => {
      const s = Sc.get(id)!;
      const x = tok.args[k];
      if (s.role === 'const') cons.push(eq(term(x), id));
      else if (map.has(id)) cons.push(eq(term(x), term(map.get(id)!)));
      else { map.set(id, x); cons.push(constraintOf(s, term(x), (v) => term(map.get(v) ?? v))); }
    });
    const bound: Array<readonly [string, FoSort]> = [];
    for (const prem of r.premises)
      for (const id of atomOf(prem, (i) => Sc.get(i)?.sort).args) {
        const s = Sc.get(id)!;
        if (s.role === 'var' && !map.has(id)) {
          const v = env.S.fresh(s.sort, s.kind, [], undefined);
          map.set(id, v.id);
          bound.push([v.id, s.sort]);
          cons.push(constraintOf(s, v.id, (w) => term(map.get(w) ?? w)));
        }
      }
    const prem = r.premises.map((p) => {
      const a = atomOf(p, (i) => Sc.get(i)?.sort);
      return liftKnows(parties, factOf(a.rel, a.args.map((id) => (Sc.get(id)?.role === 'var' ? map.get(id)! : id))), env, memo);
    });
    derived.push(exists(bound, conj(...cons, ...prem)));
  }
  const out = disj(...direct, ...derived);
  memo.set(key, out);
  return out;
}

/** A model formula (guard, condition, statement) in first-order logic; its free symbols stay free. */
export function liftProp(p: Prop, env: LiftEnv, memo = new Map<string, F>()): F {
  switch (p.t) {
    case 'const': return p.v ? T : FF;
    case 'fact': return liftFact(p.f, env, env.next ?? false);
    case 'pre': return liftFact(p.f, env, false);
    case 'post': return liftFact(p.f, env, true);
    case 'fired': return env.fired === p.id ? T : FF;
    case 'knows': return liftKnows(p.parties, p.token, env, memo);
    case 'enabled': {
      const { head, args } = parseTerm(p.id);
      const rule = env.R.rules.find((r) => r.name === head);
      if (!rule) return FF;
      const b: Record<string, string> = {};
      // the id leaves the patient out when the universe has one (rule.ts transitionId): it is that one
      const shown = rule.params.filter(([, s]) => s !== 'patient' || severalPatients(env.U));
      shown.forEach(([n], k) => (b[n] = args[k]));
      for (const [n, s] of rule.params) if (s === 'patient' && !(n in b)) b[n] = env.U.patients[0].id;
      const g = rule.ground(b, { U: env.U, cfg: env.R.cfg });
      return g ? liftProp(g.guard, env, memo) : FF;
    }
    case 'not': return neg(liftProp(p.a, env, memo));
    case 'and': return conj(...p.as.map((a) => liftProp(a, env, memo)));
    case 'or': return disj(...p.as.map((a) => liftProp(a, env, memo)));
  }
}

/** Free symbols (variables of S) of a formula, ∀-closed with their constraints. */
export function closeForall(f: F, S: Symbols, keep: ReadonlySet<string> = new Set()): F {
  const vars = [...freeSyms(f, S)].filter((v) => !keep.has(v));
  // a default-access variable's principal must be bound too
  const all = new Set(vars);
  for (const v of vars) { const d = S.get(v)!.defaultOf; if (d && S.get(d)?.role === 'var') all.add(d); }
  const list = [...all].map((v) => S.get(v)!);
  return forall(list.map((s) => [s.id, s.sort] as const), disj(neg(conj(...list.map((s) => constraintOf(s, s.id)))), f));
}

/** Free symbols (variables of S) of a formula, ∃-closed with their constraints: "some ids meet it". */
export function closeExists(f: F, S: Symbols): F {
  const vars = new Set(freeSyms(f, S));
  for (const v of [...vars]) { const d = S.get(v)!.defaultOf; if (d && S.get(d)?.role === 'var') vars.add(d); }
  const list = [...vars].map((v) => S.get(v)!);
  return exists(list.map((s) => [s.id, s.sort] as const), conj(...list.map((s) => constraintOf(s, s.id)), f));
}

function freeSyms(f: F, S: Symbols): Set<string> {
  const out = new Set<string>();
  const walk = (g: F, bound: ReadonlySet<string>) => {
    switch (g.t) {
      case 'atom': for (const a of g.args) if (!bound.has(a) && S.get(a)?.role === 'var') out.add(a); break;
      case 'eq': for (const a of [g.a, g.b]) if (!bound.has(a) && S.get(a)?.role === 'var') out.add(a); break;
      case 'not': walk(g.a, bound); break;
      case 'and': case 'or': for (const a of g.as) walk(a, bound); break;
      case 'q': walk(g.body, new Set([...bound, ...g.vars.map(([v]) => v)])); break;
      default: break;
    }
  };
  walk(f, new Set());
  return out;
}

/** The top-level conjuncts of a statement: each is one clause of the first-order reading. */
export function conjuncts(p: Prop): Prop[] {
  return p.t === 'and' ? p.as.flatMap(conjuncts) : [p];
}

/** A symbolic net for property statements: the universe, and for a step property the one case fired. */
export function symbolicNet(R: Reading, S: Symbols, U: Universe, c?: Case): Net {
  const facts = [...R.sig.entries()].map(([rel, sorts]) => factOf(rel, sorts.map((s) => S.fresh(s, undefined, []).id)));
  const transitions: GroundTransition[] = c ? [{ id: c.id, index: 0, rule: c.rule, binding: c.binding, guard: c.g.guard, add: c.g.add, del: c.g.del, when: c.g.when ?? [] }] : [];
  return { U, cfg: R.cfg, rules: R.rules, transitions, facts, factIndex: new Map(facts.map((f, k) => [f, k])), m0: [], byId: new Map(transitions.map((t) => [t.id, t])) };
}

/** A property's clauses over a fresh symbolic universe (invariants), each ∀-closed. */
export function propertyClauses(R: Reading, prop: Property): Array<{ text: string; f: F }> {
  const S = new Symbols();
  const U = symbolicUniverse(S);
  const stmt = prop.statement(symbolicNet(R, S, U));
  return conjuncts(stmt).map((p) => ({ text: '', f: closeForall(liftProp(p, { R, S, U }), S) }));
}

// ---- transitions -----------------------------------------------------------------------------

/** Formal arguments of a relation in update formulas. */
export const formals = (sorts: readonly FoSort[]) => sorts.map((s, k) => [`x${k}`, s] as const);

/**
 * The transition of one case as formulas over the pre-state and the post-state: its guard, and for
 * each relation it writes R'(x) ⇔ add(x) ∨ (R(x) ∧ ¬del(x)) (deletions before additions, as the
 * firing rule does; conditional effects decided on the pre-state).
 */
export function transitionOf(R: Reading, c: Case): { guard: F; updates: Array<{ rel: string; f: F }> } {
  const env: LiftEnv = { R, S: c.S, U: c.U };
  const guard = closeForall(liftProp(c.g.guard, env), c.S);
  const effects = [{ cond: undefined as Prop | undefined, add: c.g.add, del: c.g.del }, ...(c.g.when ?? []).map((w) => ({ cond: w.if as Prop | undefined, add: w.add, del: w.del }))];
  const updates: Array<{ rel: string; f: F }> = [];
  for (const rel of c.writes) {
    const sorts = R.sig.get(rel)!;
    const xs = formals(sorts);
    const args = xs.map(([x]) => x);
    const side = (which: 'add' | 'del') => disj(...effects.flatMap((e) => e[which].map((f) => atomOf(f, (id) => c.S.get(id)?.sort)).filter((a) => a.rel === rel).map((a) =>
      matches(args, a, c.S, (sub) => {
        if (!e.cond) return T;
        const cf = liftProp(e.cond, { ...env, subst: sub });
        const left = [...freeSyms(cf, c.S)];
        if (left.length) throw new Error(`${c.id}: the condition of a conditional effect on ${rel} mentions ${left.join(', ')}, which the effect does not bind`);
        return cf;
      }))));
    const add = side('add'), del = side('del');
    updates.push({ rel, f: forall(xs, iff(atom(rel, args, true), disj(add, conj(atom(rel, args), neg(del))))) });
  }
  return { guard, updates };
}

/** M0: each relation exactly its initial tuples. */
export function initOf(R: Reading): F[] {
  return [...R.sig.entries()].map(([rel, sorts]) => {
    const xs = formals(sorts);
    const args = xs.map(([x]) => x);
    const v = initValue(R, rel, args);
    return forall(xs, iff(atom(rel, args), v));
  });
}

/**
 * What every universe satisfies, in the patient-sorted reading (fo.ts RIGID_PATIENTS), all
 * universal so that they add no edge to the sort graph: own is injective and gives owners; an
 * owner is no patient's joiner or outsider, every other principal is exactly one of them for each
 * patient; a file has one patient; default access goes to a joiner, on a label of that patient.
 * Left out: "every owner is own of some patient" (∀ Prin ∃ Patient, the edge that would close a
 * cycle with own). Every finite universe satisfies the axioms kept, so leaving one out only
 * weakens what a proof may assume.
 */
export const AXIOMS_PATIENTS: readonly F[] = [
  forall([['p', 'Patient'], ['q', 'Patient']], imp(eq(own('p'), own('q')), eq('p', 'q'))),
  forall([['p', 'Patient']], atom('IsOwner', [own('p')])),
  forall([['p', 'Patient'], ['x', 'Prin']], imp(atom('IsOwner', ['x']), conj(neg(atom('Joiner', ['p', 'x'])), neg(atom('Outsider', ['p', 'x']))))),
  forall([['p', 'Patient'], ['x', 'Prin']], disj(atom('IsOwner', ['x']), atom('Joiner', ['p', 'x']), atom('Outsider', ['p', 'x']))),
  forall([['p', 'Patient'], ['x', 'Prin']], neg(conj(atom('Joiner', ['p', 'x']), atom('Outsider', ['p', 'x'])))),
  forall([['f', 'File'], ['p', 'Patient'], ['q', 'Patient']], imp(conj(atom('FileOf', ['f', 'p']), atom('FileOf', ['f', 'q'])), eq('p', 'q'))),
  forall([['p', 'Patient'], ['x', 'Prin'], ['i', 'Part']], imp(atom('Default', ['p', 'x', 'i']), conj(atom('Joiner', ['p', 'x']), atom('PartOf', ['p', 'i'])))),
];

/** What every universe satisfies: the owner is neither joiner nor outsider, every other principal is exactly one of them. */
export const AXIOMS: readonly F[] = [
  neg(atom('Joiner', ['P'])),
  neg(atom('Outsider', ['P'])),
  forall([['x', 'Prin']], disj(eq('x', 'P'), atom('Joiner', ['x']), atom('Outsider', ['x']))),
  forall([['x', 'Prin']], neg(conj(atom('Joiner', ['x']), atom('Outsider', ['x'])))),
];

export { factsOf, type Ctx };
