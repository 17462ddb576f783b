// Running a scenario on the model: expand each verb against the marking, fire through the XState
// machine (so a step the machine refuses fails here exactly as in any replay), and check the
// expectations with the knowledge closure.
import { createActor } from 'xstate';
import { readable } from '../model/knowledge.js';
import { createNetMachine, transitionOf, type NetEvent } from '../model/machine.js';
import { has, heldBy, isEnabled, type Marking } from '../model/marking.js';
import { Logged } from '../model/terms.js';
import { expandStep, StepError } from './expand.js';
import { checkExpectations, type ExpectationResult, type World } from './expectations.js';
import type { LoadedScenario } from './load.js';

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

export interface ModelRun {
  readonly events: readonly ExecutedEvent[];
  readonly expectations: readonly StepOutcome[];
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
  };
  const events: ExecutedEvent[] = [];
  const expectations: StepOutcome[] = [];
  spec.steps.forEach((step, k) => {
    const where = `${s.file}:${s.stepLines[k]}: step ${k + 1} (${Object.keys(step)[0]})`;
    if ('expect' in step) {
      expectations.push({ step: k + 1, line: s.stepLines[k], results: checkExpectations(world, step.expect) });
      return;
    }
    let plan;
    try {
      plan = expandStep(net, step);
    } catch (e) {
      throw new ScenarioRunError(`${where}: ${(e as Error).message}`);
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
      if (!t) throw new ScenarioRunError(`${where}: the net has no transition ${JSON.stringify(e)} in universe '${net.U.name}', profile '${net.cfg.profile}'`);
      if (!isEnabled(net, t, marking())) throw new ScenarioRunError(`${where}: ${t.id} is not enabled in the model at this point`);
      actor.send(e);
      events.push({ step: k + 1, event: e, transition: t.id });
      if (t.rule.name === 'D_R_S' || t.rule.name === 'D_R_F')
        lastRequest.set(requestKey(t.binding.u, t.binding.f, t.binding.i), t.rule.name === 'D_R_S' ? 'granted' : 'refused');
      if (t.rule.name === 'TPA_Challenge_S' || t.rule.name === 'TPA_Challenge_F')
        lastChallenge.set(`${t.binding.f}|${t.binding.i}`, t.rule.name === 'TPA_Challenge_F' ? 'detected' : 'intact');
    }
  });
  actor.stop();
  return { events, expectations, ok: expectations.every((x) => x.results.every((r) => r.ok)) };
}
