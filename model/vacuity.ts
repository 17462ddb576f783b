// Vacuity: a property of the form premise → conclusion (over any quantified ids) holds trivially
// when no reachable marking (or, for a step property, no reachable firing) meets its premise. The
// premise is read off the statement itself: `implies` keeps it on the disjunction it builds, so
// there is no second copy of any premise to drift from the property it belongs to.
import type { NetConfig } from './config.js';
import type { Net } from './net.js';
import { FALSE, type Prop, any, not } from './prop.js';
import type { Property } from './properties.js';

/** The conjuncts of a statement (a catalogue statement is a conjunction over ids). */
const conjuncts = (p: Prop): readonly Prop[] => (p.t === 'and' ? p.as : [p]);

/**
 * The premise of `property` on `net`: the disjunction, over every quantified instance, of the
 * instance's premise. Undefined when the statement is not a conjunction of implications (a plain
 * invariant such as "the cloud reads nothing" cannot be vacuous) or when the property is a
 * reachability property (its witness is its own evidence). A statement with no instance on the
 * net (the constant true) has the premise false.
 */
export function premiseOf(property: Property, net: Net): Prop | undefined {
  if (property.kind === 'reachable') return undefined;
  const stmt = property.statement(net);
  // No instance at all on this net (say, no Revoke to speak of): true of every run, so vacuous.
  if (stmt.t === 'const' && stmt.v) return FALSE;
  const cs = conjuncts(stmt);
  const premises = cs.map((c) => (c.t === 'or' ? c.premise : undefined));
  if (cs.length === 0 || premises.some((p) => p === undefined)) return undefined;
  return any(premises as Prop[]);
}

/**
 * The premise as a property the existing checkers answer: for an invariant, "the premise is
 * reachable" (a witness is the evidence, `unreachable` means vacuous); for a step property, the
 * step property "the premise never holds across a firing" (a counterexample is the witness,
 * `proved` means vacuous).
 */
export function premiseProperty(property: Property): Property {
  const premise = (net: Net) => premiseOf(property, net) ?? not(any([]));
  return property.kind === 'step'
    ? { ...property, id: `${property.id}#premise`, title: `premise of ${property.id}`, statement: (net) => not(premise(net)) }
    : { ...property, id: `${property.id}#premise`, title: `premise of ${property.id}`, kind: 'reachable', statement: premise };
}

/** The catalogue's reason why the premise is unreachable by design on this configuration, if it says so. */
export function expectedVacuity(property: Property, cfg: NetConfig): string | undefined {
  return property.vacuousBy?.find(({ when }) =>
    (when.profile === undefined || when.profile === cfg.profile)
    && (when.variant === undefined || when.variant === cfg.variant)
    && (when.policy === undefined || when.policy === cfg.policy))?.reason;
}
