// The SMT layer's counterexamples and witnesses (smt/verify.ts, decoded into the explorer's
// Trace shape) replayed on the real implementation, like the explorer's (verdicts.ts).
import type { Net } from '../model/net.js';
import { propertiesFor } from '../model/properties.js';
import { verifyProperty } from '../smt/verify.js';
import { replayTrace } from './traces.js';
import type { VerdictReplay } from './verdicts.js';
import type { Makers } from './world.js';

export interface SmtReplayOptions {
  readonly seed: string;
  readonly make?: Makers;
  /** per SMT query, seconds */
  readonly timeoutSeconds?: number;
  readonly depth?: number;
  /** property ids (default: every catalogue property the profile has) */
  readonly properties?: readonly string[];
}

export async function replaySmtVerdicts(net: Net, opts: SmtReplayOptions): Promise<Array<VerdictReplay | { property: string; verdict: string; source: 'smt'; replayed: false }>> {
  const props = propertiesFor(net.cfg, net.U).filter((p) => !opts.properties || opts.properties.includes(p.id));
  const out: Array<VerdictReplay | { property: string; verdict: string; source: 'smt'; replayed: false }> = [];
  for (const p of props) {
    const r = await verifyProperty(net, p, { timeoutSeconds: opts.timeoutSeconds ?? 30, depth: opts.depth ?? 30 });
    const v = r.verdict;
    if (v.kind === 'violated' || v.kind === 'witness') {
      out.push({ ...replayTrace(net, v.trace, `${p.id} (${v.kind}, smt ${r.how})`, opts), property: p.id, verdict: v.kind, source: 'smt' });
    } else out.push({ property: p.id, verdict: v.kind, source: 'smt', replayed: false });
  }
  return out;
}
