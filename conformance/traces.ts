// Replaying a model Trace (model/explore.ts shape; the SMT layer decodes its counterexamples and
// witnesses into the same shape) on the real implementation, step by step under the oracle, and
// showing concretely what each coalition then reads: e.g. under srs-keys the SRS and the cloud
// really open a partition; a revoked user who kept its bytes really decrypts the old file.
import type { Trace } from '../model/explore.js';
import type { NetEvent } from '../model/machine.js';
import type { Net } from '../model/net.js';
import type { Mismatch } from './oracle.js';
import { runEvents } from './run.js';
import type { Makers } from './world.js';

export interface TraceReplay {
  /** what the trace is evidence of (property id and verdict), as the caller names it */
  readonly label: string;
  readonly steps: number;
  readonly mismatches: Mismatch[];
  /** always empty for a model's trace: a deviation is an event the model's guard refuses, and every
   *  step of a trace is enabled (kept for the replay of any event sequence) */
  readonly deviations: ReadonlyArray<{ id: string; event: string }>;
  /** state checks whose route search stopped at maxRouteAttempts */
  readonly routeStops: number;
  /** after the last step: every (coalition, file, partition) that both sides say is read, with
   *  the route the real bytes took (plaintext never shown) */
  readonly reads: ReadonlyArray<{ coalition: string; file: string; partition: string; route?: string }>;
}

export const traceEvents = (trace: Trace): NetEvent[] => trace.steps.map((s) => ({ type: s.rule, ...s.binding }));

export function replayTrace(net: Net, trace: Trace, label: string, opts: { seed: string; make?: Makers; maxRouteAttempts?: number }): TraceReplay {
  const events = traceEvents(trace);
  const run = runEvents(net, label, events, { seed: opts.seed, make: opts.make, maxRouteAttempts: opts.maxRouteAttempts });
  return { label, steps: events.length, mismatches: run.mismatches, deviations: run.deviations, routeStops: run.routeStops.length, reads: run.reads };
}

/**
 * The reads a replay shows, beyond the owner's own: first what a coalition reads that none of
 * its members reads alone (the collusion's gain), then what single parties read.
 */
export function evidenceOf(r: TraceReplay, owners: readonly string[]): string[] {
  const alone = new Set(r.reads.filter((x) => !x.coalition.includes('+')).map((x) => `${x.coalition} ${x.file}/${x.partition}`));
  const line = (x: TraceReplay['reads'][number], note = '') => `${x.coalition} reads ${x.file}/${x.partition} via ${x.route}${note}`;
  const joint = r.reads.filter((x) => x.coalition.includes('+') && !x.coalition.split('+').some((p) => alone.has(`${p} ${x.file}/${x.partition}`)));
  const single = r.reads.filter((x) => !x.coalition.includes('+') && !owners.includes(x.coalition));
  return [...joint.map((x) => line(x, ' (together only)')), ...single.map((x) => line(x))];
}
