// An unbounded proof method that scales to the `paper` universe where Spacer alone does not:
// Houdini-style inference of an inductive invariant made of small clauses.
//  1. candidates: every clause of one or two literals over the slice's state variables, plus
//     the property's own conjuncts, that holds in M0 and in every marking seeded random runs
//     visited (smt/simulate.ts: a cheap filter, never a proof);
//  2. the solver checks J ∧ T ⇒ J' for the conjunction J of the survivors; each model of a
//     failure drops the candidates it falsifies, until J is inductive (the greatest inductive
//     subset of the candidates);
//  3. J holds in M0 and is inductive, so it holds in every reachable marking: if J ∧ bad is
//     unsat the property holds in all of them (unbounded). Otherwise J still helps Spacer.
// The session's transcript (the rounds, the last of which shows J inductive, then the two other
// certificate checks) is the .smt2 file.
import { type Marking } from '../model/marking.js';
import { type Prop, fact, not, or } from '../model/prop.js';
import { parseTerm } from '../model/terms.js';
import type { Universe } from '../model/universe.js';
import { BmcScript } from './bmc.js';
import type { Bad } from './chc.js';
import { sampleBits } from './sample-bits.js';
import { sampleMarkings } from './simulate.js';
import type { Slice } from './slice.js';
import { toSmt } from './term.js';
import type { Session } from './z3.js';
import { record } from './profile.js';

/** A folded formula's value under an assignment of the state variables. */
export function valueOf(p: Prop, v: (f: string) => boolean): boolean {
  switch (p.t) {
    case 'const': return p.v;
    case 'fact': return v(p.f);
    case 'not': return !valueOf(p.a, v);
    case 'and': return p.as.every((a) => valueOf(a, v));
    case 'or': return p.as.some((a) => valueOf(a, v));
    default: throw new Error(`atom '${p.t}' cannot be evaluated on a state`);
  }
}

/**
 * What a fact is about: the users it names and the (file, partition) slots it names. The lemmas
 * these protocols need relate facts about the same user (R^U of u and Member(u), ACL(u,i)) or,
 * for facts naming no user (the owner's r and R^P, the SRS's copies), the same slot. Pairing
 * unrelated facts only breeds candidates that sampling rarely refutes and Houdini must then
 * drop one solver round at a time.
 */
interface About { readonly users: ReadonlySet<string>; readonly slots: ReadonlySet<string> }
const abouts = new WeakMap<Universe, Map<string, About>>();
/** Cached per universe: every Houdini query of a catalogue asks it of the same facts. */
function aboutOf(U: Universe, f: string): About {
  let perU = abouts.get(U);
  if (!perU) abouts.set(U, (perU = new Map()));
  let a = perU.get(f);
  if (!a) perU.set(f, (a = computeAbout(U, f)));
  return a;
}
function computeAbout(U: Universe, f: string): About {
  const users = new Set<string>(), slots = new Set<string>();
  const isUser = (x: string) => U.users.some((u) => u.id === x);
  const walk = (term: string) => {
    const { args } = parseTerm(term);
    const files = args.filter((a) => U.files.includes(a));
    const parts = args.filter((a) => U.partitions.includes(a));
    if (files.length === 1 && parts.length === 1) slots.add(`${files[0]}/${parts[0]}`);
    for (const a of args) if (a.includes('(')) walk(a); else if (isUser(a)) users.add(a);
  };
  walk(f);
  return { users, slots };
}
const meet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((x) => b.has(x));
function related(a: About, b: About): boolean {
  if (a.users.size && b.users.size) return meet(a.users, b.users);
  if (a.slots.size && b.slots.size) return meet(a.slots, b.slots);
  return true; // a global fact (the owner's or the SRS's keys) may matter to anything
}
const union = (xs: About[]): About => ({ users: new Set(xs.flatMap((x) => [...x.users])), slots: new Set(xs.flatMap((x) => [...x.slots])) });

/** Clauses of at most two literals over the slice variables, about related facts, true in every sampled marking. */
function clauseCandidates(sl: Slice, samples: readonly Marking[]): Prop[] {
  const about = sl.vars.map((f) => aboutOf(sl.sys.net.U, f));
  const idx = sl.sys.net.factIndex;
  const n = sl.vars.length, S = samples.length, W = Math.ceil(S / 32);
  const tail = S % 32 === 0 ? 0xffffffff : (1 << S % 32) - 1;
  const pos = sl.vars.map((f) => {
    const k = idx.get(f)!;
    const bits = new Uint32Array(W);
    samples.forEach((m, s) => { if (m[k >>> 5] & (1 << (k & 31))) bits[s >>> 5] |= 1 << (s & 31); });
    return bits;
  });
  const word = (a: Uint32Array, neg: boolean, w: number) => (neg ? ~a[w] : a[w]) & (w === W - 1 ? tail : 0xffffffff);
  // lit = [var, negated]; a clause (l1 ∨ l2) is refuted by a sample where both literals are false
  const everTrue = (a: number, negA: boolean) => { for (let w = 0; w < W; w++) if (word(pos[a], negA, w)) return true; return false; };
  const out: Prop[] = [];
  const constant: boolean[] = [];
  for (let a = 0; a < n; a++) {
    const alwaysTrue = !everTrue(a, true), alwaysFalse = !everTrue(a, false);
    constant[a] = alwaysTrue || alwaysFalse;
    if (alwaysTrue) out.push(fact(sl.vars[a]));
    if (alwaysFalse) out.push(not(fact(sl.vars[a])));
  }
  for (let a = 0; a < n; a++) {
    if (constant[a]) continue;
    for (let b = a + 1; b < n; b++) {
      if (constant[b] || !related(about[a], about[b])) continue;
      for (const na of [false, true]) for (const nb of [false, true]) {
        // refuted if some sample has lit_a false and lit_b false: lit false = var has value !lit-polarity
        let refuted = false;
        for (let w = 0; w < W && !refuted; w++) if (word(pos[a], !na, w) & word(pos[b], !nb, w)) refuted = true;
        if (!refuted) {
          const la = na ? not(fact(sl.vars[a])) : fact(sl.vars[a]);
          const lb = nb ? not(fact(sl.vars[b])) : fact(sl.vars[b]);
          out.push(or(la, lb));
        }
      }
    }
  }
  return out;
}

type Lit = { readonly f: string; readonly neg: boolean };
const litProp = (l: Lit): Prop => (l.neg ? not(fact(l.f)) : fact(l.f));

/**
 * A folded formula in conjunctive normal form, negations pushed in, or undefined when that
 * would exceed `cap` clauses (the closure's disjunctions distribute, so keep it bounded).
 */
export function cnf(p: Prop, neg = false, cap = 32): Lit[][] | undefined {
  switch (p.t) {
    case 'fact': return [[{ f: p.f, neg }]];
    case 'not': return cnf(p.a, !neg, cap);
    case 'const': return p.v !== neg ? [] : [[]];
    case 'and': case 'or': {
      const parts = p.as.map((a) => cnf(a, neg, cap));
      if (parts.some((x) => x === undefined)) return undefined;
      const sets = parts as Lit[][][];
      if ((p.t === 'and') !== neg) { // a conjunction: the union of the clause sets
        const all = sets.flat();
        return all.length > cap ? undefined : all;
      }
      let acc: Lit[][] = [[]]; // a disjunction: distribute
      for (const cs of sets) {
        acc = acc.flatMap((c) => cs.map((d) => [...c, ...d]));
        if (acc.length > cap) return undefined;
      }
      return acc;
    }
    default: return undefined;
  }
}

/**
 * Three-literal lemmas are too many to enumerate, but the ones a property needs are usually
 * pieces of its own clauses with a related literal added: ¬Member(u) ∨ ¬R^U ∨ ¬sk(u) ∨ ¬C ∨
 * ACL(u,i) yields Revoked(u) ∨ ¬R^U ∨ ACL(u,i) once a revoked user may keep R^U. So: every
 * sub-clause of one to three of a property clause's literals, alone and with one literal about
 * the same user or slot added (keeping at most three literals).
 */
function mutations(sl: Slice, clauses: readonly Lit[][]): Prop[] {
  const U = sl.sys.net.U;
  const about = new Map(sl.vars.map((f) => [f, aboutOf(U, f)] as const));
  const out: Prop[] = [];
  // a clause is its set of literals: the key is its literals' numbers, sorted and packed into one
  // number (a literal is 2·fact + sign, below 2^17 - 1; at most three per clause: below 2^51)
  const seen = new Set<number>();
  const factNo = new Map<string, number>();
  const litNo = (l: Lit) => {
    let k = factNo.get(l.f);
    if (k === undefined) factNo.set(l.f, (k = factNo.size));
    if (k >= 65535) throw new Error('mutations: more facts than a clause key can number');
    return 2 * k + (l.neg ? 1 : 0);
  };
  const emit = (c: Lit[]) => {
    for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) if (c[i].f === c[j].f) return;
    // the literals' numbers in ascending order, without arrays: a clause has one to three
    let x = litNo(c[0]), y = c.length > 1 ? litNo(c[1]) : -1, z = c.length > 2 ? litNo(c[2]) : -1;
    if (y >= 0 && y < x) [x, y] = [y, x];
    if (z >= 0 && z < y) { [y, z] = [z, y]; if (y < x) [x, y] = [y, x]; }
    const key = z >= 0 ? ((x + 1) * 131072 + y + 1) * 131072 + z + 1 : y >= 0 ? (x + 1) * 131072 + y + 1 : x + 1;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(or(...c.map(litProp)));
  };
  for (const lits of clauses) {
    if (lits.length > 8) continue;
    const ofClause = union(lits.map((l) => about.get(l.f) ?? aboutOf(U, l.f)));
    const near = sl.vars.filter((f) => related(about.get(f)!, ofClause));
    const subsets: Lit[][] = [];
    const pick = (from: number, acc: Lit[]) => {
      if (acc.length) subsets.push(acc);
      if (acc.length === 3) return;
      for (let k = from; k < lits.length; k++) pick(k + 1, [...acc, lits[k]]);
    };
    pick(0, []);
    for (const sub of subsets) {
      emit(sub);
      if (sub.length < 3) for (const f of near) for (const neg of [false, true]) emit([...sub, { f, neg }]);
    }
  }
  return out;
}

export interface InvariantOutcome {
  /** the inductive invariant found (possibly empty) */
  readonly lemmas: readonly Prop[];
  readonly rounds: number;
  /** J ∧ bad unsat: the property is proved */
  readonly proves: boolean;
}

export async function inferInvariant(sl: Slice, bad: Bad, hints: readonly Prop[], s: Session): Promise<InvariantOutcome> {
  const net = sl.sys.net;
  const t0 = performance.now();
  const samples = sampleMarkings(net, {}, sl.transitions.map((ft) => ft.t));
  const onSamples = sampleBits(net, samples);
  // the property's clauses (its CNF, when small) and their one-literal mutations
  const clauses = hints.flatMap((h) => cnf(h) ?? []);
  const own = [...hints.filter((h) => !cnf(h)), ...clauses.map((c) => or(...c.map(litProp)))];
  const extra = [...own, ...mutations(sl, clauses)].filter((h) => onSamples.always(h));
  const cands = [...extra, ...clauseCandidates(sl, samples)];
  const b = new BmcScript(sl, bad, true);
  // a few hundred candidates name the slice's variables: one namer a step makes each name once
  const at0 = BmcScript.at(0), at1 = BmcScript.at(1);
  const defs = cands.map((c, j) => `(define-fun c${j}@0 () Bool ${toSmt(c, at0)})\n(define-fun c${j}@1 () Bool ${toSmt(c, at1)})\n`).join('');
  record('houdini: candidates and their text', (performance.now() - t0) / 1000, cands.length);
  await s.send(b.prelude() + b.step(1) + '; the candidate lemmas, before and after one step\n' + defs);
  let alive = cands.map((_, j) => j);
  const conj = (k: number) => (alive.length ? `(and true ${alive.map((j) => `c${j}@${k}`).join(' ')})` : 'true');
  let rounds = 0;
  for (;;) {
    rounds++;
    const a = await s.check(`; Houdini round ${rounds}: is J inductive?\n(push 1)\n(assert ${conj(0)})\n(assert (not ${conj(1)}))\n(check-sat)\n`);
    if (a === 'unsat') { await s.send('(pop 1)\n'); break; }
    if (a !== 'sat') throw new Error(`Houdini round ${rounds}: solver answered ${a}`);
    const out = await s.send(`(get-value (${sl.vars.map((f) => BmcScript.stateVar(f, 1)).join(' ')}))\n`);
    await s.send('(pop 1)\n');
    const val = new Map<string, boolean>();
    for (const m of out.matchAll(/\(\|(.*?)@1\| (true|false)\)/g)) val.set(m[1], m[2] === 'true');
    const before = alive.length;
    alive = alive.filter((j) => valueOf(cands[j], (f) => val.get(f) ?? false));
    if (alive.length === before) throw new Error('Houdini: the solver model falsifies no candidate (decoding bug)');
  }
  // certificate: J in M0, J inductive (just shown), J excludes bad
  const m0 = sl.vars.map((f) => (sl.init.get(f) ? BmcScript.stateVar(f, 0) : `(not ${BmcScript.stateVar(f, 0)})`));
  const badAt = bad.kind === 'state' ? b.badAt(0) : b.badAt(1);
  const [init, ex] = await s.checks(
    `; certificate 1: J holds in M0 (expect unsat)\n(push 1)\n(assert (and true ${m0.join(' ')}))\n(assert (not ${conj(0)}))\n(check-sat)\n(pop 1)\n` +
    `; certificate 2: J excludes every bad ${bad.kind} (unsat = proved)\n(push 1)\n(assert ${conj(0)})\n(assert ${badAt})\n(check-sat)\n(pop 1)\n`, 2);
  if (init !== 'unsat') throw new Error('Houdini: the invariant does not hold in M0 (sampling bug)');
  return { lemmas: alive.map((j) => cands[j]), rounds, proves: ex === 'unsat' };
}

/** The property's conjuncts, as candidate lemmas (an invariant that is itself 1-inductive relative to the rest). */
export function conjunctsOf(p: Prop): Prop[] {
  return p.t === 'and' ? [...p.as] : [p];
}
