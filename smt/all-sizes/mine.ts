// Candidate clauses from explored states (DistAI/I4 style): every ∀-clause of up to three literals
// over a fixed pool of variables (two principals x, y, a file f, a partition i, the owner P) that
// is true in every reachable marking of a finite net, for every assignment of its variables.
// Only minimal clauses are kept (no valid clause is a proper subset of another kept one).
import { type Marking, enabledTransitions, fire, keyOf, m0Of } from '../../model/marking.js';
import type { Net } from '../../model/net.js';
import { type Universe, defaultAccessOf, joiners, outsiders, principals } from '../../model/universe.js';
import { type F, atom, disj, eq, factOf, forall, neg } from './fo.js';
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

const VARS: Readonly<Record<FoSort, readonly string[]>> = { Prin: ['x'], File: ['f'], Part: ['i'], Patient: ['p'] };
export const TEMPLATE_SORTS: ReadonlyArray<readonly [string, FoSort]> = [['x', 'Prin'], ['y', 'Prin'], ['f', 'File'], ['i', 'Part']];

/**
 * Atoms of the template over the reading's relations: every principal position holds x, or every
 * one holds P (the diagonal: holds(x,RU(x,f,i)), holds(x,sk(x))). Off-diagonal tuples are covered by
 * the shape clauses (shapeClauses), which say when two principal positions coincide.
 */
export function templateAtoms(sig: ReadonlyMap<string, readonly FoSort[]>): Array<{ rel: string; args: string[] }> {
  const out: Array<{ rel: string; args: string[] }> = [];
  const rels: Array<[string, readonly FoSort[]]> = [...sig.entries(), ['Joiner', ['Prin']], ['Outsider', ['Prin']], ['Default', ['Prin', 'Part']]];
  for (const [rel, sorts] of rels)
    for (const p of sorts.includes('Prin') ? ['x', 'P'] : ['x']) out.push({ rel, args: sorts.map((s) => (s === 'Prin' ? p : VARS[s][0])) });
  out.push({ rel: '=', args: ['x', 'P'] });
  return out;
}

/** For each relation with two principal positions: R(x,y,..) → x = y, and with P in either place. */
export function shapeClauses(sig: ReadonlyMap<string, readonly FoSort[]>): Lit[][] {
  const out: Lit[][] = [];
  for (const [rel, sorts] of sig) {
    const ps = sorts.flatMap((s, k) => (s === 'Prin' ? [k] : []));
    if (ps.length !== 2) continue;
    const args = (a: string, b: string) => sorts.map((s, k) => (k === ps[0] ? a : k === ps[1] ? b : VARS[s][0]));
    out.push([{ rel, args: args('x', 'y'), pos: false }, { rel: '=', args: ['x', 'y'], pos: true }]);
    out.push([{ rel, args: args('x', 'P'), pos: false }, { rel: '=', args: ['x', 'P'], pos: true }]);
    out.push([{ rel, args: args('P', 'x'), pos: false }, { rel: '=', args: ['x', 'P'], pos: true }]);
  }
  return out;
}

export const litF = (l: Lit): F => {
  const a = l.rel === '=' ? eq(l.args[0], l.args[1]) : atom(l.rel, l.args);
  return l.pos ? a : neg(a);
};

/** A clause as a closed formula over the template variables it uses. */
export const clauseF = (lits: readonly Lit[]): F => forall(TEMPLATE_SORTS, disj(...lits.map(litF)));

/**
 * The minimal clauses of up to `maxLits` literals true on every given state of `net` for every
 * assignment of x to principals, f to files and i to partitions of `U`. `restricted`: a clause of
 * three literals must have one about the kind of x or x = P (two literals about the state, for
 * joiners, outsiders or the owner only).
 */
export function mine(net: Net, states: readonly Marking[], sig: ReadonlyMap<string, readonly FoSort[]>, maxLits = 3, restricted = false): Lit[][] {
  const U: Universe = net.U;
  const atoms = templateAtoms(sig);
  const prins = principals(U), js = new Set(joiners(U, onePatient(U))), os = new Set(outsiders(U, onePatient(U)));
  const rows = new Set<string>();
  const rowBits: Uint8Array[] = [];
  for (const x of prins) for (const f of U.files) for (const i of U.partitions) {
    const val: Record<string, string> = { x, P: onePatient(U), f, i };
    // per atom: a fixed truth value or the bit of its fact in the net
    const plan = atoms.map((a) => {
      const args = a.args.map((v) => val[v]);
      if (a.rel === '=') return args[0] === args[1];
      if (a.rel === 'Joiner') return js.has(args[0]);
      if (a.rel === 'Outsider') return os.has(args[0]);
      if (a.rel === 'Default') return defaultAccessOf(U, args[0], onePatient(U)).includes(args[1]);
      const k = net.factIndex.get(factOf(a.rel, args));
      return k === undefined ? false : k;
    });
    for (const m of states) {
      const bits = new Uint8Array(atoms.length);
      plan.forEach((p, n) => (bits[n] = (typeof p === 'boolean' ? p : (m[p >>> 5] & (1 << (p & 31))) !== 0) ? 1 : 0));
      const key = bits.join('');
      if (!rows.has(key)) { rows.add(key); rowBits.push(bits); }
    }
  }
  // per literal, the rows where it is false, as a bitset over rows
  const W = Math.ceil(rowBits.length / 32);
  const lits: Lit[] = atoms.flatMap((a) => [{ ...a, pos: true }, { ...a, pos: false }]);
  const falseIn = lits.map((l, n) => {
    const b = new Uint32Array(W);
    const a = n >> 1;
    rowBits.forEach((r, k) => { if ((r[a] === 1) !== l.pos) b[k >>> 5] |= 1 << (k & 31); });
    return b;
  });
  const zero = (b: Uint32Array) => b.every((w) => w === 0);
  const fullWord = (k: number) => (k < W - 1 || rowBits.length % 32 === 0 ? 0xffffffff : (1 << (rowBits.length % 32)) - 1) >>> 0;
  const and = (a: Uint32Array, b: Uint32Array) => a.map((w, k) => w & b[k]);
  const out: number[][] = [];
  const valid = new Set<string>();
  const subsetValid = (c: number[]) => {
    for (let drop = 0; drop < c.length; drop++) if (valid.has(c.filter((_, k) => k !== drop).join(','))) return true;
    return false;
  };
  // a literal false on every row adds nothing to a clause; one true on every row is a clause by itself
  const live = lits.map((_, n) => n).filter((n) => !falseIn[n].every((w, k) => w === fullWord(k)));
  const isRigid = (n: number) => ['=', 'Joiner', 'Outsider', 'Default'].includes(lits[n].rel);
  const consider = (c: number[], fb: Uint32Array) => {
    if (subsetValid(c)) { valid.add(c.join(',')); return; }
    if (!zero(fb)) return;
    valid.add(c.join(','));
    if (c.some((n) => !isRigid(n))) out.push(c);
  };
  for (const a of live) consider([a], falseIn[a]);
  if (maxLits >= 2)
    for (const a of live) for (const b of live) if (b > a && b >> 1 !== a >> 1) consider([a, b], and(falseIn[a], falseIn[b]));
  if (maxLits >= 3)
    for (const a of live) for (const b of live) {
      if (b <= a || b >> 1 === a >> 1 || valid.has(`${a},${b}`)) continue;
      const ab = and(falseIn[a], falseIn[b]);
      for (const c of live) if (c > b && c >> 1 !== a >> 1 && c >> 1 !== b >> 1 && (!restricted || [a, b, c].some(isRigid))) consider([a, b, c], and(ab, falseIn[c]));
    }
  return out.map((c) => c.map((n) => lits[n]));
}
