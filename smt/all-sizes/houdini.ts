// The quantified Houdini: from a set of candidate ∀-clauses, drop those false in M0, then, per
// lifted transition, those some firing from a state satisfying all the rest falsifies, until the
// rest is inductive. Each query asks for all candidates at once (one Skolemised negation per
// candidate, guarded by a boolean); the model names every candidate it falsifies.
import { type F, atom, conj, disj, neg, quant, rename } from './fo.js';
import { OutsideFragment, Query, type QueryRecord, SharedContext, run } from './query.js';
import { type Case, type Reading, axiomsOf, caseFacts, initOf, initValue, transitionOf } from './reading.js';
import type { FoSort } from './symbolic.js';

export interface Candidate {
  readonly key: string;
  readonly f: F;
  /** where it comes from: mined, a hand lemma (with its reason), a property clause */
  readonly source: string;
  /** what is assumed of it: itself, or a weakening inside the fragment (an ∃ under a ∀ read as true) */
  readonly assume?: F;
  readonly rels: ReadonlySet<string>;
}

/** Relations a formula mentions, each with the polarities it occurs in: `R+`, `R-`. */
export function relsOf(f: F, out = new Set<string>(), pos = true): Set<string> {
  switch (f.t) {
    case 'atom': out.add(f.rel); out.add(`${f.rel}${pos ? '+' : '-'}`); break;
    case 'not': relsOf(f.a, out, !pos); break;
    case 'and': case 'or': for (const a of f.as) relsOf(a, out, pos); break;
    case 'q': relsOf(f.body, out, pos); break;
    default: break;
  }
  return out;
}

/** Whether firing `c` can falsify a clause: it adds to a relation the clause reads negatively, or deletes from one it reads positively. */
export const canFalsify = (rels: ReadonlySet<string>, c: Case) => [...c.adds].some((r) => rels.has(`${r}-`)) || [...c.dels].some((r) => rels.has(`${r}+`));

/** The formula in M0: every relation replaced by its initial value (rigid relations and equalities remain). */
export function inM0(R: Reading, f: F): F {
  switch (f.t) {
    case 'atom': return R.sig.has(f.rel) ? initValue(R, f.rel, f.args) : f;
    case 'not': return neg(inM0(R, f.a));
    case 'and': return conj(...f.as.map((a) => inM0(R, a)));
    case 'or': return disj(...f.as.map((a) => inM0(R, a)));
    case 'q': return quant(f.q, f.vars, inM0(R, f.body));
    default: return f;
  }
}

/** The formula read in the state after a firing that writes `writes`. */
export function prime(f: F, writes: ReadonlySet<string>): F {
  switch (f.t) {
    case 'atom': return writes.has(f.rel) ? atom(f.rel, f.args, true) : f;
    case 'not': return neg(prime(f.a, writes));
    case 'and': return conj(...f.as.map((a) => prime(a, writes)));
    case 'or': return disj(...f.as.map((a) => prime(a, writes)));
    case 'q': return { ...f, body: prime(f.body, writes) };
    default: return f;
  }
}

/** ¬f with its outer ∀ replaced by fresh constants (declared on q). */
export function skolemNeg(f: F, q: Query, prefix: string): F {
  if (f.t !== 'q' || f.q !== 'forall') return neg(f);
  const m = new Map<string, string>();
  for (const [v, s] of f.vars) {
    const c = `${prefix}_${v}`;
    m.set(v, c);
    q.constant(c, s as FoSort);
  }
  return neg(rename(f.body, m));
}

export interface Ctx {
  readonly R: Reading;
  readonly label: string;
  readonly timeoutSeconds: number;
  readonly smtOut?: string;
  readonly records: QueryRecord[];
}

/** The axioms and the assumed clauses: what every query about a state of the invariant starts with. */
export function invariantQuery(ctx: Ctx, label: string, assumed: readonly Candidate[], primed?: ReadonlySet<string>): Query {
  const q = new Query(label, ctx.R.sig, primed, ctx.R.patients);
  axiomsOf(ctx.R).forEach((a, k) => q.assert(`axiom ${k + 1}`, a));
  for (const a of assumed) q.assert(`assumed${a.assume ? ' (weakened: each ∃ under a ∀ read as true)' : ''}: ${a.source}`, a.assume ?? a.f);
  return q;
}

/** The query of one case: axioms, the assumed clauses, the case's parameters, guard and updates. */
export function caseQuery(ctx: Ctx, c: Case, label: string, assumed: readonly Candidate[]): Query {
  const q = invariantQuery(ctx, label, assumed, c.writes);
  for (const k of c.consts) q.constant(k.id, k.sort);
  // the case: each parameter of its kind, parameters of one sort that the case keeps apart distinct
  for (const x of caseFacts(c)) q.assert(x.where, x.f);
  const t = transitionOf(ctx.R, c);
  q.assert(`guard of ${c.id} (${c.what || 'one case'})`, t.guard);
  for (const u of t.updates) q.assert(`update of ${u.rel} by ${c.id}`, u.f);
  return q;
}

/** M0 with the axioms. */
export function initQuery(ctx: Ctx, label: string): Query {
  const q = new Query(label, ctx.R.sig, new Set(), ctx.R.patients);
  axiomsOf(ctx.R).forEach((a, k) => q.assert(`axiom ${k + 1}`, a));
  initOf(ctx.R).forEach((f, k) => q.assert(`M0 ${k + 1}`, f));
  return q;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');

/**
 * A case as a query file's label names it: its id, and where several cases share the id (the two
 * sides of a split, a patient's joiner and outsider), its place among them in the reading, so that
 * no query's file is written over by another's.
 */
export function caseFileName(R: Reading, c: Case): string {
  const same = R.cases.filter((x) => x.id === c.id);
  return same.length > 1 ? `${safe(c.id)}.case${same.indexOf(c) + 1}` : safe(c.id);
}

/** A case as a counterexample names it: its id, and its split when the case is one side of a split (two cases of one id). */
export const caseLabel = (c: Case): string => (c.split ? `${c.id} (${c.what})` : c.id);

/** Asks, goal by goal in one session (or in a context shared with other cases), which candidates fail; an unanswered goal counts as failing (dropping is always sound). */
async function failing(ctx: Ctx, q: Query, goals: readonly Candidate[], writes: ReadonlySet<string> | undefined, header: string, shared?: SharedContext): Promise<{ keys: string[]; unanswered: number }> {
  const negs = goals.map((g, k) => skolemNeg(writes ? prime(g.f, writes) : g.f, q, `k${k}`));
  const o = { timeoutSeconds: ctx.timeoutSeconds, smtOut: ctx.smtOut, header, records: ctx.records };
  const answers = shared ? await shared.ask(q, o, negs) : await run(q, o, negs);
  return { keys: goals.filter((_, k) => answers[k] !== 'unsat').map((g) => g.key), unanswered: answers.filter((a) => a === 'unknown' || a === 'timeout').length };
}

/** Each ∃ (after negation) under a ∀ replaced by what makes the formula weaker: true where it counts positively. */
export function weaken(f: F, pos = true, underForall = false): F {
  switch (f.t) {
    case 'not': return neg(weaken(f.a, !pos, underForall));
    case 'and': return conj(...f.as.map((a) => weaken(a, pos, underForall)));
    case 'or': return disj(...f.as.map((a) => weaken(a, pos, underForall)));
    case 'q': {
      const isForall = (f.q === 'forall') === pos;
      if (!isForall && underForall) return pos ? { t: 'const', v: true } : { t: 'const', v: false };
      return quant(f.q, f.vars, weaken(f.body, pos, underForall || isForall));
    }
    default: return f;
  }
}

export interface HoudiniResult {
  readonly kept: Candidate[];
  /** why each dropped candidate went: 'M0' or the case that falsified it */
  readonly dropped: Map<string, string>;
  readonly outside: Map<string, string>;
  readonly timeouts: number;
}

/**
 * The greatest inductive subset of `candidates` (relative to the axioms). `known`: keys of
 * candidates an earlier run over a subset of these candidates kept. They are in this run's result
 * too (a conjunction of inductive sets is inductive, so the greatest subset of more candidates
 * holds the greatest subset of fewer), so they are assumed and never asked as goals: every goal
 * asked gets the answer it would get with them asked as well, and the same clauses are dropped,
 * by the same cases, in the same order.
 */
export async function houdini(ctx: Ctx, candidates: readonly Candidate[], known: ReadonlySet<string> = new Set()): Promise<HoudiniResult> {
  const dropped = new Map<string, string>();
  const outside = new Map<string, string>();
  // candidates outside the fragment on their own (as assumption or as goal) are set aside first
  // A clause whose assumption would leave the fragment (an ∃ under a ∀, as in "a holder can derive
  // the key") is assumed weakened: that ∃ read as true. Assuming less is sound; as a goal (negated)
  // it stays whole.
  const inFragment = (f: F, goal: boolean) => {
    const q = new Query('check', ctx.R.sig, new Set(), ctx.R.patients);
    // with the axioms: own's edge Patient → Prin is in every query of the patient-sorted reading
    axiomsOf(ctx.R).forEach((a, k) => q.assert(`axiom ${k + 1}`, a));
    q.assert('clause', goal ? skolemNeg(f, q, 'k') : f);
    try { q.text(); return undefined; } catch (e) { if (!(e instanceof OutsideFragment)) throw e; return e.message; }
  };
  const usable: Candidate[] = [];
  for (const c of candidates) {
    const asGoal = inFragment(c.f, true);
    if (asGoal) { outside.set(c.key, asGoal.replace(' in clause', ` in ${c.source}`)); continue; }
    if (!inFragment(c.f, false)) { usable.push(c); continue; }
    const weak = weaken(c.f);
    const still = inFragment(weak, false);
    if (still) { outside.set(c.key, still.replace(' in clause', ` in ${c.source}`)); continue; }
    usable.push({ ...c, assume: weak });
  }
  let kept = [...usable];
  let timeouts = 0;
  const drop = (keys: string[], why: string) => {
    for (const k of keys) dropped.set(k, why);
    kept = kept.filter((c) => !keys.includes(c.key));
  };
  // initiation: each candidate read in M0 (relations replaced by their initial values); most become true outright
  const open = kept.filter((c) => !known.has(c.key)).map((c) => ({ ...c, f: inM0(ctx.R, c.f) })).filter((c) => !(c.f.t === 'const' && c.f.v));
  if (open.length) {
    const q = new Query(`${ctx.label}/init`, ctx.R.sig, new Set(), ctx.R.patients);
    axiomsOf(ctx.R).forEach((a, k) => q.assert(`axiom ${k + 1}`, a));
    const bad = await failing(ctx, q, open, undefined, `initiation: each candidate clause with every relation replaced by its M0 value (sat: that one fails in M0)`);
    timeouts += bad.unanswered;
    drop(bad.keys, 'M0');
  }
  // consecution; a case last shown to keep every clause under exactly the current set needs no new
  // check. The cases are asked in one context that holds the axioms and the current clauses, each
  // case in its own (push)/(pop); a drop changes the clauses, so the next case gets a new context.
  // A case that dropped clauses is asked again in the next round, with every clause dropped after
  // it, not at once: a drop later in the round would have it asked again anyway. (Asked at once,
  // it never dropped anything in the catalogue: 134 queries, 1 741 checks, 12% of Houdini's time.)
  const shownAt = new Map<Case, number>();
  let shared: SharedContext | undefined;
  const context = () => (shared ??= new SharedContext(invariantQuery(ctx, `${ctx.label}/invariant`, kept), ctx.timeoutSeconds, ctx.R.cases.length));
  try {
    for (let changed = true, round = 0; changed; round++) {
      changed = false;
      for (const c of ctx.R.cases) {
        if (shownAt.get(c) === dropped.size) continue;
        const goals = kept.filter((k) => !known.has(k.key) && canFalsify(k.rels, c));
        if (!goals.length) continue;
        const q = caseQuery(ctx, c, `${ctx.label}/consecution.${caseFileName(ctx.R, c)}.${round}.0`, kept);
        const bad = await failing(ctx, q, goals, c.writes, `consecution: clauses ∧ guard ∧ ${c.id} (${c.what || 'one case'}) ⇒ each clause', one (check-sat) each (sat: that one fails)`, context());
        timeouts += bad.unanswered;
        if (!bad.keys.length) { shownAt.set(c, dropped.size); continue; }
        drop(bad.keys, caseLabel(c));
        shared?.close();
        shared = undefined;
        changed = true;
      }
    }
  } finally {
    shared?.close();
  }
  return { kept, dropped, outside, timeouts };
}
