// Non-vacuity of an all-sizes proof: a property of the form premise → conclusion (over any
// quantified ids) proved for every size says something only if its premise can be met. The
// premise is the one the statement keeps (model/vacuity.ts premiseOf, read first-order here), and
// the evidence is finite:
//  - a trace on the finite universe the candidates are mined on, reaching a marking (or, for a
//    step property, a firing) that meets the premise: a witness in every universe that contains
//    its ids;
//  - else a smallest marking satisfying the invariant and the premise (the invariant
//    over-approximates the reachable markings, so this shows the proof is not vacuous by
//    construction, not that the premise is reached);
//  - else, when Z3 answers that no state of the invariant meets the premise, the proof is vacuous.
import type { Trace } from '../../model/explore.js';
import type { Property } from '../../model/properties.js';
import { type Prop } from '../../model/prop.js';
import type { F } from './fo.js';
import { type Candidate, type Ctx, caseFileName, caseQuery, invariantQuery } from './houdini.js';
import { smallestModel, sizeText } from './cti.js';
import { type Query, run } from './query.js';
import { type Case, closeExists, conjuncts, liftProp, symbolicNet } from './reading.js';
import { Symbols, symbolicUniverse } from './symbolic.js';

export type NonVacuity =
  /** a finite run meets the premise */
  | { readonly kind: 'trace'; readonly universe: string; readonly trace: Trace; readonly text: string }
  /** a state of the invariant meets the premise (no run on the finite universe does) */
  | { readonly kind: 'marking'; readonly marking: readonly string[]; readonly text: string }
  /** no state of the invariant meets the premise: the proof is vacuous */
  | { readonly kind: 'vacuous'; readonly why: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** The premise of each conjunct of a statement, or undefined when some conjunct is no implication. */
function premises(stmt: Prop): Prop[] | undefined {
  if (stmt.t === 'const') return stmt.v ? [] : undefined;
  const cs = conjuncts(stmt);
  const ps = cs.map((c) => (c.t === 'or' ? c.premise : undefined));
  return ps.some((p) => p === undefined) ? undefined : (ps as Prop[]);
}

/** The premises of an invariant, each ∃-closed over a symbolic universe; undefined when it has none. */
function invariantPremises(ctx: Ctx, p: Property): F[] | undefined {
  const S = new Symbols(ctx.R.patients);
  const U = symbolicUniverse(S);
  const ps = premises(p.statement(symbolicNet(ctx.R, S, U)));
  return ps?.map((x) => closeExists(liftProp(x, { R: ctx.R, S, U }), S));
}

/** A step property's premises at the firing of case c, in the state before and after it. */
function stepPremises(ctx: Ctx, p: Property, c: Case): F[] | undefined {
  const ps = premises(p.statement(symbolicNet(ctx.R, c.S, c.U, c)));
  return ps?.map((x) => closeExists(liftProp(x, { R: ctx.R, S: c.S, U: c.U, writes: c.writes, fired: c.id }), c.S)).filter((f) => !(f.t === 'const' && !f.v));
}


/** Whether the premise of `p`, proved for every size under invariant `kept`, can be met: `premiseRun` gives the explorer's run meeting it on `universe`, if any. */
export async function nonVacuity(ctx: Ctx, p: Property, kept: readonly Candidate[], universe: string, premiseRun: () => Trace | undefined): Promise<NonVacuity | undefined> {
  const stateQuery = (label: string) => invariantQuery(ctx, label, kept);
  // the queries to ask: one per case for a step property (the premise at its firing), one for an invariant
  const asks: Array<{ build: (label: string) => Query; goals: F[]; where: string; label: string }> = [];
  if (p.kind === 'invariant') {
    const goals = invariantPremises(ctx, p);
    if (!goals) return undefined;
    asks.push({ build: stateQuery, goals, where: 'a state of the invariant', label: `${ctx.label}/premise.${p.id}` });
  } else if (p.kind === 'step') {
    let any = false;
    for (const c of ctx.R.cases) {
      const goals = stepPremises(ctx, p, c);
      if (!goals) return undefined;
      any = true;
      if (goals.length) asks.push({ build: (label) => caseQuery(ctx, c, label, kept), goals, where: `a firing of ${c.id} (${c.what || 'one case'}) from a state of the invariant`, label: `${ctx.label}/premise.${p.id}.${caseFileName(ctx.R, c)}` });
    }
    if (!any) return undefined;
  } else return undefined;
  const premiseTrace = premiseRun();
  if (premiseTrace)
    return { kind: 'trace', universe, trace: premiseTrace, text: `the premise is met on ${universe} after ${premiseTrace.steps.length} firing${premiseTrace.steps.length === 1 ? '' : 's'} (${premiseTrace.steps.map((s) => s.transition).join(', ') || 'in M0'}): a witness in every universe that contains its ids` };
  let unknown = 0;
  for (const a of asks) {
    const q = a.build(a.label);
    const answers = await run(q, { timeoutSeconds: ctx.timeoutSeconds, smtOut: ctx.smtOut, header: `non-vacuity of ${p.id}: ${a.where} meets the premise (sat: it can; unsat for every query: vacuous)`, records: ctx.records }, a.goals);
    const k = answers.indexOf('sat');
    if (k < 0) { unknown += answers.filter((x) => x !== 'unsat').length; continue; }
    const goal = a.goals[k];
    const m = await smallestModel(ctx, (tag) => a.build(`${a.label}.model.${tag}`).assert('the premise', goal), new Map());
    const marking = m ? `{${m.marking.join(', ')}} (${sizeText(m)})` : 'a model beyond seven elements';
    return { kind: 'marking', marking: m?.marking ?? [], text: `no run on ${universe} meets the premise, but ${a.where} does: ${marking}` };
  }
  if (unknown) return { kind: 'unknown', why: `${unknown} premise quer${unknown === 1 ? 'y' : 'ies'} reached the time limit or came back unknown` };
  if (!asks.length || asks.every((a) => !a.goals.length)) return { kind: 'vacuous', why: 'the statement has no instance: its premise is false in every universe' };
  return { kind: 'vacuous', why: `no state of the invariant${p.kind === 'step' ? ', and no firing from one,' : ''} meets the premise (Z3: unsat)` };
}
