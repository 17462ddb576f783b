// The all-sizes check of the catalogue, configuration by configuration:
//  1. the first-order reading of the configuration (reading.ts);
//  2. candidates: the hand lemmas beside the model (model/lemmas.ts), shape clauses and the clauses
//     of every invariant of the catalogue; when a property is still open, clauses mined (mine.ts)
//     from every reachable marking of `small`, or, patient-sorted, from markings of two-patients;
//  3. the quantified Houdini (houdini.ts) keeps the inductive subset: the invariant;
//  4. per property: proved-all-sizes when all its clauses are in the invariant (a step property:
//     when no lifted firing from a state of the invariant breaks it); otherwise a finite trace
//     when the explorer finds one on `small`, else the smallest counterexample to induction.
import { performance } from 'node:perf_hooks';
import { configName, type NetConfig } from '../../model/config.js';
import { type Trace, explore, exploreGraph } from '../../model/explore.js';
import { type Lemma, lemmasFor } from '../../model/lemmas.js';
import { type Marking, evaluate } from '../../model/marking.js';
import { buildNet } from '../../model/net.js';
import type { MarkingStore } from '../../model/state-store.js';
import { premiseOf } from '../../model/vacuity.js';
import { walkTraces } from '../../model/walk-traces.js';
import type { Property } from '../../model/properties.js';
import type { Rule } from '../../model/rule.js';
import type { Universe } from '../../model/universe.js';
import { small, universeByName } from '../../universes/index.js';
import { sampleMarkings } from '../simulate.js';
import { conj, disj, exists, show } from './fo.js';
import { type Cti, smallestCti } from './cti.js';
import { type Candidate, type Ctx, caseFileName, caseLabel, caseQuery, houdini, invariantQuery, relsOf, skolemNeg } from './houdini.js';
import { clauseF, guarded, mine, reachable, shapeClauses } from './mine.js';
import { type NonVacuity, nonVacuity as premiseWitness } from './premise.js';
import { OutsideFragment, type QueryRecord, SharedContext, run } from './query.js';
import { caseFacts, closeForall, conjuncts, guardOf, liftProp, propertyClauses, readingOf, symbolicNet } from './reading.js';
import { Symbols, allSizesScope, symbolicUniverse } from './symbolic.js';

export type AllSizesVerdict =
  /** holds in every universe: the invariant (evidence) is inductive, holds in M0 and implies the property */
  | { readonly kind: 'proved-all-sizes'; readonly clauses: readonly string[]; readonly covers: string; readonly premise?: Exclude<NonVacuity, { kind: 'vacuous' | 'unknown' }> }
  /** the invariant implies it, but only because no state of the invariant meets its premise */
  | { readonly kind: 'vacuous'; readonly clauses: readonly string[]; readonly covers: string; readonly why: string }
  /** a finite trace: a counterexample in every universe that contains its ids */
  | { readonly kind: 'violated'; readonly universe: string; readonly trace: Trace; readonly note: string }
  | { readonly kind: 'witness'; readonly universe: string; readonly trace: Trace; readonly note: string }
  | { readonly kind: 'outside-fragment'; readonly why: string }
  | { readonly kind: 'not-proved'; readonly why: string; readonly cti?: Cti };

export interface AllSizesResult {
  readonly property: string;
  readonly profile: NetConfig['profile'];
  readonly variant: NetConfig['variant'];
  readonly policy: NetConfig['policy'];
  readonly modules?: NetConfig['modules'];
  /** the patient-sorted reading's verdict (two or more patients); absent: the one-patient reading's */
  readonly patients?: true;
  readonly verdict: AllSizesVerdict;
  readonly how: string;
  readonly seconds: number;
}

export interface ConfigInvariant {
  readonly config: string;
  /** the inductive invariant, one readable clause a line, with where each came from */
  readonly invariant: ReadonlyArray<{ readonly clause: string; readonly source: string }>;
  readonly candidates: number;
  readonly states: number;
  readonly queries: number;
  /** each rule can fire in a state of the invariant: fired on the finite universe (in a reachable state), or Z3 */
  readonly nonVacuity: ReadonlyArray<{ readonly rule: string; readonly enabled: boolean; readonly how: string }>;
  readonly seconds: number;
  /** where the time went, in seconds: the reading, the exploration of the mining universe, mining, Houdini (inference), the rules' non-vacuity, the properties (checking) */
  readonly phases: Readonly<Record<'reading' | 'explore' | 'mine' | 'houdini' | 'rules' | 'properties', number>>;
}

export interface AllSizesOptions {
  readonly timeoutSeconds?: number;
  readonly smtOut?: string;
  /** the finite universe the candidates are mined on and violations searched in (default small) */
  readonly mineOn?: Universe;
  /** literals per mined clause (default 3, of which one about the principal's kind, on one patient; 2 and the guard FileOf(f,p), patient-sorted; any when given) */
  readonly maxLits?: number;
  /** replace the rule set (seeded-fault tests) */
  readonly rules?: readonly Rule[];
  /** the hand lemmas offered (default: those of the profile, model/lemmas.ts); a test withholds one to see mining find what it says */
  readonly lemmas?: readonly Lemma[];
  /** the hand lemmas, shape and property clauses alone, no mined clauses (what the lemmas prove by themselves) */
  readonly noMining?: boolean;
  /** the patient-sorted reading (any number of patients, two or more); its finite universe is two-patients */
  readonly patients?: boolean;
}

const refutes = (t: Trace) => {
  const ids = new Set<string>();
  for (const s of t.steps) for (const v of Object.values(s.binding)) ids.add(v);
  return `this finite trace is a counterexample in every universe that contains its ids (${[...ids].sort().join(', ') || 'the owner only'}): ids it does not name change nothing`;
};

/** States the first, bounded exploration of the finite universe visits (most configurations of `small` have fewer). */
const FIRST_STATES = 4000;
/** States the exploration of two-patients may go to for the patient-sorted reading (its adversarial graphs have millions). */
const PATIENT_STATES = 60_000;

/** Markings of two-patients the patient-sorted reading mines on: the first, breadth-first, that the first run stored. */
const MINE_STATES = FIRST_STATES;
/** Literals per clause of the patient-sorted template, FileOf(f,p) not counted. */
const PATIENT_LITS = 2;

function* firstMarkings(store: MarkingStore, n: number): Generator<Marking> {
  for (let k = 0; k < Math.min(n, store.size); k++) yield store.view(k);
}

/** The catalogue properties `props` on configuration `cfg`, for every size. */
export async function checkAllSizes(cfg: NetConfig, props: readonly Property[], o: AllSizesOptions = {}): Promise<{ results: AllSizesResult[]; invariant: ConfigInvariant; kept: readonly Candidate[]; records: readonly QueryRecord[] }> {
  const t0 = performance.now();
  const phases = { reading: 0, explore: 0, mine: 0, houdini: 0, rules: 0, properties: 0 };
  let tp = t0;
  const lap = (k: keyof typeof phases) => { const t = performance.now(); phases[k] += (t - tp) / 1000; tp = t; };
  const patients = o.patients ?? false;
  const R = readingOf(cfg, o.rules, { patients });
  const U = o.mineOn ?? (patients ? universeByName('two-patients') : small);
  const covers = allSizesScope(patients);
  const net = buildNet(U, cfg, { rules: o.rules });
  let states = 0;
  const records: QueryRecord[] = [];
  const ctx: Ctx = { R, label: `${configName(cfg).replace(/\//g, '.')}${patients ? '.patients' : ''}`, timeoutSeconds: o.timeoutSeconds ?? 60, smtOut: o.smtOut, records };
  const cands: Candidate[] = [];
  const add = (key: string, f: Candidate['f'], source: string) => cands.push({ key, f, source, rels: relsOf(f) });
  shapeClauses(R.sig, patients).forEach((c, k) => add(`shape#${k}`, clauseF(c), 'shape: two principal positions of one relation coincide'));
  for (const l of o.lemmas ?? lemmasFor(cfg.profile)) {
    const S = new Symbols(R.patients);
    const Us = symbolicUniverse(S);
    conjuncts(l.statement(Us)).forEach((p, k) => add(`lemma:${l.id}#${k}`, closeForall(liftProp(p, { R, S, U: Us }), S), `hand lemma ${l.id}: ${l.reason}`));
  }
  const clausesOf = new Map<string, string[]>();
  // a statement the symbolic universe reads as having no instance, where the finite net has some:
  // the reading did not read it (e.g. users compared across two reads), which is no proof
  const unread = new Map<string, string>();
  for (const p of props.filter((x) => x.kind === 'invariant')) {
    const Sp = new Symbols(R.patients);
    const read = p.statement(symbolicNet(R, Sp, symbolicUniverse(Sp)));
    if (read.t === 'const' && read.v && p.statement(net).t !== 'const')
      unread.set(p.id, `the ${patients ? 'patient-sorted' : 'one-patient'} reading finds no instance of the statement, which has instances on ${U.name}: not read (a comparison of ids across two reads of a list, which a symbolic list does not identify)`);
  }
  for (const p of props.filter((x) => x.kind === 'invariant' && !unread.has(x.id))) {
    const keys: string[] = [];
    propertyClauses(R, p).forEach((c, k) => { add(`${p.id}#${k}`, c.f, `${p.id}, clause ${k + 1}`); keys.push(`${p.id}#${k}`); });
    clausesOf.set(p.id, keys);
  }
  // first the hand lemmas and shape clauses alone (few candidates, fast); the mined clauses join
  // when a property they could help is neither proved nor violated on the finite universe
  lap('reading');
  let h = await houdini(ctx, cands);
  lap('houdini');
  // the finite verdicts on the mining universe, the runs meeting each premise and the rules fired,
  // in one exploration: breadth-first, so its traces are shortest; bounded first, since what the
  // proofs need (a premise met, a rule fired) is near M0, and exhaustive when a verdict needs it
  const first = exploreGraph(net, props, { maxStates: FIRST_STATES });
  const firstRun = first.result;
  let finiteRun = firstRun;
  const finiteOf = new Map(props.map((p, k) => [p.id, firstRun.verdicts[k]] as const));
  // The longer run (exhaustive, or to PATIENT_STATES) explores the same states whichever properties
  // it evaluates, and breadth-first, so what the first run found (a trace, a premise met) it finds
  // again at the same state. It evaluates only what a question may still need: not a property whose
  // trace and premise the first run found, nor an invariant Houdini proved whose premise the first
  // run met or the explorer does not have (all a proved invariant is asked is its premise run).
  const hasPremise = (p: Property) => premiseOf(p, net) !== undefined;
  const settledFirst = (p: Property) => {
    const v = finiteOf.get(p.id)!;
    return (v.verdict.kind === 'violated' || v.verdict.kind === 'witness') && (v.premise !== undefined || !hasPremise(p));
  };
  const provedFirst = (p: Property) => {
    const keys = clausesOf.get(p.id);
    return keys !== undefined && keys.every((k) => h.kept.some((c) => c.key === k)) && (finiteOf.get(p.id)!.premise !== undefined || !hasPremise(p));
  };
  // a step property whose premise the first run met: what it may be asked later is its trace, only
  // when a lifted firing breaks it (rare; then a run of its own), so the longer run, which would
  // evaluate it at every edge, leaves it out
  const stepPremiseFirst = (p: Property) => p.kind === 'step' && (finiteOf.get(p.id)!.premise !== undefined || !hasPremise(p));
  /** the properties the longer run evaluated (undefined: it has not run) */
  let longer: Set<string> | undefined;
  const exploreLonger = (ps: readonly Property[]) => {
    const e0 = performance.now();
    const run = explore(net, ps, patients ? { maxStates: PATIENT_STATES } : {});
    ps.forEach((p, k) => finiteOf.set(p.id, run.verdicts[k]));
    finiteRun = run;
    states = run.states;
    longer = new Set([...(longer ?? []), ...ps.map((p) => p.id)]);
    phases.explore += (performance.now() - e0) / 1000;
    tp += performance.now() - e0;
  };
  // once: a run cut by PATIENT_STATES is not complete either, and running it again finds the same
  const exhaustive = (p: Property, question: 'trace' | 'premise') => {
    if (firstRun.complete) return;
    if (!longer) exploreLonger(props.filter((x) => x === p || (!settledFirst(x) && !provedFirst(x) && !stepPremiseFirst(x))));
    // a property left out of the longer run: its premise run is the first run's (met there, or the
    // explorer has none); anything else asked of it is asked of a run of its own
    else if (!longer.has(p.id) && !(question === 'premise' && (provedFirst(p) || stepPremiseFirst(p)))) exploreLonger([p]);
  };
  /** the finite verdict of p; `settles` says whether a bounded one is enough (else the exploration goes on to the end) */
  const finiteVerdict = (p: Property, question: 'trace' | 'premise', settles: (v: (typeof firstRun.verdicts)[number]) => boolean) => {
    if (!settles(finiteOf.get(p.id)!)) exhaustive(p, question);
    if (question === 'trace' && !settles(finiteOf.get(p.id)!)) tryWalks(p);
    return finiteOf.get(p.id)!;
  };
  // a trace the bounded exploration did not reach (two-patients: a user reading a file lies
  // deeper than its bound in some configurations) may lie on a seeded random walk, shortened
  // (model/walk-traces.ts); a walk that finds nothing concludes nothing
  const walked = new Map<string, number>();
  const tried = new Set<string>();
  const tryWalks = (p: Property) => {
    const kind = finiteOf.get(p.id)!.verdict.kind;
    if (tried.has(p.id) || (kind !== 'holds-within-bounds' && kind !== 'no-witness-within-bounds')) return;
    tried.add(p.id);
    const [w] = walkTraces(net, [p]);
    if (!w) return;
    finiteOf.set(p.id, { ...finiteOf.get(p.id)!, verdict: { kind: w.kind, trace: w.trace } });
    walked.set(p.id, w.walked);
  };
  /** how the finite trace of p was found */
  const foundBy = (p: Property, trace: Trace) => {
    const n = walked.get(p.id);
    return n === undefined ? `explorer on ${U.name}` : `seeded random walks on ${U.name} (the breadth-first exploration stopped at its bound first): a walk of ${n} firings, shortened to ${trace.steps.length}`;
  };
  states = finiteRun.states;
  const finiteViolation = (p: Property) => finiteVerdict(p, 'trace', (v) => v.verdict.kind === 'violated').verdict.kind === 'violated';
  lap('explore');
  const open = [...clausesOf].filter(([id, keys]) => !keys.some((k) => h.outside.has(k)) && !keys.every((k) => h.kept.some((c) => c.key === k)) && !finiteViolation(props.find((p) => p.id === id)!));
  let stage = 'hand lemmas and shape clauses';
  if (open.length && !o.noMining) {
    // one patient: every reachable marking of small; patient-sorted: the first markings of
    // two-patients breadth-first, those the first run visited, and the seeded random walks of
    // model/walks.ts (the trace search's too), which go deeper (its adversarial graphs have millions of markings; a mined clause is only a
    // candidate, which Houdini checks)
    const sample = patients ? [...firstMarkings(first.graph.store, MINE_STATES), ...sampleMarkings(net)] : reachable(net).states;
    // the patient-sorted reading's exploration is bounded: a property some marking of the sample
    // violates has no inductive invariant, mined or not (on small the exploration was exhaustive)
    const provable = !patients ? open : open.filter(([id]) => {
      const stmt = props.find((p) => p.id === id)!.statement(net);
      return sample.every((m) => evaluate(net, stmt, m));
    });
    if (provable.length) {
      // the patient-sorted template, bounded (README "A patient-sorted reading", Mining): two
      // literals, and only the clauses about a patient's own files, guarded by FileOf(f,p)
      const lits = o.maxLits ?? (patients ? PATIENT_LITS : 3);
      mine(net, sample, R.sig, lits, o.maxLits === undefined, patients).filter((c) => !patients || o.maxLits !== undefined || guarded(c)).forEach((c, k) => add(`mined#${k}`, clauseF(c), `mined on ${U.name}`));
      lap('mine');
      // the first run's invariant is part of this one's (houdini.ts): assumed, not asked again
      h = await houdini(ctx, cands, new Set(h.kept.map((c) => c.key)));
      lap('houdini');
      stage = `with clauses mined on ${U.name}, for ${provable.map(([id]) => id).join(', ')}`;
    } else lap('mine');
  }
  const keptKeys = new Set(h.kept.map((c) => c.key));
  const invariantText = h.kept.map((c) => ({ clause: show(c.f), source: c.source }));

  // non-vacuity: each rule has a case enabled in some state of the invariant. One context: the
  // invariant once, then per rule (push) "some case's guard holds" (check-sat) (pop); a case's
  // parameters are ∃-bound with their kinds, so the cases of all rules share the context.
  const enabledQ = invariantQuery(ctx, `${ctx.label}/enabled`, h.kept);
  const enabledGoal = (c: (typeof R.cases)[number]) =>
    exists(c.consts.map((k) => [k.id, k.sort] as const), conj(...caseFacts(c).map((x) => x.f), guardOf(R, c)));
  // a rule fired on the finite universe fired in a reachable state, which satisfies the invariant
  // (it holds in every reachable state of every universe): a finite witness; Z3 is asked for the rest
  const fired = new Set(Object.keys(finiteRun.fired).map((id) => net.byId.get(id)!.rule.name));
  // a rule the symbolic universe grounds no case of (a lifecycle part left off, as on the default
  // universes) is not in the lifted net: nothing to show enabled
  const lifted = R.rules.filter((r) => R.cases.some((c) => c.rule.name === r.name));
  const firedOnFinite = lifted.filter((r) => fired.has(r.name)).map((r) => r.name);
  const askZ3 = lifted.filter((r) => !fired.has(r.name));
  const enabledAnswers = !askZ3.length ? [] : await run(enabledQ, { timeoutSeconds: ctx.timeoutSeconds, smtOut: ctx.smtOut, header: 'non-vacuity of the rules: the invariant ∧ the guard of some case of each rule, one (check-sat) a rule, in rule order (sat: the rule can fire)', records },
    askZ3.map((rule) => disj(...R.cases.filter((x) => x.rule.name === rule.name).map(enabledGoal))));
  const nonVacuity = [...firedOnFinite.map((rule) => ({ rule, enabled: true, how: `fired on ${U.name}` })), ...askZ3.map((rule, k) => ({ rule: rule.name, enabled: enabledAnswers[k] === 'sat', how: 'Z3: the invariant and its guard' }))]
    .sort((a, b) => R.rules.findIndex((r) => r.name === a.rule) - R.rules.findIndex((r) => r.name === b.rule));
  lap('rules');
  const shared = (performance.now() - t0) / 1000;

  const results: AllSizesResult[] = [];
  // the step properties' queries all start with the axioms and the invariant: one context holds
  // them, each query in its own (push)/(pop), each still written whole (query.ts SharedContext)
  const stepContext = new SharedContext(invariantQuery(ctx, `${ctx.label}/invariant`, h.kept), ctx.timeoutSeconds, R.cases.length * props.filter((p) => p.kind === 'step').length);
  for (const p of props) {
    const p0 = performance.now();
    const done = (verdict: AllSizesVerdict, how: string) =>
      results.push({ property: p.id, profile: cfg.profile, variant: cfg.variant, policy: cfg.policy, ...(cfg.modules?.length ? { modules: cfg.modules } : {}), ...(patients && { patients: true as const }), verdict, how, seconds: (performance.now() - p0) / 1000 });
    const finite = () => finiteVerdict(p, 'trace', (v) => v.verdict.kind === 'violated' || v.verdict.kind === 'witness').verdict;
    /** proved for every size: with its premise's finite witness, or vacuous */
    const proved = async (clauses: string[], how: string) => {
      const nv = await premiseWitness(ctx, p, h.kept, U.name, () => finiteVerdict(p, 'premise', (v) => v.premise !== undefined).premise);
      if (nv?.kind === 'vacuous') done({ kind: 'vacuous', clauses, covers, why: nv.why }, `${how}; premise: ${nv.why}`);
      else if (nv?.kind === 'unknown') done({ kind: 'not-proved', why: `the invariant implies it, but whether its premise can be met is not known: ${nv.why}` }, how);
      else done({ kind: 'proved-all-sizes', clauses, covers, ...(nv ? { premise: nv } : {}) }, nv ? `${how}; premise: ${nv.text}` : how);
    };
    if (p.kind === 'reachable') {
      const v = finite();
      if (v.kind === 'witness') done({ kind: 'witness', universe: U.name, trace: v.trace, note: `a witness on ${U.name}; ${refutes(v.trace).replace('a counterexample', 'a witness')}` }, foundBy(p, v.trace));
      else done({ kind: 'not-proved', why: `no witness on ${U.name}; reachability is decided on finite universes only (the explorer and BMC)` }, `explorer on ${U.name}`);
      continue;
    }
    if (p.kind === 'invariant') {
      const why = unread.get(p.id);
      if (why) { done({ kind: 'not-proved', why }, 'reading'); continue; }
      const keys = clausesOf.get(p.id)!;
      const out = keys.find((k) => h.outside.has(k));
      if (out) { done({ kind: 'outside-fragment', why: h.outside.get(out)! }, 'fragment check'); continue; }
      if (keys.every((k) => keptKeys.has(k))) {
        await proved(keys.map((k) => show(cands.find((c) => c.key === k)!.f)), `inductive invariant of ${h.kept.length} clauses (Houdini over ${cands.length} candidates: ${stage}; shared by the configuration: ${shared.toFixed(1)} s)`);
        continue;
      }
      const v = finite();
      if (v.kind === 'violated') { done({ kind: 'violated', universe: U.name, trace: v.trace, note: refutes(v.trace) }, foundBy(p, v.trace)); continue; }
      const lost = keys.find((k) => !keptKeys.has(k))!;
      const where = h.dropped.get(lost);
      const c = R.cases.find((x) => caseLabel(x) === where);
      const cti = c ? await smallestCti(ctx, h.kept, cands.find((x) => x.key === lost)!, c) : undefined;
      done({ kind: 'not-proved', why: where === 'M0' ? 'a clause fails in M0' : `no inductive invariant among the candidates: the property's clause ${lost.split('#')[1]} is broken by ${where ?? 'a firing'} from a state of the invariant${h.timeouts ? ` (${h.timeouts} checks reached the time limit)` : ''}`, ...(cti ? { cti } : {}) }, 'Houdini');
      continue;
    }
    // step property: no lifted firing from a state of the invariant breaks it
    let broken: string | undefined;
    let outside: string | undefined;
    for (const c of R.cases) {
      const stmt = p.statement(symbolicNet(R, c.S, c.U, c));
      const goals = conjuncts(stmt).map((x) => closeForall(liftProp(x, { R, S: c.S, U: c.U, writes: c.writes, fired: c.id }), c.S)).filter((f) => !(f.t === 'const' && f.v));
      if (!goals.length) continue;
      const q = caseQuery(ctx, c, `${ctx.label}/step.${p.id}.${caseFileName(R, c)}`, h.kept);
      try {
        const answers = await stepContext.ask(q, { timeoutSeconds: ctx.timeoutSeconds, smtOut: ctx.smtOut, header: `step property ${p.id}: the invariant ∧ firing ${c.id} (${c.what || 'one case'}) ⇒ each clause (sat: it breaks)`, records }, goals.map((g, k) => skolemNeg(g, q, `s${k}`)));
        if (answers.some((a) => a !== 'unsat')) { broken = c.id; break; }
      } catch (e) {
        if (!(e instanceof OutsideFragment)) throw e;
        outside = e.message;
        break;
      }
    }
    if (outside) done({ kind: 'outside-fragment', why: outside }, 'fragment check');
    else if (!broken) await proved([`every firing of every rule, from any state of the invariant, keeps ${p.id}`], `one step from the invariant (${h.kept.length} clauses), per lifted transition`);
    else {
      const v = finite();
      if (v.kind === 'violated') done({ kind: 'violated', universe: U.name, trace: v.trace, note: refutes(v.trace) }, foundBy(p, v.trace));
      else done({ kind: 'not-proved', why: `a firing of ${broken} from a state of the invariant breaks it` }, 'step check');
    }
  }
  stepContext.close();
  lap('properties');
  return {
    results, kept: h.kept, records,
    invariant: { config: `${configName(cfg)}${patients ? ' (patient-sorted reading)' : ''}`, invariant: invariantText, candidates: cands.length, states, queries: records.length, nonVacuity, seconds: (performance.now() - t0) / 1000, phases },
  };
}
