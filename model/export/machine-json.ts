// The derived XState machine as JSON: its definition (one event per rule, guard `enabled`,
// action `fire`), with the initial marking as a fact list and every ground event it accepts.
import { createNetMachine, eventOf } from '../machine.js';
import type { Net } from '../net.js';

export function toMachineJson(net: Net): string {
  const def = createNetMachine(net).toJSON() as unknown as Record<string, unknown>;
  return JSON.stringify({
    machine: { ...def, context: { marking: net.m0 } },
    universe: net.U,
    config: net.cfg,
    events: net.transitions.map(eventOf),
  }, null, 2);
}
