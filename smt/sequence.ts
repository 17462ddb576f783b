// A fixed sequence of firings handed to the verifier as a trace constraint: "is this sequence
// reachable, and does every state formula asserted along it necessarily hold?" The selector of
// each BMC step is pinned to the named transition, so the encoding (smt/bmc.ts, the same as for
// properties) decides enabledness and effects; nothing is replayed by hand. Scenarios use it.
import type { NetEvent } from '../model/machine.js';
import { transitionOf } from '../model/machine.js';
import type { Net } from '../model/net.js';
import { type Prop, TRUE, and } from '../model/prop.js';
import { BmcScript } from './bmc.js';
import { slice } from './slice.js';
import { netSystem } from './system.js';
import { toSmt } from './term.js';
import { Session } from './z3.js';

export interface SequenceCheck {
  /** the sequence can fire from M0 in this order */
  readonly reachable: boolean;
  /** every asserted formula holds in every run of the sequence (there is exactly one) */
  readonly entailed: boolean;
  readonly answers: readonly string[];
  /** the whole query as SMT-LIB2, runnable with native z3 or cvc5 */
  readonly smt2: string;
  readonly seconds: number;
}

export class SequenceError extends Error {}

/** `claims[k]`: formulas that must hold after the first k firings (k = 0: in M0). */
export async function checkSequence(net: Net, events: readonly NetEvent[], claims: ReadonlyMap<number, readonly Prop[]> = new Map(), limitSeconds = 60): Promise<SequenceCheck> {
  const t0 = performance.now();
  const sys = netSystem(net);
  const folded = new Map([...claims].map(([k, ps]) => [k, sys.fold(and(...ps))] as const));
  const sl = slice(sys, [...folded.values()], true);
  const index = new Map(sl.transitions.map((ft, i) => [ft.t.id, i] as const));
  const bmc = new BmcScript(sl, { kind: 'state', p: TRUE });
  const pins = events.map((e, k) => {
    const t = transitionOf(net, e);
    if (!t) throw new SequenceError(`step ${k + 1}: the net has no transition ${JSON.stringify(e)}`);
    const i = index.get(t.id);
    // A transition outside the slice has a guard folded to false: it can never fire.
    return i === undefined ? 'false' : `(= ${BmcScript.selVar(k + 1)} (_ bv${i} ${bmc.width}))`;
  });
  const claimText = [...folded].map(([k, p]) => toSmt(p, BmcScript.at(k)));
  const script = [
    `; sequence of ${events.length} firings over universe ${net.U.name}, ${net.cfg.profile} / ${net.cfg.variant} / ${net.cfg.policy}`,
    bmc.prelude(),
    ...events.map((_, k) => bmc.step(k + 1)),
    ...pins.map((p) => `(assert ${p})`),
    '; 1: is the sequence reachable? (expect sat)',
    '(check-sat)',
    '; 2: can any asserted formula fail along it? (expect unsat)',
    `(assert (not (and true ${claimText.join(' ')})))`,
    '(check-sat)',
  ].join('\n');
  const s = await Session.open(limitSeconds);
  try {
    // Send in two parts so the first answer comes from the sequence alone.
    const cut = script.indexOf('; 2:');
    const a1 = await s.check(script.slice(0, cut));
    const a2 = a1 === 'sat' ? await s.check(script.slice(cut)) : 'unsat';
    return { reachable: a1 === 'sat', entailed: a1 === 'sat' && a2 === 'unsat', answers: s.answers, smt2: script, seconds: (performance.now() - t0) / 1000 };
  } finally {
    s.close();
  }
}

