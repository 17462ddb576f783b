// The XState v5 machine derived from the ground net (not written beside it): the context is the
// marking, each event is a transition with its binding ({ type: 'D_R_S', u, f, i }), the guard
// is the rule's precondition and the action its effect. One event type per rule.
import { assign, createActor, setup } from 'xstate';
import { modulesOf } from './config.js';
import { type Marking, fire, isEnabled, m0Of } from './marking.js';
import type { GroundTransition, Net } from './net.js';
import { transitionId } from './net.js';

export type NetEvent = { readonly type: string } & Readonly<Record<string, string>>;

export interface NetContext {
  readonly marking: Marking;
}

export function eventOf(t: GroundTransition): NetEvent {
  return { type: t.rule.name, ...t.binding };
}

/** The ground transition an event names, or undefined if the net has no such binding. */
export function transitionOf(net: Net, e: NetEvent): GroundTransition | undefined {
  const rule = net.rules.find((r) => r.name === e.type);
  return rule && net.byId.get(transitionId(rule, e, net.U));
}

export function createNetMachine(net: Net, initial: Marking = m0Of(net)) {
  const on: Record<string, { guard: 'enabled'; actions: 'fire' }> = {};
  for (const rule of net.rules) on[rule.name] = { guard: 'enabled', actions: 'fire' };
  return setup({
    types: { context: {} as NetContext, events: {} as NetEvent },
    guards: {
      enabled: ({ context, event }) => {
        const t = transitionOf(net, event);
        return t !== undefined && isEnabled(net, t, context.marking);
      },
    },
    actions: {
      fire: assign({ marking: ({ context, event }) => fire(net, transitionOf(net, event)!, context.marking) }),
    },
  }).createMachine({
    id: `sesphr-${net.U.name}-${net.cfg.profile}-${net.cfg.variant}-${net.cfg.policy}${modulesOf(net.cfg).map((m) => `-${m}`).join('')}`,
    context: { marking: initial },
    on,
  });
}

export class ReplayError extends Error {}

/**
 * Replays a sequence of firings on the machine, failing loudly at the first event the machine
 * refuses (an unknown binding or a false guard). Returns the marking after each step.
 */
export function replay(net: Net, events: readonly NetEvent[]): Marking[] {
  const actor = createActor(createNetMachine(net)).start();
  const out: Marking[] = [];
  events.forEach((e, k) => {
    const before = actor.getSnapshot().context.marking;
    const t = transitionOf(net, e);
    if (!t) throw new ReplayError(`step ${k + 1}: the net has no transition ${JSON.stringify(e)}`);
    if (!isEnabled(net, t, before)) throw new ReplayError(`step ${k + 1}: ${t.id} is not enabled in the marking reached so far`);
    actor.send(e);
    out.push(actor.getSnapshot().context.marking);
  });
  actor.stop();
  return out;
}
