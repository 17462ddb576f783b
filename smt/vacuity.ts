// Non-vacuity of premise → conclusion properties: after a property is checked, its premise (read
// off the statement, model/vacuity.ts) is checked for reachability by the same machinery (BMC
// witness, invariants, Spacer). A property that holds while its premise is unreachable is
// reported `vacuous`, never `proved`; a reachable premise comes with its witness trace.
import { evaluate, m0Of } from '../model/marking.js';
import { replay } from '../model/machine.js';
import type { GroundTransition, Net } from '../model/net.js';
import { type Prop, and, any, enabled, fact, not } from '../model/prop.js';
import type { Property } from '../model/properties.js';
import { expectedVacuity, premiseOf, premiseProperty } from '../model/vacuity.js';
import { replayedTrace } from './trace.js';
import type { Vacuity, VerifyResult } from './verdict.js';

/**
 * `result` with its vacuity settled: `check` is the checker that produced `result` (smt/verify.ts
 * verifyProperty), run again on the premise. Properties without a premise come back unchanged.
 */
export async function withVacuity(net: Net, property: Property, result: VerifyResult,
  check: (p: Property) => Promise<VerifyResult>): Promise<VerifyResult> {
  const premise = premiseOf(property, net);
  if (!premise) return result;
  const expected = expectedVacuity(property, net.cfg);
  if (premise.t === 'const' && !premise.v)
    return { ...result, verdict: { kind: 'vacuous', method: 'empty-statement' }, how: 'no instance on this net',
      vacuity: { premise: 'unreachable', how: 'no instance on this net', seconds: 0, ...(expected && { expected }) } };
  if (result.verdict.kind === 'violated')
    return { ...result, vacuity: { premise: 'reachable', how: 'the counterexample', seconds: 0, ...(expected && { expected }) } };
  const p = (property.kind === 'step' && await stepAsState(net, property, premise, check)) || await check(premiseProperty(property));
  const v = p.verdict;
  const vacuity: Vacuity = {
    premise: v.kind === 'witness' || v.kind === 'violated' ? 'reachable' : v.kind === 'unreachable' || v.kind === 'proved' ? 'unreachable' : 'not-shown',
    how: v.kind === 'unknown' ? v.limit : v.kind === 'holds-to-depth' ? `no witness up to depth ${v.depth}` : p.how,
    ...((v.kind === 'witness' || v.kind === 'violated') && { trace: v.trace }),
    ...(expected && { expected }),
    seconds: p.seconds,
  };
  const seconds = result.seconds + p.seconds;
  const queries = [...result.queries, ...p.queries];
  if ((v.kind === 'unreachable' || v.kind === 'proved'))
    return { ...result, verdict: { kind: 'vacuous', method: v.method }, how: `premise ${p.how}`, vacuity, seconds, queries };
  return { ...result, vacuity, seconds, queries };
}

/**
 * A step premise of the usual shape, a disjunction of `fired(t) ∧ pre-atoms` (or of pre-atoms
 * alone), asked as a state question, which the solver answers far faster than a step query:
 * "is a marking reachable where t is enabled and the pre-atoms hold?" Exact for that shape: a
 * firing of t from such a marking meets the premise. Undefined for any other shape.
 */
function stepPremiseAsState(property: Property, premise: Prop): { question: Property; states: Array<{ t?: string; p: Prop }> } | undefined {
  const disjuncts = premise.t === 'or' ? premise.as : [premise];
  const asState = (d: Prop): { t?: string; p: Prop } | undefined => {
    const atoms = d.t === 'and' ? d.as : [d];
    const fired = atoms.filter((a) => a.t === 'fired');
    if (fired.length > 1) return undefined;
    const rest: Prop[] = [];
    for (const a of atoms) {
      if (a.t === 'fired') continue;
      const inner = a.t === 'not' ? a.a : a;
      if (inner.t !== 'pre') return undefined;
      rest.push(a.t === 'not' ? not(fact(inner.f)) : fact(inner.f));
    }
    const t = fired[0]?.t === 'fired' ? fired[0].id : undefined;
    return { t, p: and(...(t ? [enabled(t)] : []), ...rest) };
  };
  const states = disjuncts.map(asState);
  if (states.some((x) => x === undefined)) return undefined;
  const target = any(states.map((x) => x!.p));
  return {
    question: { ...property, id: `${property.id}#premise`, title: `premise of ${property.id}`, kind: 'reachable', statement: () => target },
    states: states as Array<{ t?: string; p: Prop }>,
  };
}

/**
 * Every question the premise check of a run may ask (withVacuity), whatever the property's own
 * verdict: the catalogue's scheduler hands a run the proofs of these too (smt/parallel.ts), so a
 * premise part proved by an earlier run is taken as proved on any number of threads.
 */
export function premiseQuestions(net: Net, property: Property): Property[] {
  const premise = premiseOf(property, net);
  if (!premise || (premise.t === 'const' && !premise.v)) return [];
  const asState = property.kind === 'step' ? stepPremiseAsState(property, premise) : undefined;
  return [...(asState ? [asState.question] : []), premiseProperty(property)];
}

/**
 * The step premise asked as a state question (stepPremiseAsState). A witness is extended by the
 * firing that meets the premise and replayed as the step property's counterexample; an
 * unreachable state premise is an unreachable step premise. Undefined (the caller asks the step
 * query) for another shape, or when the witness's last marking enables no such firing.
 */
async function stepAsState(net: Net, property: Property, premise: Prop, check: (p: Property) => Promise<VerifyResult>): Promise<VerifyResult | undefined> {
  const asState = stepPremiseAsState(property, premise);
  if (!asState) return undefined;
  const { question, states } = asState;
  const r = await check(question);
  if (r.verdict.kind !== 'witness') return r.verdict.kind === 'unreachable' ? r : undefined;
  // the firing that meets the premise from the witness's last marking
  const steps = r.verdict.trace.steps;
  const last = replay(net, steps.map((x) => ({ type: x.rule, ...x.binding }))).at(-1) ?? m0Of(net);
  const firings = steps.map((x) => net.byId.get(x.transition)!);
  const candidates: GroundTransition[] = states.flatMap((x) => (x.t ? [net.byId.get(x.t)!] : net.transitions.slice()));
  const t = candidates.find((c) => evaluate(net, enabled(c.id), last) && evaluate(net, not(premiseProperty(property).statement(net)), last, { pre: last, post: last, fired: c }));
  if (!t) return undefined;
  const trace = replayedTrace(net, premiseProperty(property), [...firings, t]);
  return { ...r, verdict: { kind: 'witness', depth: r.verdict.depth + 1, trace }, how: `bmc k=${r.verdict.depth + 1}` };
}
