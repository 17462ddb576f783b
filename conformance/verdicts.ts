// Every violation and witness the explorer finds on a net, replayed on the implementation
// (traces.ts). The SMT layer's traces have the same shape and go through the same replay.
import { type ExploreResult, explore } from '../model/explore.js';
import type { Net } from '../model/net.js';
import { propertiesFor } from '../model/properties.js';
import { type TraceReplay, replayTrace } from './traces.js';
import type { Makers } from './world.js';

export interface VerdictReplay extends TraceReplay {
  readonly property: string;
  readonly verdict: 'violated' | 'witness';
  readonly source: 'explorer' | 'smt';
}

/** `explored`: the explorer's result on this net with its catalogue, when the caller has it already. */
export function replayExplorerVerdicts(net: Net, opts: { seed: string; make?: Makers; maxStates?: number; maxRouteAttempts?: number; explored?: ExploreResult }): VerdictReplay[] {
  // The explorer stops at the same state bound as the graph paths (limits.ts maxStates).
  const res = opts.explored ?? explore(net, propertiesFor(net.cfg, net.U), { maxStates: opts.maxStates });
  const out: VerdictReplay[] = [];
  for (const { id, verdict } of res.verdicts) {
    if (verdict.kind !== 'violated' && verdict.kind !== 'witness') continue;
    const label = `${id} (${verdict.kind}, explorer)`;
    out.push({ ...replayTrace(net, verdict.trace, label, opts), property: id, verdict: verdict.kind, source: 'explorer' });
  }
  return out;
}
