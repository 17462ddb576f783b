// A reachability question (a premise, a witness) that neither the random runs nor the short BMC
// answer runs the full BMC before Spacer: its answer is a trace deeper than the short BMC's budget,
// which Spacer ran to its time limit on before. The short BMC is given no time here, so the order
// is what decides whether Spacer runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyCatalogue } from '../smt/catalogue.js';
import { tempDir } from './support/temp-dir.js';

describe('the order of methods for a reachability question', () => {
  it("finds the premise's deep witness by BMC, without Spacer, when the short BMC gives no answer", async () => {
    const [r] = await verifyCatalogue({
      universe: 'two-patients', properties: ['collusion.members-of-two-patients'], profiles: ['adversarial'], variants: ['srs-keys'], policies: ['history'],
      quickBmcSeconds: 0, timeoutSeconds: 30, storedAnswers: false, workers: 1, smtOut: tempDir('sesphr-order-'),
    });
    expect(r.verdict.kind).toBe('proved');
    expect(r.vacuity).toMatchObject({ premise: 'reachable', how: 'bmc k=15' });
    const methods = r.queries.map((q) => q.method);
    // the premise's part: its invariant search, the short BMC (no time), then the full BMC
    expect(methods).toContain('bmc');
    expect(methods).not.toContain('chc-spacer');
    // the full BMC goes on in the short one's file: the file is named once, by the full BMC, and
    // the short BMC's answers are the first of those in its header
    const paths = r.queries.flatMap((q) => (q.path ? [q.path] : []));
    expect(new Set(paths).size).toBe(paths.length);
    const quick = r.queries.find((q) => q.within);
    expect(quick?.method).toBe('bmc');
    const full = r.queries.find((q) => q.path === quick!.within)!;
    expect(r.queries.indexOf(full)).toBeGreaterThan(r.queries.indexOf(quick!));
    expect(full.answers.slice(0, quick!.answers.length)).toEqual(quick!.answers);
    expect(readFileSync(full.path!, 'utf8')).toContain(`, in order: ${full.answers.join(' ')}\n`);
  }, 120_000);
});
