// A trace as a reader follows it: after each firing, the marking and what every party and
// coalition of interest can read. Used by reports and by the conformance replay; computed from
// the net's own firing rule and the knowledge closure, so it shows exactly what the model says.
import type { Trace } from './explore.js';
import { readable } from './knowledge.js';
import { factsIn, heldBy, m0Of } from './marking.js';
import { replay, type NetEvent } from './machine.js';
import type { Net } from './net.js';
import { CLOUD, Revoked, SRS } from './terms.js';
import { isPatient, outsidersToAll, patientIds, patientTag } from './universe.js';
import { has } from './marking.js';

export interface Coalition {
  readonly name: string;
  readonly parties: readonly string[];
}

/** The parties and coalitions design.md names: each principal, the SRS, the cloud, SRS+cloud, each user+SRS, each revoked user+cloud. */
export function coalitionsOfInterest(net: Net, revoked: readonly string[] = []): Coalition[] {
  const { U } = net;
  const users = U.users.map((u) => u.id);
  const single = [...patientIds(U), ...users, SRS, CLOUD].map((p) => ({ name: p, parties: [p] }));
  return [
    ...single,
    { name: 'SRS+Cloud', parties: [SRS, CLOUD] },
    ...users.filter((u) => !outsidersToAll(U).includes(u)).map((u) => ({ name: `${u}+SRS`, parties: [u, SRS] })),
    ...revoked.map((u) => ({ name: `${u}+Cloud (revoked)`, parties: [u, CLOUD] })),
  ];
}

export interface ViewStep {
  readonly transition: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly marking: readonly string[];
  /** coalition name -> the (file/partition) it can read, for coalitions that read anything */
  readonly reads: Readonly<Record<string, readonly string[]>>;
}

export interface TraceView {
  readonly initial: readonly string[];
  readonly steps: readonly ViewStep[];
}

export function eventsOf(trace: Trace): NetEvent[] {
  return trace.steps.map((s) => ({ type: s.rule, ...s.binding }));
}

export function viewTrace(net: Net, trace: Trace): TraceView {
  const markings = replay(net, eventsOf(trace));
  const steps = trace.steps.map((s, k) => {
    const m = markings[k];
    const revoked = net.U.users.map((u) => u.id).filter((u) => patientIds(net.U).some((p) => has(net, m, Revoked(u, patientTag(net.U, p)))));
    const reads: Record<string, string[]> = {};
    for (const c of coalitionsOfInterest(net, revoked)) {
      const r = readable(net.U, heldBy(net, m, c.parties)).map((x) => `${x.file}/${x.partition}`);
      if (r.length && !isPatient(net.U, c.parties[0])) reads[c.name] = r;
    }
    return { transition: s.transition, added: s.added, removed: s.removed, marking: factsIn(net, m), reads };
  });
  return { initial: factsIn(net, m0Of(net)), steps };
}
