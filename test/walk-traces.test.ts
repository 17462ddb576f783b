// Traces by seeded random walks (model/walk-traces.ts), for what the bounded breadth-first
// exploration of two-patients does not reach:
//  - every trace returned is a run of the net (each firing enabled where it fires, by the model's
//    own firing rule) ending in a marking that violates the invariant, or meets the reachability
//    statement, and no single firing can be left out of it with that still so;
//  - nothing is returned for a property that holds on every reachable marking (small, exhaustive);
//  - the all-sizes catalogue gives forward.all-files on two-patients (adversarial) a violation with
//    such a trace, and says it came from the walks.
import { afterAll, describe, expect, it } from 'vitest';
import type { NetConfig } from '../model/config.js';
import { explore } from '../model/explore.js';
import { enabledTransitions, evaluate, fire, m0Of } from '../model/marking.js';
import { buildNet, type Net } from '../model/net.js';
import { propertyById } from '../model/properties.js';
import { walkTraces } from '../model/walk-traces.js';
import type { Trace } from '../model/explore.js';
import { checkAllSizes } from '../smt/all-sizes/check.js';
import { shutdownZ3 } from '../smt/z3.js';
import { small, universeByName } from '../universes/index.js';

afterAll(shutdownZ3);

const twoPatients = universeByName('two-patients');
const ADVERSARIAL: NetConfig = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' };
const EXTENDED: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };

/** The markings of firing the trace's transitions from M0, or the index of the first that is not enabled. */
function replay(net: Net, ids: readonly string[]) {
  let m = m0Of(net);
  const ms = [m];
  for (const [k, id] of ids.entries()) {
    const t = enabledTransitions(net, m).find((x) => x.id === id);
    if (!t) return { failsAt: k, ms };
    m = fire(net, t, m);
    ms.push(m);
  }
  return { ms };
}

function checkTrace(net: Net, id: string, trace: Trace) {
  const p = propertyById(id)!;
  const stmt = p.statement(net);
  const meets = (m: Parameters<typeof evaluate>[2]) => (p.kind === 'invariant' ? !evaluate(net, stmt, m) : evaluate(net, stmt, m));
  const ids = trace.steps.map((s) => s.transition);
  const { failsAt, ms } = replay(net, ids);
  expect(failsAt, `${id}: step ${failsAt} of the trace is not enabled`).toBeUndefined();
  expect(meets(ms[ms.length - 1]), `${id}: the trace's last marking`).toBe(true);
  // shortest in the sense the search promises: no single firing can go
  for (let k = 0; k < ids.length; k++) {
    const r = replay(net, [...ids.slice(0, k), ...ids.slice(k + 1)]);
    expect(r.failsAt !== undefined || !r.ms.some(meets), `${id}: firing ${k} (${ids[k]}) could be left out`).toBe(true);
  }
}

describe('traces by random walks', () => {
  it('two-patients: forward.all-files (adversarial) and flow.granted-user-reads (extended), beyond the breadth-first bound, have traces that replay on the model', () => {
    for (const [cfg, id, kind] of [[ADVERSARIAL, 'forward.all-files', 'violated'], [EXTENDED, 'flow.granted-user-reads', 'witness']] as const) {
      const net = buildNet(twoPatients, cfg);
      const bounded = explore(net, [propertyById(id)!], { maxStates: 4000 });
      expect(bounded.complete).toBe(false);
      expect(['holds-within-bounds', 'no-witness-within-bounds']).toContain(bounded.verdicts[0].verdict.kind);
      const [w] = walkTraces(net, [propertyById(id)!]);
      expect(w?.kind).toBe(kind);
      expect(w.trace.steps.length).toBeLessThanOrEqual(w.walked);
      checkTrace(net, id, w.trace);
    }
  });

  it('finds nothing where the property holds on every reachable marking (small, exhaustive)', () => {
    const net = buildNet(small, EXTENDED);
    const p = propertyById('forward.all-files')!;
    expect(explore(net, [p]).verdicts[0].verdict.kind).toBe('proved');
    expect(walkTraces(net, [p])).toEqual([]);
  });

  it('the same walks give the same trace (seeded)', () => {
    const a = walkTraces(buildNet(twoPatients, ADVERSARIAL), [propertyById('forward.all-files')!]);
    const b = walkTraces(buildNet(twoPatients, ADVERSARIAL), [propertyById('forward.all-files')!]);
    expect(b).toEqual(a);
  });

  it('the all-sizes catalogue reads forward.all-files with several patients as violated, with the walk\'s trace', async () => {
    const p = propertyById('forward.all-files')!;
    const { results } = await checkAllSizes(ADVERSARIAL, [p], { patients: true });
    const [r] = results;
    expect(r.verdict.kind).toBe('violated');
    expect(r.how).toMatch(/random walks on two-patients/);
    if (r.verdict.kind === 'violated') checkTrace(buildNet(twoPatients, ADVERSARIAL), p.id, r.verdict.trace);
  }, 300_000);
});
