// Candidate clauses from explored states (DistAI/I4 style): every ∀-clause of up to three literals
// over a template's atoms that is true in every given marking of a finite net, for every assignment
// of its variables. Only minimal clauses are kept (no valid clause is a proper subset of another
// kept one). Two templates, one per reading, share the evaluation and the search:
//  - the one-patient reading: two principals x, y, a file f, a partition i, the owner P;
//  - the patient-sorted reading: a patient p, principals x, y, f, i, and p's principal own(p); a
//    clause may also be guarded by FileOf(f,p) ("f is a file of p") without it counting as a literal,
//    since a patient's facts about a file mean something only for the files of that patient.
import { type Marking, enabledTransitions, fire, keyOf, m0Of } from '../../model/marking.js';
import type { Net } from '../../model/net.js';
import { patientIds, principals } from '../../model/universe.js';
import { evalF } from './eval.js';
import { type F, RIGID, RIGID_PATIENTS, atom, disj, eq, factOf, forall, isRigid, neg, own, termId } from './fo.js';
import { type FoSort, onePatient } from './symbolic.js';

/** Every reachable marking of a net, breadth-first (the firing rule of model/marking.ts). */
export function reachable(net: Net, maxStates = 300_000): { states: Marking[]; complete: boolean } {
  const m0 = m0Of(net);
  const seen = new Set([keyOf(m0)]);
  const states = [m0];
  for (let k = 0; k < states.length; k++) {
    for (const t of enabledTransitions(net, states[k])) {
      const n = fire(net, t, states[k]);
      const key = keyOf(n);
      if (seen.has(key)) continue;
      if (states.length >= maxStates) return { states, complete: false };
      seen.add(key);
      states.push(n);
    }
  }
  return { states, complete: true };
}

/** A literal of the template: an atom or an equality, positive or negated. */
export interface Lit {
  readonly rel: string; // relation, or '=' for an equality
  readonly args: readonly string[];
  readonly pos: boolean;
}

type Atom = { rel: string; args: string[] };

/** The template's variables: the ∀ of every clause, in this order (a clause binds those it uses). */
export const TEMPLATE_SORTS: ReadonlyArray<readonly [string, FoSort]> = [['p', 'Patient'], ['x', 'Prin'], ['y', 'Prin'], ['f', 'File'], ['i', 'Part']];
const VAR: Readonly<Record<FoSort, string>> = { Patient: 'p', Prin: 'x', File: 'f', Part: 'i' };

/** The term standing for "the owner" in each reading's template: the constant P, or own(p). */
const ownerTerm = (patients: boolean) => (patients ? own('p') : 'P');

/**
 * Atoms of a reading's template over its relations and rigid relations: every principal position
 * holds x, or every one holds the owner (P, or own(p) of the patient p; the diagonal:
 * holds(x,RU(x,f,i)), holds(x,sk(x))), every patient position p, a file f, a partition i.
 * Off-diagonal tuples are covered by the shape clauses (shapeClauses), which say when two
 * principal positions coincide. Last, the equality of x and the owner.
 */
export function templateAtoms(sig: ReadonlyMap<string, readonly FoSort[]>, patients = false): Atom[] {
  const out: Atom[] = [];
  const o = ownerTerm(patients);
  const rels: Array<[string, readonly FoSort[]]> = [...sig.entries(), ...Object.entries(patients ? RIGID_PATIENTS : RIGID)];
  for (const [rel, sorts] of rels)
    for (const p of sorts.includes('Prin') ? ['x', o] : ['x']) out.push({ rel, args: sorts.map((s) => (s === 'Prin' ? p : VAR[s])) });
  out.push({ rel: '=', args: ['x', o] });
  return out;
}

/** For each relation with two principal positions: R(x,y,..) → x = y, and with the owner (P, or own(p)) in either place. */
export function shapeClauses(sig: ReadonlyMap<string, readonly FoSort[]>, patients = false): Lit[][] {
  const out: Lit[][] = [];
  const o = ownerTerm(patients);
  for (const [rel, sorts] of sig) {
    const ps = sorts.flatMap((s, k) => (s === 'Prin' ? [k] : []));
    if (ps.length !== 2) continue;
    const args = (a: string, b: string) => sorts.map((s, k) => (k === ps[0] ? a : k === ps[1] ? b : VAR[s]));
    out.push([{ rel, args: args('x', 'y'), pos: false }, { rel: '=', args: ['x', 'y'], pos: true }]);
    out.push([{ rel, args: args('x', o), pos: false }, { rel: '=', args: ['x', o], pos: true }]);
    out.push([{ rel, args: args(o, 'x'), pos: false }, { rel: '=', args: ['x', o], pos: true }]);
  }
  return out;
}

export const litF = (l: Lit): F => {
  const a = l.rel === '=' ? eq(l.args[0], l.args[1]) : atom(l.rel, l.args);
  return l.pos ? a : neg(a);
};

/** A clause as a closed formula over the template variables it uses. */
export const clauseF = (lits: readonly Lit[]): F => forall(TEMPLATE_SORTS, disj(...lits.map(litF)));

/** A literal about the universe (rigid relations, equalities), not about the marking. */
const rigidLit = (l: Lit) => l.rel === '=' || isRigid(l.rel);

/**
 * The template's assignments on a finite universe: the one-patient reading's x over the
 * principals, f, i, with P the owner; the patient-sorted reading's p over the patients besides.
 */
function valuations(net: Net, patients: boolean): Array<Map<string, string>> {
  const U = net.U;
  const out: Array<Map<string, string>> = [];
  for (const p of patients ? patientIds(U) : [undefined])
    for (const x of principals(U)) for (const f of U.files) for (const i of U.partitions)
      out.push(new Map([...(p === undefined ? [['P', onePatient(U)] as const] : [['p', p] as const]), ['x', x], ['f', f], ['i', i]]));
  return out;
}

/**
 * The distinct rows of truth values of `atoms`, over every assignment and every given marking: an
 * atom about the universe is evaluated once per assignment (eval.ts, the reading's own rigid
 * relations), one about the marking reads its fact's bit.
 */
function rowsOf(net: Net, states: Iterable<Marking>, atoms: readonly Atom[], vals: ReadonlyArray<ReadonlyMap<string, string>>): Uint8Array[] {
  const m0 = m0Of(net);
  const plans = vals.map((val) => atoms.map((a): boolean | number => {
    if (rigidLit({ ...a, pos: true })) return evalF(litF({ ...a, pos: true }), net, m0, val);
    const k = net.factIndex.get(factOf(a.rel, a.args.map((t) => val.get(termId(t))!)));
    return k === undefined ? false : k;
  }));
  const rows = new Set<string>();
  const out: Uint8Array[] = [];
  const bits = new Uint8Array(atoms.length);
  for (const m of states)
    for (const plan of plans) {
      for (let n = 0; n < plan.length; n++) {
        const p = plan[n];
        bits[n] = (typeof p === 'boolean' ? p : (m[p >>> 5] & (1 << (p & 31))) !== 0) ? 1 : 0;
      }
      const key = String.fromCharCode(...bits);
      if (!rows.has(key)) { rows.add(key); out.push(bits.slice()); }
    }
  return out;
}

/**
 * The minimal clauses over literals (atom n positive: 2n, negative: 2n+1) true on every row of
 * `rows` where `guard` (a literal's index) is false, i.e. clauses that hold with the guard added.
 * `valid` holds the clauses already known valid (the unguarded ones when guarded: a guarded clause
 * whose rest is valid alone is not minimal); it grows with those found. `restricted`: a clause of
 * three literals must have one about the universe (or a guard).
 */
function search(rows: readonly Uint8Array[], lits: readonly Lit[], maxLits: number, restricted: boolean, valid: Set<string>, guard?: number): number[][] {
  const W = Math.ceil(rows.length / 32);
  const falseIn = lits.map((l, n) => {
    const b = new Uint32Array(W);
    const a = n >> 1;
    rows.forEach((r, k) => { if ((r[a] === 1) !== l.pos) b[k >>> 5] |= 1 << (k & 31); });
    return b;
  });
  const fullWord = (k: number) => (k < W - 1 || rows.length % 32 === 0 ? 0xffffffff : (1 << (rows.length % 32)) - 1) >>> 0;
  // the rows a clause must hold on: all, or those where the guard's literal is false
  const base = guard === undefined ? Uint32Array.from({ length: W }, (_, k) => fullWord(k)) : falseIn[guard];
  const zero = (b: Uint32Array) => b.every((w) => w === 0);
  const and = (a: Uint32Array, b: Uint32Array) => a.map((w, k) => w & b[k]);
  const within = falseIn.map((b) => and(b, base));
  const out: number[][] = [];
  const subsetValid = (c: number[]) => {
    for (let drop = 0; drop < c.length; drop++) if (valid.has(c.filter((_, k) => k !== drop).join(','))) return true;
    return false;
  };
  // a literal false on every row adds nothing to a clause; one true on every row is a clause by itself
  const live = lits.map((_, n) => n).filter((n) => n !== guard && !within[n].every((w, k) => w === base[k]));
  const rigid = (n: number) => rigidLit(lits[n]);
  const consider = (c: number[], fb: Uint32Array) => {
    const key = c.join(',');
    if (valid.has(key)) return;
    if (subsetValid(c)) { valid.add(key); return; }
    if (!zero(fb)) return;
    valid.add(key);
    if (c.some((n) => !rigid(n))) out.push(c);
  };
  for (const a of live) consider([a], within[a]);
  if (maxLits >= 2)
    for (const a of live) for (const b of live) if (b > a && b >> 1 !== a >> 1) consider([a, b], and(within[a], within[b]));
  if (maxLits >= 3)
    for (const a of live) for (const b of live) {
      if (b <= a || b >> 1 === a >> 1 || valid.has(`${a},${b}`)) continue;
      const ab = and(within[a], within[b]);
      for (const c of live) if (c > b && c >> 1 !== a >> 1 && c >> 1 !== b >> 1 && (!restricted || [a, b, c].some(rigid))) consider([a, b, c], and(ab, within[c]));
    }
  return out;
}

/** Whether a clause of the patient template carries the guard FileOf(f,p): it holds for the files of p, not for every file. */
export const guarded = (c: readonly Lit[]): boolean => c[0]?.rel === 'FileOf' && !c[0].pos && c[0].args.join() === 'f,p';

const mentions = (l: Lit, v: string) => l.args.some((t) => termId(t) === v);

/**
 * Whether a clause of the patient-sorted template says something a proof can use, beyond the
 * universe it was mined on: each of p and x it mentions occurs in a literal about the marking (p
 * also through FileOf(f,p) with f in one), so that "x is a joiner of p" is about a patient the
 * marking names, not about "some patient" of the two on two-patients; and x = own(p) is not a
 * premise (the clause is then the same as one with x replaced by own(p), which has a literal less).
 */
function anchored(c: readonly Lit[]): boolean {
  if (c.some((l) => l.rel === '=' && !l.pos)) return false;
  const state = c.filter((l) => !rigidLit(l));
  const fileOfP = c.some((l) => l.rel === 'FileOf') && state.some((l) => mentions(l, 'f'));
  return ['p', 'x'].every((v) => !c.some((l) => mentions(l, v)) || state.some((l) => mentions(l, v)) || (v === 'p' && fileOfP));
}

/**
 * The minimal clauses of up to `maxLits` literals true on every given state of `net` for every
 * assignment of the template's variables on its universe (`patients`: the patient-sorted
 * reading's template, and the clauses guarded by FileOf(f,p) besides). `restricted`: a clause of
 * three literals must have one about the universe: the kind of x, x the owner, default access, or
 * the guard (two literals about the state, for joiners, outsiders or the owner only).
 */
export function mine(net: Net, states: Iterable<Marking>, sig: ReadonlyMap<string, readonly FoSort[]>, maxLits = 3, restricted = false, patients = false): Lit[][] {
  const atoms = templateAtoms(sig, patients);
  const lits: Lit[] = atoms.flatMap((a) => [{ ...a, pos: true }, { ...a, pos: false }]);
  const rows = rowsOf(net, states, atoms, valuations(net, patients));
  const valid = new Set<string>();
  const out = search(rows, lits, maxLits, restricted, valid).map((c) => c.map((n) => lits[n]));
  if (!patients) return out;
  // ∀p,f. FileOf(f,p) → C: the guard is the literal ¬FileOf(f,p)
  const guard = lits.findIndex((l) => l.rel === 'FileOf' && !l.pos && l.args.join() === 'f,p');
  return [...out, ...search(rows, lits, maxLits, restricted, valid, guard).map((c) => [lits[guard], ...c.map((n) => lits[n])])].filter(anchored);
}
