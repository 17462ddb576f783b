// One conformance run: the model's marking and the real world side by side. `send` delivers one
// event to both: if the model's guard is true, both must take the step and the oracle checks the
// new state; if it is false, the implementation must refuse (or, for a once-only guard such as
// "not already downloaded", repeat the step without changing any party's token names or the
// SRS's control state).
import { type Marking, fire, m0Of } from '../model/marking.js';
import { type NetEvent, transitionOf } from '../model/machine.js';
import type { GroundTransition, Net } from '../model/net.js';
import { isRequest, stepRefusal } from '../model/step-refusal.js';
import { applyEvent, type ImplAnswer } from './adapter.js';
import { GroupCache } from './cache.js';
import { type Coalition, coalitionsOf } from './coalitions.js';
import { DEVIATIONS, expectationOf, grantedSibling } from './expected.js';
import { type Finding, type Mismatch, checkState } from './oracle.js';
import { HONEST, type Makers, type World, createWorld, holdingsOf, partiesOf } from './world.js';

export interface RunOptions {
  /** seed of every party's randomness (keys, r, nonces) and of the plaintexts */
  readonly seed: string;
  /** replace party constructors (seeded faults) */
  readonly make?: Makers;
  /** share group-operation results across runs of the same seed */
  readonly cache?: GroupCache;
  /** check every coalition after every step (default true); false: only after the last */
  readonly checkEveryStep?: boolean;
  readonly coalitions?: readonly Coalition[];
  /** called for each step sent, with what was observed (coverage hooks) */
  readonly onStep?: (s: StepObservation) => void;
  /** bound of each coalition's route search per state (limits.ts maxRouteAttempts) */
  readonly maxRouteAttempts?: number;
}

export interface StepObservation {
  readonly net: Net;
  readonly t: GroundTransition;
  readonly before: Marking;
  readonly after: Marking;
  readonly enabled: boolean;
  readonly answer: ImplAnswer;
  /** the model's predicted refusal code for an R request */
  readonly refusal?: string;
  /** disabled, accepted and no party's token names changed */
  readonly repeat: boolean;
  readonly agreed: boolean;
}

export interface Run {
  readonly net: Net;
  readonly world: World;
  readonly cache: GroupCache;
  readonly name: string;
  marking: Marking;
  step: number;
  checks: number;
  readonly mismatches: Mismatch[];
  /** (coalition, file, partition) both sides agree is readable, with the impl's route */
  reads: ReadonlyArray<{ coalition: string; file: string; partition: string; route?: string }>;
  readonly opts: RunOptions;
  readonly coalitions: readonly Coalition[];
  /** documented deviations met (expected.ts DEVIATIONS); after one, the run stops checking */
  readonly deviations: Array<{ id: string; path: string; step: number; event: string }>;
  /** the largest route search one coalition needed in one state of this run */
  routeAttempts: number;
  /** state checks in which some coalition's route search stopped at the bound */
  readonly routeStops: Array<{ step: number; coalitions: string[] }>;
}

export function startRun(net: Net, name: string, opts: RunOptions): Run {
  const world = createWorld(net.U, net.cfg, opts.seed, opts.make ?? HONEST);
  const run: Run = {
    net, world, name, cache: opts.cache ?? new GroupCache(), marking: m0Of(net), step: 0, checks: 0,
    mismatches: [], reads: [], deviations: [], opts, coalitions: opts.coalitions ?? coalitionsOf(net.U, net.cfg),
    routeAttempts: 0, routeStops: [],
  };
  check(run, undefined);
  return run;
}

function record(run: Run, fs: readonly Finding[], event?: string): void {
  for (const f of fs) run.mismatches.push({ ...f, path: run.name, step: run.step, event });
}

/** Runs the oracle on the current state. */
export function check(run: Run, event?: string): void {
  const r = checkState(run.net, run.marking, run.world, run.cache, run.coalitions, run.opts.maxRouteAttempts);
  run.checks += r.checks;
  run.routeAttempts = Math.max(run.routeAttempts, r.routeAttempts);
  if (r.routeStopped.length) run.routeStops.push({ step: run.step, coalitions: r.routeStopped });
  run.reads = r.reads;
  record(run, r.findings, event);
}

/** What a repeat must leave unchanged: every party's token names and the SRS's control state
 *  (registrations, ACL, revocations, uploads), the clock excepted: the SRS ticks on any event. */
function observable(w: World): string {
  const names = partiesOf(w.U, w.cfg).map((p) => holdingsOf(w, p).map((h) => h.token).sort().join(' ')).join(' | ');
  const { clock: _clock, held: _held, ...control } = JSON.parse(w.srs.stateDigest()) as Record<string, unknown>;
  return names + ' || ' + JSON.stringify(control);
}

/** Sends one event to model and implementation; returns whether both agreed. */
export function send(run: Run, e: NetEvent, opts: { final?: boolean } = {}): StepObservation {
  const { net } = run;
  const t = transitionOf(net, e);
  if (!t) throw new Error(`the net has no transition for ${JSON.stringify(e)}`);
  run.step++;
  const exp = expectationOf(net, run.marking, t);
  const before = run.marking;
  const namesBefore = exp.enabled ? '' : observable(run.world);
  const answer = applyEvent(run.world, e);
  const fs: Finding[] = [];
  const who = t.binding.u ?? t.binding.x ?? t.binding.o ?? t.binding.p;
  let repeat = false;
  let sibling: GroundTransition | undefined;
  let deviation: string | undefined;
  if (answer.crashed) fs.push({ kind: 'crash', party: who, model: exp.enabled ? 'enabled' : 'disabled', impl: `threw ${answer.reason}` });
  else if (exp.enabled) {
    if (!answer.accepted) fs.push({ kind: 'answer', party: who, model: `${t.id} enabled${exp.refusal ? ` (refusal ${exp.refusal})` : ''}`, impl: `refused ${answer.code}: ${answer.reason}` });
    else if (exp.refusal && answer.code !== exp.refusal) fs.push({ kind: 'answer', party: who, model: `refused for ${exp.refusal}`, impl: `refused for ${answer.code}` });
    if (answer.exact === false) fs.push({ kind: 'plaintext', party: who, file: t.binding.f, partition: t.binding.i, model: 'Decrypt_ri yields PHR exactly', impl: 'decrypt returned other bytes' });
  } else if (answer.code === 'GRANTED' && (sibling = grantedSibling(net, run.marking, t))) {
    // The request D_R_F names was granted, which is exactly the model's D_R_S here.
  } else if (answer.accepted) {
    // A disabled event the implementation performs is fine only as a repeat that changes no
    // party's token names (the model's once-only guards), or as a documented deviation.
    repeat = observable(run.world) === namesBefore;
    deviation = repeat ? undefined : DEVIATIONS.find((d) => d.applies(net, run.marking, t))?.id;
    if (deviation) run.deviations.push({ id: deviation, path: run.name, step: run.step, event: t.id });
    else if (!repeat) fs.push({ kind: 'answer', party: who, model: `${t.id} disabled`, impl: 'accepted, and holdings or SRS control state changed' });
  } else if (exp.refusal && answer.code !== exp.refusal && t.rule.name === 'D_R_S') {
    fs.push({ kind: 'answer', party: who, model: `refused for ${exp.refusal}`, impl: `refused for ${answer.code}` });
  } else if (!exp.refusal && !isRequest(t)) {
    const why = stepRefusal(net, run.marking, t);
    if (why && answer.code !== why.reason) fs.push({ kind: 'answer', party: who, model: `refused for ${why.reason} (${why.detail})`, impl: `refused for ${answer.code}` });
  }
  if (exp.enabled) run.marking = exp.next!;
  else if (sibling) run.marking = fire(net, sibling, run.marking);
  record(run, fs, t.id);
  const checking = run.deviations.length === 0;
  if (checking && (run.opts.checkEveryStep !== false || opts.final)) check(run, t.id);
  const obs: StepObservation = { net, t, before, after: run.marking, enabled: exp.enabled, answer, refusal: exp.refusal, repeat, agreed: fs.length === 0 };
  run.opts.onStep?.(obs);
  return obs;
}

/** Runs a whole event sequence; the last event may be a disabled probe. */
export function runEvents(net: Net, name: string, events: readonly NetEvent[], opts: RunOptions): Run {
  const run = startRun(net, name, opts);
  events.forEach((e, k) => send(run, e, { final: k === events.length - 1 }));
  return run;
}
