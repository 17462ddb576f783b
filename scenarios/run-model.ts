// Running a scenario on the model: expand each verb against the marking, fire through the XState
// machine (so a step the machine refuses fails here exactly as in any replay), and check the
// expectations with the knowledge closure.
import { createActor } from 'xstate';
import { closure, readable } from '../model/knowledge.js';
import { createNetMachine, transitionOf, type NetEvent } from '../model/machine.js';
import { has, heldBy, isEnabled, type Marking } from '../model/marking.js';
import type { Net } from '../model/net.js';
import type { Prop } from '../model/prop.js';
import { stepRefusal } from '../model/step-refusal.js';
import { Logged } from '../model/terms.js';
import { expandStep, StepError } from './expand.js';
import { lifecycleHint, rejoinHint } from './lifecycle-hint.js';
import { checkExpectations, type ExpectationResult, type World } from './expectations.js';
import type { LoadedScenario } from './load.js';
import { verbOf } from './schema.js';

export interface ExecutedEvent {
  readonly step: number;
  readonly event: NetEvent;
  readonly transition: string;
}

export interface StepOutcome {
  readonly step: number;
  readonly line: number;
  readonly results: readonly ExpectationResult[];
}

/** A step the scenario expects to be refused: the event it names, tried where it stands. */
export interface RefusedStep {
  readonly step: number;
  readonly line: number;
  readonly event: NetEvent;
  readonly transition: string;
  /** the reason the scenario expects */
  readonly expected: string;
  /** the model's reason (undefined: the model enables it) */
  readonly reason?: string;
  /** events fired before it */
  readonly after: number;
  /** the model's formula that fixes its reason here (model/step-refusal.ts); undefined if the model enables it */
  readonly evidence?: Prop;
}

export interface ModelRun {
  readonly events: readonly ExecutedEvent[];
  readonly expectations: readonly StepOutcome[];
  readonly refusals: readonly RefusedStep[];
  /** a step expected to be refused that the model enables ends the run there (its outcome says so) */
  readonly stoppedAt?: number;
  readonly ok: boolean;
}

export class ScenarioRunError extends Error {}

const requestKey = (u: string, f: string, i: string) => `${u}|${f}|${i}`;

export function runOnModel(s: LoadedScenario): ModelRun {
  const { net, spec } = s;
  const actor = createActor(createNetMachine(net)).start();
  const marking = (): Marking => actor.getSnapshot().context.marking;
  const lastRequest = new Map<string, 'granted' | 'refused'>();
  const lastChallenge = new Map<string, 'detected' | 'intact'>();
  const world: World = {
    canRead: (parties, f, i) => readable(net.U, heldBy(net, marking(), parties)).some((x) => x.file === f && x.partition === i),
    lastRequest: (u, f, i) => lastRequest.get(requestKey(u, f, i)),
    lastChallenge: (f, i) => lastChallenge.get(`${f}|${i}`),
    logged: (u, f, i) => has(net, marking(), Logged(`D_R_S(${u},${f},${i})`)),
    knows: (parties, token) => closure(net.U, heldBy(net, marking(), parties)).has(token),
  };
  const events: ExecutedEvent[] = [];
  const expectations: StepOutcome[] = [];
  const refusals: RefusedStep[] = [];
  let stoppedAt: number | undefined;
  spec.steps.forEach((step, k) => {
    if (stoppedAt !== undefined) return;
    const where = `${s.file}:${s.stepLines[k]}: step ${k + 1} (${verbOf(step)})`;
    if ('expect' in step) {
      expectations.push({ step: k + 1, line: s.stepLines[k], results: checkExpectations(world, step.expect) });
      return;
    }
    let plan;
    try {
      plan = expandStep(net, step, step.refused !== undefined);
    } catch (e) {
      throw new ScenarioRunError(`${where}: ${(e as Error).message}`);
    }
    if (step.refused !== undefined) {
      // The step's first event must be refused, for the reason given; nothing of the step fires.
      let e: NetEvent | null = null;
      try {
        for (const decide of plan) if ((e = decide(marking()))) break;
      } catch (err) {
        throw new ScenarioRunError(`${where}: ${(err as Error).message}`);
      }
      if (!e) throw new ScenarioRunError(`${where}: the step names no event here, so nothing can be refused`);
      const t = transitionOf(net, e);
      if (!t) throw new ScenarioRunError(`${where}: the net has no transition ${JSON.stringify(e)} in universe '${net.U.name}', profile '${net.cfg.profile}'${hintOf(net, e)}`);
      const r = stepRefusal(net, marking(), t);
      const actual = r ? `refused (${r.reason}: ${r.detail})` : `enabled: the model fires ${t.id} here (the run stops at this step)`;
      expectations.push({ step: k + 1, line: s.stepLines[k], results: [{ what: `${t.id} (${verbOf(step)})`, expected: `refused (${step.refused})`, actual, ok: r?.reason === step.refused }] });
      refusals.push({ step: k + 1, line: s.stepLines[k], event: e, transition: t.id, expected: step.refused, reason: r?.reason, after: events.length, evidence: r?.evidence });
      // Past an enabled step the scenario no longer describes the model's run: stop here.
      if (!r) stoppedAt = k + 1;
      return;
    }
    for (const decide of plan) {
      let e: NetEvent | null;
      try {
        e = decide(marking());
      } catch (err) {
        throw new ScenarioRunError(`${where}: ${(err as Error).message}`);
      }
      if (!e) continue;
      const t = transitionOf(net, e);
      if (!t) throw new ScenarioRunError(`${where}: the net has no transition ${JSON.stringify(e)} in universe '${net.U.name}', profile '${net.cfg.profile}'${hintOf(net, e)}`);
      if (!isEnabled(net, t, marking())) {
        const r = stepRefusal(net, marking(), t)!;
        const rejoin = t.rule.name === 'Register' && r.reason === 'DUPLICATE_USER' ? `; if ${t.binding.u} was revoked, ${rejoinHint(net, t.binding.u)}` : '';
        throw new ScenarioRunError(`${where}: ${t.id} is not enabled in the model at this point (${r.reason}: ${r.detail}); to expect that, give the step \`refused: ${r.reason}\`${rejoin}`);
      }
      actor.send(e);
      events.push({ step: k + 1, event: e, transition: t.id });
      if (t.rule.name === 'D_R_S' || t.rule.name === 'D_R_F')
        lastRequest.set(requestKey(t.binding.u, t.binding.f, t.binding.i), t.rule.name === 'D_R_S' ? 'granted' : 'refused');
      if (t.rule.name === 'TPA_Challenge_S' || t.rule.name === 'TPA_Challenge_F')
        lastChallenge.set(`${t.binding.f}|${t.binding.i}`, t.rule.name === 'TPA_Challenge_F' ? 'detected' : 'intact');
    }
  });
  actor.stop();
  return { events, expectations, refusals, stoppedAt, ok: stoppedAt === undefined && expectations.every((x) => x.results.every((r) => r.ok)) };
}

function hintOf(net: Net, e: NetEvent): string {
  const h = lifecycleHint(net, e);
  return h ? `: ${h}` : '';
}
