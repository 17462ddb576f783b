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
import { type Prop, factsOf, show } from '../../model/prop.js';
import type { Property } from '../../model/properties.js';
import { type Binding, type Ctx, type Ground, type Rule, type WhenEffect, transitionId } from '../../model/rule.js';
import { holds, parseTerm } from '../../model/terms.js';
import { type Universe, severalPatients } from '../../model/universe.js';
import { type F, FF, T, atom, atomOf, conj, disj, eq, exists, factOf, forall, iff, imp, isOwnTerm, mapTerm, neg, own, termId } from './fo.js';
import { type FoSort, type PrinKind, type Sym, Symbols, depsOf, paramSort, symbolicUniverse } from './symbolic.js';

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
  /**
   * patient-sorted reading: a condition of a conditional effect that no argument of its effect
   * binds (Revoke's "served elsewhere": another patient still has u as a member), decided on the
   * pre-state; the case is split on it, and this case is the one where it holds (`holds`) or not.
   * Its loop variables are read ∀ (the condition is `not(any(...))`: "no other patient").
   */
  readonly split?: { readonly cond: Prop; readonly holds: boolean };
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
  /** the patient-sorted reading (patients.ts): any number of patients, the Patient sort */
  readonly patients: boolean;
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

type CaseConst = { id: string; sort: FoSort; kind?: PrinKind; more?: Partial<Sym> };

/**
 * Every case of a rule's parameters in the patient-sorted reading: the rule's patient a Patient
 * constant; a principal either a patient (own of a Patient constant) or a user; a user's kind for
 * the rule's patient split (joiner, outsider); files and labels the patient's; then which
 * parameters of one sort and kind coincide.
 */
function patientCases(rule: Rule): Array<{ binding: Record<string, string>; consts: CaseConst[]; what: string }> {
  const p = rule.params.find(([, s]) => s === 'patient')?.[0];
  const P = p && `c_${p}`;
  type Opt = { name: string; sort: FoSort; key: string; more: Partial<Sym>; word?: string };
  let acc: Opt[][] = [[]];
  for (const [name, s] of rule.params) {
    const kinds = (k: 'joiner' | 'outsider') => (P ? { user: true, kinds: new Map([[P, k]]) } : { user: true });
    const opts: Opt[] =
      s === 'patient' ? [{ name, sort: 'Patient', key: 'patient', more: {}, word: 'the patient' }]
      : s === 'principal' ? [{ name, sort: 'Patient', key: 'owner', more: {}, word: 'a patient' }, { name, sort: 'Prin', key: 'user', more: { user: true }, word: 'a user' }]
      : s === 'user' ? (P ? (['joiner', 'outsider'] as const).map((k) => ({ name, sort: 'Prin' as FoSort, key: k, more: kinds(k), word: `${k} of ${p}` })) : [{ name, sort: 'Prin', key: 'user', more: { user: true }, word: 'a user' }])
      : s === 'joiner' || s === 'outsider' ? [{ name, sort: 'Prin', key: s, more: kinds(s), word: `${s} of ${p}` }]
      : s === 'file' ? [{ name, sort: 'File', key: 'file', more: P ? { of: P } : {} }]
      : [{ name, sort: 'Part', key: 'part', more: P ? { of: P } : {} }];
    acc = acc.flatMap((c) => opts.map((o) => [...c, o]));
  }
  const out: ReturnType<typeof patientCases> = [];
  for (const c of acc) {
    const groups = new Map<string, Opt[]>();
    for (const o of c) if (o.key !== 'patient') groups.set(`${o.sort}/${o.key}`, [...(groups.get(`${o.sort}/${o.key}`) ?? []), o]);
    let choices: Opt[][][] = [[]];
    for (const g of groups.values()) choices = choices.flatMap((ch) => partitions(g).map((blocks) => [...ch, ...blocks]));
    for (const blocks of choices) {
      const binding: Record<string, string> = {};
      const consts: CaseConst[] = [];
      const words: string[] = [];
      for (const o of c) if (o.key === 'patient') { binding[o.name] = P!; consts.push({ id: P!, sort: 'Patient' }); }
      for (const blk of blocks) {
        // a principal that is a patient is named p_x, so that its case and the user case differ in id
        const id = `${blk[0].key === 'owner' ? 'p' : 'c'}_${blk.map((o) => o.name).join('')}`;
        for (const o of blk) binding[o.name] = id;
        consts.push({ id, sort: blk[0].sort, more: blk[0].more });
        if (blk[0].word) words.push(`${blk.map((o) => o.name).join('=')} ${blk[0].word}`);
        else if (blk.length > 1) words.push(blk.map((o) => o.name).join('='));
      }
      out.push({ binding, consts, what: words.join(', ') });
    }
  }
  return out;
}

/** A condition as text with its variables named in order of appearance: two reads of one condition (Revoke's SRS side and client side) compare equal. */
export function condKey(p: Prop, S: Symbols): string {
  const names = new Map<string, string>();
  return show(p).replace(/\bv\d+\b/g, (v) => (S.get(v)?.role === 'var' ? (names.get(v) ?? (names.set(v, `_${names.size}`), names.get(v)!)) : v));
}

/** Whether a condition of a conditional effect mentions symbols its effect's facts do not bind (loop variables of the condition alone). */
function unboundCondition(w: { if: Prop; add: readonly string[]; del: readonly string[] }, S: Symbols): boolean {
  const ids = (f: string) => atomOf(f, (id) => S.get(id)?.sort).args.map(termId);
  const bound = new Set([...w.add, ...w.del].flatMap(ids));
  return [...factsOf(w.if)].some((f: string) => ids(f).some((id) => S.get(id)?.role === 'var' && !bound.has(id)));
}

/** The first-order reading of configuration `cfg` (rules as given, default the model's); `patients`: the patient-sorted reading. */
export function readingOf(cfg: NetConfig, ruleSet: readonly Rule[] = ALL_RULES, o: { patients?: boolean } = {}): Reading {
  const patients = o.patients ?? false;
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
    for (const c of patients ? patientCases(rule) : cases(rule)) {
      const S = new Symbols(patients);
      const consts = (c.consts as CaseConst[]).map((k) => S.constant(k.id, k.sort, k.kind, k.more));
      const U = symbolicUniverse(S);
      const g = rule.ground(c.binding, { U, cfg });
      if (!g || (g.guard.t === 'const' && !g.guard.v)) continue;
      // a condition no effect argument binds splits the case (one condition: the model has one, "served elsewhere")
      const loose = (g.when ?? []).filter((w) => unboundCondition(w, S));
      const conds = [...new Map(loose.map((w) => [condKey(w.if, S), w.if])).values()];
      if (conds.length > 1) throw new Error(`${transitionId(rule, c.binding, U)}: ${conds.length} conditions of conditional effects bind no argument of their effects (${conds.map((x) => show(x)).join('; ')}); the reading splits a case on one`);
      const splits = conds.length ? [true, false].map((holds) => ({ cond: conds[0], holds })) : [undefined];
      for (const split of splits) {
      const writes = new Set<string>(), adds = new Set<string>(), dels = new Set<string>();
      const relOf = (f: string) => {
        const a = atomOf(f, (id) => S.get(id)?.sort);
        note(a.rel, a.sorts, transitionId(rule, c.binding, U));
        writes.add(a.rel);
        return a.rel;
      };
      for (const e of [g, ...(g.when ?? [])]) {
        if (split && !split.holds && loose.includes(e as WhenEffect)) continue;
        e.add.forEach((f) => adds.add(relOf(f)));
        e.del.forEach((f) => dels.add(relOf(f)));
      }
      const what = split ? [c.what, `${split.holds ? '' : 'not '}${show(split.cond)}`].filter(Boolean).join(', ') : c.what;
      out.push({ rule, id: transitionId(rule, c.binding, U), binding: c.binding, what, S, U, consts, g, writes, adds, dels, ...(split && { split }) });
      }
    }
  }
  const S0 = new Symbols(patients);
  const U0 = symbolicUniverse(S0);
  const patterns = initialMarking({ U: U0, cfg }).map((f) => atomOf(f, (id) => S0.get(id)?.sort));
  const Sc = new Symbols(patients);
  const Uc = symbolicUniverse(Sc);
  // a users read yields a joiner and an outsider variable; the closure never asks a kind, so the
  // rules they give are the same up to the variable's name: one of each is kept
  const seenRule = new Set<string>();
  const closure = closureRules(Uc).map((r) => ({ name: r.name, premises: r.premises, conclusion: r.conclusion })).filter((r) => {
    const shape = (f: string) => atomOf(f, (id) => Sc.get(id)?.sort);
    const names = new Map<string, string>();
    const canon = (f: string) => { const a = shape(f); return factOf(a.rel, a.args.map((t) => mapTerm(t, (id) => (Sc.get(id)?.role === 'var' ? (names.get(id) ?? (names.set(id, `_${names.size}`), names.get(id)!)) : id)))); };
    const key = [r.name, canon(r.conclusion), ...r.premises.map(canon)].join('|');
    if (seenRule.has(key)) return false;
    seenRule.add(key);
    return true;
  });
  return { cfg, patients, rules, cases: out, init: { S: S0, patterns }, closure: { S: Sc, rules: closure }, sig };
}

// ---- formulas ------------------------------------------------------------------------------

/** What a symbol's variable ranges over, as a constraint on the term standing for it. */
export function constraintOf(s: Sym, x: string, term: (id: string) => string = (id) => id): F {
  const parts: F[] = [];
  if (s.user !== undefined || s.sort === 'Patient' || s.of !== undefined) {
    // the patient-sorted reading: kinds per patient, a file's or label's patient
    if (s.user) parts.push(neg(atom('IsOwner', [x])));
    for (const [p, k] of s.kinds ?? []) parts.push(atom(k === 'joiner' ? 'Joiner' : 'Outsider', [term(p), x]));
    for (const c of s.excl) parts.push(neg(eq(x, term(c))));
    if (s.defaultOf) parts.push(atom('Default', [term(s.of!), term(s.defaultOf), x]));
    else if (s.of && s.sort === 'File') parts.push(atom('FileOf', [x, term(s.of)]));
    else if (s.of && s.sort === 'Part') parts.push(atom('PartOf', [term(s.of), x]));
    return conj(...parts);
  }
  if (s.kind === 'joiner') parts.push(atom('Joiner', [x]));
  if (s.kind === 'outsider') parts.push(atom('Outsider', [x]));
  if (s.kind === 'owner' && s.role === 'var') parts.push(eq(x, 'P'));
  for (const c of s.excl) parts.push(neg(eq(x, term(c))));
  if (s.defaultOf) parts.push(atom('Default', [term(s.defaultOf), x]));
  return conj(...parts);
}

/** The variables a set of variables needs bound with it: those their constraints mention, transitively. */
function withDeps(vars: Iterable<string>, S: Symbols): string[] {
  const out = new Set<string>();
  const add = (v: string) => {
    if (out.has(v)) return;
    out.add(v);
    for (const d of depsOf(S.get(v)!)) if (S.get(d)?.role === 'var') add(d);
  };
  for (const v of vars) add(v);
  return [...out];
}

/** What the case assumes of its constants: each one's kind (per patient, in the patient-sorted reading), file or label of its patient, and those of one sort kept apart distinct. */
export function caseFacts(c: Case): Array<{ where: string; f: F }> {
  const out: Array<{ where: string; f: F }> = [];
  for (const k of c.consts) {
    const f = c.S.patients ? constraintOf(k, k.id) : k.kind === 'joiner' ? atom('Joiner', [k.id]) : k.kind === 'outsider' ? atom('Outsider', [k.id]) : T;
    if (!(f.t === 'const' && f.v)) out.push({ where: `case: ${k.id} ${c.S.patients ? 'as the case has it' : `is a ${k.kind}`}`, f });
    for (const j of c.consts) if (j.id < k.id && j.sort === k.sort) out.push({ where: `case: ${j.id} and ${k.id} differ`, f: neg(eq(j.id, k.id)) });
  }
  return out;
}

/**
 * The guard of a case as a formula: in the patient-sorted reading, the loop variables of a guard
 * are those of `any` over the patients (Gen_Key's and Send_Keys' eligibility: some patient gives
 * the standing), so they are ∃ at the guard, where Z3 makes each a constant (a Skolem patient); a
 * split case adds its condition (∀ over its loop variables) or the negation.
 */
export function guardOf(R: Reading, c: Case): F {
  const env: LiftEnv = { R, S: c.S, U: c.U };
  const g = liftProp(c.g.guard, env);
  if (!c.S.patients) return closeForall(g, c.S);
  const cond = c.split && closeForall(liftProp(c.split.cond, env), c.S);
  return conj(closeExists(g, c.S), cond ? (c.split!.holds ? cond : neg(cond)) : T);
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

const termIn = (env: LiftEnv) => (t: string) => mapTerm(t, (id) => env.subst?.get(id) ?? id);

/** Whether `args` matches pattern `p` of symbols `S`: equalities for constants and repeats, constraints for variables. */
export function matches(args: readonly string[], p: Pattern, S: Symbols, extra?: (sub: Map<string, string>) => F): F {
  const sub = new Map<string, string>();
  const parts: F[] = [];
  const own: Array<readonly [number, string]> = [];
  p.args.forEach((t, k) => {
    const id = termId(t);
    const s = S.get(id);
    if (!s) throw new Error(`symbol '${id}' of ${p.rel} is unknown`);
    if (isOwnTerm(t)) own.push([k, id]);
    else if (s.role === 'const') parts.push(eq(args[k], id));
    else if (sub.has(id)) parts.push(eq(args[k], sub.get(id)!));
    else sub.set(id, args[k]);
  });
  // a patient variable met only as a principal, own(v): the argument is own of some patient (∃ v)
  const some: Array<readonly [string, FoSort]> = [];
  for (const [k, id] of own) {
    if (S.get(id)!.role === 'const') parts.push(eq(args[k], mapTerm(p.args[k], (x) => x)));
    else {
      if (!sub.has(id)) { sub.set(id, id); some.push([id, 'Patient']); }
      parts.push(eq(args[k], `(own ${sub.get(id)})`));
    }
  }
  for (const [id, x] of sub) {
    const s = S.get(id)!;
    for (const d of depsOf(s)) if (S.get(d)?.role === 'var' && !sub.has(d) && !s.excl.includes(d)) throw new Error(`variable ${id} of ${p.rel} depends on ${d}, which the pattern does not bind`);
    parts.push(constraintOf(s, x, (c) => sub.get(c) ?? c));
  }
  if (extra) parts.push(extra(sub));
  return exists(some, conj(...parts));
}

/** The value of a relation no rule writes: its M0, in every reachable state. */
export function initValue(R: Reading, rel: string, args: readonly string[]): F {
  return disj(...R.init.patterns.filter((p) => p.rel === rel).map((p) => matches(args, p, R.init.S)));
}

function liftFact(f: string, env: LiftEnv, next: boolean): F {
  // the universe's role test (model/universe.ts hasRole), `Joiner(p,u)`: the rigid relation itself
  const { head, args: raw } = parseTerm(f);
  if (head === 'Joiner' && env.S.patients) return atom('Joiner', raw.map(termIn(env)));
  const a = atomOf(f, (id) => env.S.get(id)?.sort);
  const args = a.args.map((t) => mapTerm(t, termIn(env)));
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
    if (Sc.patients) { derived.push(patientRule(r, c.args, tok.args, parties, env, memo)); continue; }
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

/**
 * One closure rule unfolded backwards in the patient-sorted reading: the conclusion's variables
 * bound to the token's arguments, every other variable of the rule (a premise's, or one a
 * constraint names: the patient of a file or label) ∃, then every variable's constraint. Premise
 * tokens name a patient by its id wherever it stands (the fact's position says Patient or own).
 */
function patientRule(r: ClosureSchema, cargs: readonly string[], targs: readonly string[], parties: readonly string[], env: LiftEnv, memo: Map<string, F>): F {
  const Sc = env.R.closure.S;
  const term = termIn(env);
  const map = new Map<string, string>();
  const cons: F[] = [];
  cargs.forEach((t, k) => {
    const id = termId(t);
    const s = Sc.get(id)!;
    const x = isOwnTerm(t) ? (isOwnTerm(targs[k]) ? termId(targs[k]) : undefined) : targs[k];
    if (x === undefined) { cons.push(eq(term(targs[k]), mapTerm(t, (v) => term(map.get(v) ?? v)))); return; }
    if (s.role === 'const') cons.push(eq(term(x), id));
    else if (map.has(id)) cons.push(eq(term(x), term(map.get(id)!)));
    else map.set(id, x);
  });
  const vars = withDeps([...new Set(r.premises.flatMap((p) => atomOf(p, (i) => Sc.get(i)?.sort).args.map(termId)).filter((id) => Sc.get(id)?.role === 'var')), ...map.keys()], Sc);
  const bound: Array<readonly [string, FoSort]> = [];
  for (const id of vars)
    if (!map.has(id)) {
      const s = Sc.get(id)!;
      const v = env.S.fresh(s.sort, undefined, []);
      map.set(id, v.id);
      bound.push([v.id, s.sort]);
    }
  for (const id of vars) cons.push(constraintOf(Sc.get(id)!, term(map.get(id)!), (w) => term(map.get(w) ?? w)));
  // a premise token names its symbols by id; a principal bound to own(a) is named a
  const named = (id: string) => (Sc.get(id)?.role === 'var' ? termId(map.get(id)!) : id);
  const prem = r.premises.map((p) => {
    const a = atomOf(p, (i) => Sc.get(i)?.sort);
    return liftKnows(parties, factOf(a.rel, a.args.map((t) => named(termId(t)))), env, memo);
  });
  return exists(bound, conj(...cons, ...prem));
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
  // a default-access variable's principal must be bound too (and, patient-sorted, a file's patient)
  const all = new Set(S.patients ? withDeps(vars, S) : vars);
  if (!S.patients) for (const v of vars) { const d = S.get(v)!.defaultOf; if (d && S.get(d)?.role === 'var') all.add(d); }
  const list = [...all].map((v) => S.get(v)!);
  return forall(list.map((s) => [s.id, s.sort] as const), disj(neg(conj(...list.map((s) => constraintOf(s, s.id)))), f));
}

/** Free symbols (variables of S) of a formula, ∃-closed with their constraints: "some ids meet it". */
export function closeExists(f: F, S: Symbols): F {
  const vars = new Set(S.patients ? withDeps(freeSyms(f, S), S) : freeSyms(f, S));
  if (!S.patients) for (const v of [...vars]) { const d = S.get(v)!.defaultOf; if (d && S.get(d)?.role === 'var') vars.add(d); }
  const list = [...vars].map((v) => S.get(v)!);
  return exists(list.map((s) => [s.id, s.sort] as const), conj(...list.map((s) => constraintOf(s, s.id)), f));
}

function freeSyms(f: F, S: Symbols): Set<string> {
  const out = new Set<string>();
  const walk = (g: F, bound: ReadonlySet<string>) => {
    switch (g.t) {
      case 'atom': for (const t of g.args) { const a = termId(t); if (!bound.has(a) && S.get(a)?.role === 'var') out.add(a); } break;
      case 'eq': for (const t of [g.a, g.b]) { const a = termId(t); if (!bound.has(a) && S.get(a)?.role === 'var') out.add(a); } break;
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
  const S = new Symbols(R.patients);
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
  const guard = guardOf(R, c);
  // a split case: the condition it splits on is decided, its effects unconditional or gone
  const whens = (c.g.when ?? []).map((w) => ({ cond: c.split && condKey(w.if, c.S) === condKey(c.split.cond, c.S) ? (c.split.holds ? undefined : null) : (w.if as Prop), add: w.add, del: w.del })).filter((w) => w.cond !== null);
  const effects = [{ cond: undefined as Prop | undefined, add: c.g.add, del: c.g.del }, ...whens.map((w) => ({ cond: w.cond as Prop | undefined, add: w.add, del: w.del }))];
  const updates: Array<{ rel: string; f: F }> = [];
  for (const rel of c.writes) {
    const sorts = R.sig.get(rel)!;
    const xs = formals(sorts);
    const args = xs.map(([x]) => x);
    const side = (which: 'add' | 'del') => disj(...effects.flatMap((e) => e[which].map((f) => atomOf(f, (id) => c.S.get(id)?.sort)).filter((a) => a.rel === rel).map((a) =>
      matches(args, a, c.S, (sub) => {
        if (!e.cond) return T;
        const cf = liftProp(e.cond, { ...env, subst: sub });
        const left = [...freeSyms(cf, c.S)].filter((v) => !sub.has(v));
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

/** The axioms of a reading. */
export const axiomsOf = (R: Reading): readonly F[] => (R.patients ? AXIOMS_PATIENTS : AXIOMS);

/** What every universe satisfies: the owner is neither joiner nor outsider, every other principal is exactly one of them. */
export const AXIOMS: readonly F[] = [
  neg(atom('Joiner', ['P'])),
  neg(atom('Outsider', ['P'])),
  forall([['x', 'Prin']], disj(eq('x', 'P'), atom('Joiner', ['x']), atom('Outsider', ['x']))),
  forall([['x', 'Prin']], neg(conj(atom('Joiner', ['x']), atom('Outsider', ['x'])))),
];

export { factsOf, type Ctx };
