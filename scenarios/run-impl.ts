// Running a scenario on the real implementation: the exact events the model run chose are applied
// through the conformance adapter to real parties (real keys, pairings, AES-GCM); expectations are
// checked on the bytes each party or coalition actually holds, read by the conformance oracle's
// reader (every key the holdings yield, tried on every ciphertext held): one reader of bytes.
import { applyEvent } from '../conformance/adapter.js';
import { GroupCache } from '../conformance/cache.js';
import { implReadable } from '../conformance/reader.js';
import { implKnows } from '../conformance/knows.js';
import { type Makers, HONEST, createWorld, holdingsOf } from '../conformance/world.js';
import { checkExpectations, type World as ExpectWorld } from './expectations.js';
import type { LoadedScenario } from './load.js';
import { verbOf } from './schema.js';
import type { ModelRun, StepOutcome } from './run-model.js';

export interface ImplRun {
  readonly expectations: readonly StepOutcome[];
  /** events the implementation did not perform as the model did (each one a conformance failure) */
  readonly divergences: readonly string[];
  readonly ok: boolean;
}

/** `make`: the parties' constructors (a seeded fault replaces one, as in the mutation score). */
export function runOnImpl(s: LoadedScenario, model: ModelRun, seed = 'scenario', make: Makers = HONEST): ImplRun {
  const w = createWorld(s.net.U, s.net.cfg, `${seed}/${s.spec.name}`, make);
  const cache = new GroupCache();
  const lastRequest = new Map<string, 'granted' | 'refused'>();
  const lastChallenge = new Map<string, 'detected' | 'intact'>();
  const world: ExpectWorld = {
    lastChallenge: (f, i) => lastChallenge.get(`${f}|${i}`),
    // the SRS's actual log: an r-granted entry naming this user, file and partition
    logged: (u, f, i) => (w.audit?.text() ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l)).some((e) => e.event === 'r-granted' && e.actor === u && e.file === f && e.label === i),
    // readable: the exact plaintext of (f,i) came out (implReadable compares the bytes)
    canRead: (parties, f, i) =>
      implReadable(w, parties.flatMap((p) => holdingsOf(w, p)), cache).reads.some((r) => r.file === f && r.partition === i && r.readable),
    lastRequest: (u, f, i) => lastRequest.get(`${u}|${f}|${i}`),
    knows: (parties, token) => implKnows(w, parties, token, cache),
  };
  const divergences: string[] = [];
  const expectations: StepOutcome[] = [];
  let next = 0;
  s.spec.steps.forEach((step, k) => {
    // the model's run ended at a step it was expected to refuse but enables: so does this one
    if (model.stoppedAt !== undefined && k + 1 >= model.stoppedAt) return;
    for (; next < model.events.length && model.events[next].step === k + 1; next++) {
      const { event, transition } = model.events[next];
      const a = applyEvent(w, event);
      if (!a.accepted || a.exact === false)
        divergences.push(`step ${k + 1}: model fired ${transition}; implementation ${a.accepted ? 'returned different bytes' : `did not (${a.code ?? 'error'}: ${a.reason ?? ''})`}`);
      if (event.type === 'D_R_S' || event.type === 'D_R_F') {
        // What the implementation actually did, whether or not it matched the model.
        const granted = (event.type === 'D_R_S') === a.accepted;
        lastRequest.set(`${event.u}|${event.f}|${event.i}`, granted ? 'granted' : 'refused');
      }
      if (event.type === 'TPA_Challenge_S' || event.type === 'TPA_Challenge_F') {
        const detected = (event.type === 'TPA_Challenge_F') === a.accepted;
        lastChallenge.set(`${event.f}|${event.i}`, detected ? 'detected' : 'intact');
      }
    }
    if ('expect' in step) expectations.push({ step: k + 1, line: s.stepLines[k], results: checkExpectations(world, step.expect) });
    const refused = model.refusals.find((r) => r.step === k + 1);
    if (refused && refused.evidence) {
      // The model refused it: the implementation must refuse it too, with the same code (the
      // model's reasons are named by the implementation's codes, as conformance compares them).
      const a = applyEvent(w, refused.event);
      const actual = a.accepted ? 'accepted' : `refused (${a.code}${a.reason ? `: ${a.reason}` : ''})`;
      expectations.push({ step: k + 1, line: s.stepLines[k], results: [{ what: `${refused.transition} (${verbOf(step)})`, expected: `refused (${refused.expected})`, actual, ok: !a.accepted && a.code === refused.expected }] });
      if (a.accepted) divergences.push(`step ${k + 1}: the model refuses ${refused.transition}; the implementation performed it`);
    }
  });
  return { expectations, divergences, ok: divergences.length === 0 && expectations.every((x) => x.results.every((r) => r.ok)) };
}
