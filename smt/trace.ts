// From a solver model to a Trace (the explorer's shape, so reports treat both sources alike),
// through the XState machine: the decoded firings are replayed with `replay`, which throws on
// any step the machine refuses, and the replayed run must actually show what the solver
// claimed (a violation, a witness, a bad step). Either failure is an encoding bug, never a
// verdict, so both fail loudly.
import type { Trace, TraceStep } from '../model/explore.js';
import { type Marking, evaluate, factsIn, m0Of } from '../model/marking.js';
import { eventOf, replay } from '../model/machine.js';
import type { GroundTransition, Net } from '../model/net.js';
import type { Property } from '../model/properties.js';

export class EncodingError extends Error {}

export function replayedTrace(net: Net, property: Property, firings: readonly GroundTransition[]): Trace {
  let markings: Marking[];
  try {
    markings = replay(net, firings.map(eventOf));
  } catch (e) {
    throw new EncodingError(`the SMT trace for ${property.id} does not replay on the machine (${(e as Error).message}): an encoding bug`);
  }
  const m0 = m0Of(net);
  const all = [m0, ...markings];
  const steps: TraceStep[] = firings.map((t, k) => {
    const before = new Set(factsIn(net, all[k]));
    const after = new Set(factsIn(net, all[k + 1]));
    return { transition: t.id, rule: t.rule.name, binding: t.binding, added: [...after].filter((f) => !before.has(f)), removed: [...before].filter((f) => !after.has(f)) };
  });
  const last = all[all.length - 1];
  const statement = property.statement(net);
  const shows =
    property.kind === 'reachable' ? evaluate(net, statement, last)
    : property.kind === 'invariant' ? !evaluate(net, statement, last)
    : firings.length > 0 && !evaluate(net, statement, all[all.length - 2], { pre: all[all.length - 2], post: last, fired: firings[firings.length - 1] });
  if (!shows)
    throw new EncodingError(`the SMT trace for ${property.id} replays but does not show a ${property.kind === 'reachable' ? 'witness' : 'violation'}: an encoding bug`);
  return { initial: net.m0, steps, final: factsIn(net, last) };
}
