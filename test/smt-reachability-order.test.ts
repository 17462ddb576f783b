// A reachability question (a premise, a witness) that neither the random runs nor the short BMC
// answer runs the full BMC before Spacer: its answer is a trace deeper than the short BMC's budget,
// which Spacer ran to its time limit on before. The short BMC is given no time here, so the order
// is what decides whether Spacer runs.
import { describe, expect, it } from 'vitest';
import { verifyCatalogue } from '../smt/catalogue.js';

describe('the order of methods for a reachability question', () => {
  it("finds the premise's deep witness by BMC, without Spacer, when the short BMC gives no answer", async () => {
    const [r] = await verifyCatalogue({
      universe: 'two-patients', properties: ['collusion.members-of-two-patients'], profiles: ['adversarial'], variants: ['srs-keys'], policies: ['history'],
      quickBmcSeconds: 0, timeoutSeconds: 30, storedAnswers: false, workers: 1,
    });
    expect(r.verdict.kind).toBe('proved');
    expect(r.vacuity).toMatchObject({ premise: 'reachable', how: 'bmc k=15' });
    const methods = r.queries.map((q) => q.method);
    // the premise's part: its invariant search, the short BMC (no time), then the full BMC
    expect(methods).toContain('bmc');
    expect(methods).not.toContain('chc-spacer');
  }, 120_000);
});
