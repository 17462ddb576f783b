// Checking one property on one net (the catalogue over configurations is catalogue.ts). The
// strategy, per property, is the one that measured fastest on the `paper` universe:
//  1. step properties first try one-step induction from any state (they speak of what a single
//     firing changes, which rarely depends on reachability);
//  2. the bad condition is split into its disjuncts, grouped by cone of influence into parts,
//     each checked on its own small slice; a part that is the same problem as one already
//     proved (up to renaming files, smt/canon.ts) is not checked again;
//  3. per part, seeded random runs (smt/simulate.ts) hint at violations: if one hits a bad
//     state, go straight to BMC for the trace;
//  4. otherwise an inductive invariant of small clauses (smt/houdini.ts) usually proves the
//     part; if not, a short BMC, then Spacer on the slice given those lemmas. A reachability
//     question (a witness, a premise) runs the full BMC before Spacer instead: its answer is
//     usually a trace deeper than the short BMC reaches in its budget, and Spacer, which can only
//     add a proof of unreachability, ran to its time limit on such traces first;
//  5. BMC by iterative deepening finds the shortest trace of the part, decoded and replayed on
//     the XState machine (smt/trace.ts).
import { performance } from 'node:perf_hooks';
import type { GroundTransition, Net } from '../model/net.js';
import { type Prop, not, or } from '../model/prop.js';
import type { Property } from '../model/properties.js';
import { BmcScript } from './bmc.js';
import { type Bad, chcScript } from './chc.js';
import { canonicalText } from './canon.js';
import { writeQuery } from './export.js';
import { conjunctsOf, inferInvariant } from './houdini.js';
import { sampleBits } from './sample-bits.js';
import { readStoredAnswers } from './answered.js';
import { record, timed } from './profile.js';
import { provedPart, rememberProof } from './proved.js';
import { sampleMarkings } from './simulate.js';
import { slice, type Slice } from './slice.js';
import { type NetSystem, netSystem } from './system.js';
import { replayedTrace } from './trace.js';
import { premiseQuestions, withVacuity } from './vacuity.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Method, QueryFile, SmtVerdict, VerifyResult } from './verdict.js';
import { Session, SolverTimeout, z3Version } from './z3.js';

export interface VerifyOptions {
  /** deepest BMC step (default 40) */
  readonly depth?: number;
  /** wall-clock limit per query, seconds (default 60) */
  readonly timeoutSeconds?: number;
  /** directory for the .smt2 files; none written when absent */
  readonly smtOut?: string;
  /** false: solve what earlier runs answered instead of taking it from the store (smt/answered.ts); a benchmark of solving sets it */
  readonly storedAnswers?: boolean;
  /** budget of the short BMC between a failed invariant and Spacer, seconds (default 3; a heuristic: verdicts never depend on it) */
  readonly quickBmcSeconds?: number;
}

type Answer = 'sat' | 'unsat' | 'unknown' | 'timeout';

/** Budget of the BMC tried between a failed invariant and Spacer, unless told otherwise. */
const QUICK_BMC_SECONDS = 3;

/** What one part of a property came to. */
type PartOutcome =
  | { kind: 'holds'; method: 'inductive-invariant' | 'chc-spacer' }
  | { kind: 'trace'; k: number; firings: GroundTransition[] }
  | { kind: 'bounded'; depth: number }
  | { kind: 'unknown'; limit: string };

/** The top-level disjuncts of a formula, reading ¬(a ∧ b) as ¬a ∨ ¬b. */
function disjuncts(p: Prop): Prop[] {
  if (p.t === 'or') return p.as.flatMap(disjuncts);
  if (p.t === 'not' && p.a.t === 'and') return p.a.as.flatMap((a) => disjuncts(not(a)));
  return [p];
}

/**
 * The bad condition split into parts checked separately: a catalogue statement is a
 * conjunction over users, files and partitions, so its negation is a disjunction, and each
 * disjunct has a far smaller cone of influence than the whole (the `paper` universe needs
 * this). The property holds iff no part is reachable; any reachable part is a violation of the
 * whole. Parts with the same cone are checked together.
 */
function parts(sys: NetSystem, bad: Bad): Array<{ sl: Slice; bad: Bad }> {
  if (bad.kind === 'step') return [{ sl: slice(sys, [bad.p], true), bad }];
  const ds = disjuncts(bad.p);
  const groups = new Map<string, { sl: Slice; ps: Prop[] }>();
  for (const d of ds) {
    const sl = slice(sys, [d]);
    const key = sl.vars.join('\n') + '\n' + sl.transitions.map((t) => t.t.index).join(',');
    const g = groups.get(key);
    if (g) g.ps.push(d);
    else groups.set(key, { sl, ps: [d] });
  }
  return [...groups.values()].map(({ sl, ps }) => ({ sl, bad: { kind: 'state', p: or(...ps) } as Bad }));
}

/** The bad condition of a property on a net: the reachability target, or the negated statement. */
function badOf(sys: NetSystem, property: Property): Bad {
  const stmt = sys.fold(property.statement(sys.net));
  return property.kind === 'reachable' ? { kind: 'state', p: stmt } : { kind: property.kind === 'step' ? 'step' : 'state', p: not(stmt) };
}

/**
 * The canonical texts of the parts a run may check on a net, its premise's questions included
 * (smt/vacuity.ts): the proofs the run may reuse or leave for later runs.
 */
export function partKeys(net: Net, property: Property): string[] {
  const sys = netSystem(net);
  return [property, ...premiseQuestions(net, property)].flatMap((q) => parts(sys, badOf(sys, q)).map((p) => canonicalText(p.sl, p.bad)));
}

export async function verifyProperty(net: Net, property: Property, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const t0 = performance.now();
  const maxDepth = opts.depth ?? 40;
  const limit = opts.timeoutSeconds ?? 60;
  const solver = await z3Version();
  const sys = netSystem(net);
  const bad = badOf(sys, property);
  const queries: QueryFile[] = [];
  let part = 0;

  /** Runs one session, records its file, maps a deadline to 'timeout'. */
  const run = async <T>(method: Method, sl: Slice, body: (s: Session) => Promise<T>, seconds = limit): Promise<T | 'timeout'> => {
    const q0 = performance.now();
    const s = await Session.open(seconds);
    let out: T | 'timeout';
    try {
      out = await body(s);
    } catch (e) {
      if (!(e instanceof SolverTimeout)) throw e;
      out = 'timeout';
    } finally {
      s.close();
    }
    const path = opts.smtOut ? timed('export .smt2 files', () => writeQuery(opts.smtOut!, net, property, method, sl, solver, s.answers, s.transcript.join(''), part)) : undefined;
    const took = (performance.now() - q0) / 1000;
    record(`query ${method}${property.id.endsWith('#premise') ? ' (premise)' : ''}`, took);
    record(`check-sats ${method}`, 0, s.answers.length);
    // the full BMC of a part rewrites its quick BMC's file, its commands first: one file, named once
    const earlier = path === undefined ? -1 : queries.findIndex((q) => q.path === path);
    if (earlier >= 0) queries[earlier] = { ...queries[earlier], path: undefined, within: path };
    queries.push({ method, path, answers: [...s.answers], seconds: took });
    return out;
  };
  const all = slice(sys, [bad.p], bad.kind === 'step');
  const result = (verdict: SmtVerdict, how: string): VerifyResult => ({
    property: property.id, universe: net.U.name, ...net.cfg, verdict, how,
    seconds: (performance.now() - t0) / 1000, solver,
    slice: { vars: all.vars.length, facts: net.facts.length, transitions: all.transitions.length, of: net.transitions.length },
    queries,
  });
  const holdsKind = property.kind === 'reachable' ? 'unreachable' : 'proved';

  if (bad.kind === 'step') {
    const a = await run('step-induction', all, async (s) => {
      const b = new BmcScript(all, bad, true);
      await s.send(b.prelude() + b.step(1));
      return s.check(b.check(1));
    });
    if (a === 'unsat') return result({ kind: 'proved', method: 'step-induction' }, 'step-induction');
  }

  /** Iterative-deepening BMC in one session; `onDepth` hears each depth shown clean. */
  const bmc = (sl: Slice, bad: Bad, seconds: number, onDepth: (k: number) => void = () => {}) =>
    run('bmc', sl, async (s) => {
      const b = new BmcScript(sl, bad);
      await s.send(b.prelude());
      for (let k = bad.kind === 'state' ? 0 : 1; k <= maxDepth; k++) {
        if (k > 0) await s.send(b.step(k));
        const a = await s.check(b.check(k));
        if (a === 'sat') return { k, firings: b.decodeSelectors(await s.send(b.getValue(k)), k).map((i) => sl.transitions[i].t) };
        await s.send('(pop 1)\n');
        if (a === 'unknown') return 'unknown' as const;
        onDepth(k);
      }
      return undefined;
    }, seconds);

  const checkPart = async (sl: Slice, bad: Bad): Promise<PartOutcome> => {
    // Random runs are a free oracle for "probably violated": then go straight to BMC for the trace.
    const samples = timed('random runs (cached per slice)', () => sampleMarkings(net, {}, sl.transitions.map((ft) => ft.t)));
    const sampledBad = bad.kind === 'state' && sampleBits(net, samples).sometimes(bad.p);
    let spacer = 'Spacer: not run';
    // the full BMC: the shortest trace, or how far it got (run once, before or after Spacer)
    let reached = -1;
    let full: ReturnType<typeof bmc> | undefined;
    const fullBmc = () => (full ??= bmc(sl, bad, limit, (k) => (reached = k)));
    if (!sampledBad) {
      const hints = bad.kind === 'state' ? conjunctsOf(not(bad.p)) : [];
      const inv = await run('inductive-invariant', sl, (s) => inferInvariant(sl, bad, hints, s));
      if (inv === 'timeout') spacer = `invariant search: no answer within ${limit} s`;
      if (inv !== 'timeout' && inv.proves) return { kind: 'holds', method: 'inductive-invariant' };
      const lemmas = inv === 'timeout' ? [] : inv.lemmas;
      // No invariant of small clauses: often a violation the random runs missed. A short BMC
      // finds those in a fraction of the time Spacer needs to report them reachable.
      const quick = await bmc(sl, bad, Math.min(limit, opts.quickBmcSeconds ?? QUICK_BMC_SECONDS));
      if (quick && quick !== 'timeout' && quick !== 'unknown') return { kind: 'trace', ...quick };
      if (property.kind === 'reachable') {
        const found = await fullBmc();
        if (found && found !== 'timeout' && found !== 'unknown') return { kind: 'trace', ...found };
      }
      // In SMT-LIB HORN mode `sat` means the clauses have a model: an inductive invariant exists and
      // no bad state is reachable. `unsat` means a derivation of `false`: the bad state is reachable.
      const chc: Answer = await run('chc-spacer', sl, (s) => s.check(chcScript(sl, bad, lemmas)));
      if (chc === 'sat') return { kind: 'holds', method: 'chc-spacer' };
      spacer = `${inv === 'timeout' ? `${spacer}; ` : ''}${chc === 'unsat' ? 'Spacer: reachable' : `Spacer: ${chc === 'timeout' ? `no answer within ${limit} s` : 'unknown'}`}`;
    }
    // Violated by the samples or per Spacer, or nothing proved: look for the shortest trace.
    const found = await fullBmc();
    if (found === 'timeout' || found === 'unknown')
      return { kind: 'unknown', limit: `${spacer}; BMC ${found === 'timeout' ? `reached the ${limit} s limit` : 'answered unknown'} ${reached < 0 ? 'before depth 0' : `after depth ${reached}`}` };
    if (found) return { kind: 'trace', ...found };
    if (sampledBad || spacer.endsWith('Spacer: reachable'))
      return { kind: 'unknown', limit: `${sampledBad ? 'a random run reached a bad state' : spacer}, but no trace up to BMC depth ${maxDepth}` };
    return property.kind === 'reachable' ? { kind: 'unknown', limit: `${spacer}; no witness up to BMC depth ${maxDepth}` } : { kind: 'bounded', depth: maxDepth };
  };

  const outcomes: PartOutcome[] = [];
  let reused = 0;
  for (const p of timed('parts: split and slice', () => parts(sys, bad))) {
    part++;
    const key = timed('parts: canonical text', () => canonicalText(p.sl, p.bad));
    const known = provedPart(key);
    if (known) {
      reused++;
      outcomes.push({ kind: 'holds', method: known });
      continue;
    }
    const o = await checkPart(p.sl, p.bad);
    if (o.kind === 'holds') rememberProof(key, o.method);
    if (o.kind === 'trace') {
      const trace = timed('trace replay', () => replayedTrace(net, property, o.firings));
      const how = `bmc k=${o.k}`;
      return result(property.kind === 'reachable' ? { kind: 'witness', depth: o.k, trace } : { kind: 'violated', depth: o.k, trace }, how);
    }
    outcomes.push(o);
  }
  const unknown = outcomes.find((o) => o.kind === 'unknown');
  if (unknown && unknown.kind === 'unknown') return result({ kind: 'unknown', limit: unknown.limit }, 'time limit');
  const bounded = outcomes.find((o) => o.kind === 'bounded');
  if (bounded && bounded.kind === 'bounded') return result({ kind: 'holds-to-depth', depth: bounded.depth }, `bmc k=${bounded.depth}`);
  const spacer = outcomes.filter((o) => o.kind === 'holds' && o.method === 'chc-spacer').length; // reused ones included: a rare overlap
  const method = spacer ? 'chc-spacer' : 'inductive-invariant';
  const how = outcomes.length === 1 ? method
    : `${outcomes.length} parts: ${outcomes.length - spacer - reused} invariant${spacer ? `, ${spacer} spacer` : ''}${reused ? `, ${reused} as proved` : ''}`;
  return result({ kind: holdsKind, method }, how);
}

/** One run as the catalogue reports it: the verdict, the premise's reachability (smt/vacuity.ts) and the fingerprints. */
export async function checkRun(net: Net, property: Property, opts: VerifyOptions = {}): Promise<VerifyResult> {
  // for this run only: a worker thread serves runs of several catalogues
  readStoredAnswers(opts.storedAnswers ?? true);
  try {
    const t0 = performance.now();
    const verdict = await verifyProperty(net, property, opts);
    const t1 = performance.now();
    const checked = await withVacuity(net, property, verdict, (p) => verifyProperty(net, p, opts));
    record('run: the property', (t1 - t0) / 1000);
    record('run: its premise', (performance.now() - t1) / 1000);
    return { ...checked, fingerprint: timed('fingerprints', () => fingerprint(property, net)) };
  } finally {
    readStoredAnswers(true);
  }
}
