// Cross-check: on the `small` universe, where the explorer is exhaustive, every SMT
// verdict must equal the explorer's, for every property on every valid configuration, and
// every SMT trace must replay on the XState machine and end where the trace says it does.
import { afterAll, describe, expect, it } from 'vitest';
import { validConfigs } from '../model/config.js';
import { explore } from '../model/explore.js';
import { factsIn } from '../model/marking.js';
import { replay } from '../model/machine.js';
import { buildNet } from '../model/net.js';
import { CATALOGUE } from '../model/properties.js';
import { small } from '../universes/index.js';
import { checkRun, verifyProperty } from '../smt/verify.js';
import { shutdownZ3 } from '../smt/z3.js';
import { compareFingerprints, compareGolden, readFingerprints, readGolden } from '../report/golden.js';

// The default plan's runs (each property on its own profiles) are also the committed golden
// verdicts of `small`: checked here, on the results this file computes anyway.
const golden = readGolden('test/golden/verdicts.json');
const fingerprints = readFingerprints('test/golden/verdicts.json');

const configs = validConfigs();

afterAll(shutdownZ3);

describe('SMT verdicts agree with the exhaustive explorer on the small universe', () => {
  for (const cfg of configs) {
    it(`${cfg.profile} / ${cfg.variant} / ${cfg.policy}`, async () => {
      const net = buildNet(small, cfg);
      // every property, also on profiles it is not listed for: the encoding must be right everywhere
      const ex = explore(net, CATALOGUE);
      expect(ex.complete).toBe(true);
      for (const p of CATALOGUE) {
        const r = await checkRun(net, p, { timeoutSeconds: 60 });
        const expected = ex.verdicts.find((v) => v.id === p.id)!.verdict.kind;
        expect(`${p.id}: ${r.verdict.kind}`).toBe(`${p.id}: ${expected}`);
        if (p.profiles.includes(cfg.profile)) expect([...compareGolden(golden, [r]), ...compareFingerprints(fingerprints, [r])]).toEqual([]);
        if (r.verdict.kind === 'violated' || r.verdict.kind === 'witness') {
          const { trace } = r.verdict;
          const markings = replay(net, trace.steps.map((s) => ({ type: s.rule, ...s.binding })));
          expect(factsIn(net, markings[markings.length - 1] ?? net.m0 as never)).toEqual(trace.final);
        }
      }
    }, 600_000); // every run also checks its premise (vacuity)
  }
});
