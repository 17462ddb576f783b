// Seeded model faults (in-memory changes of the rules or the catalogue) are each named against the
// golden file: by a moved verdict, a vacuous proof or a changed fingerprint.
import { afterAll, describe, expect, it } from 'vitest';
import type { NetConfig } from '../model/config.js';
import { modelMutationScore } from '../scripts/model-faults.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

// Re-verifying every changed run is the mutation stage's job; here a few runs per fault suffice.
const CHECKED = ['forward.new-files', 'paper.no-ungranted-R', 'collusion.revoked-cloud'];
const verifyOn = (cfg: NetConfig, id: string) => cfg.variant === 'srs-keys' && cfg.policy === 'history' && cfg.profile !== 'paper' && CHECKED.includes(id);

describe('model faults against the golden verdicts and fingerprints', () => {
  it('each is caught, and by what the fault should show', async () => {
    const rows = await modelMutationScore({ verifyOn });
    const row = (id: string) => rows.find((r) => r.fault === id)!;
    for (const r of rows) expect(`${r.fault}: ${r.caught}`).toBe(`${r.fault}: true`);
    // a dropped epoch fact: the forward-access proofs lose their premise
    expect(row('send-ri-drops-revoked-at-upload').by.vacuity).toContain('forward.new-files @ small/extended/srs-keys/history: proved -> vacuous');
    // its changed rule changes the net's fingerprint: an empty list would pass the `every` below on nothing
    expect(row('send-ri-drops-revoked-at-upload').by.fingerprint.length).toBeGreaterThan(0);
    expect(row('send-ri-drops-revoked-at-upload').by.fingerprint.every((x) => x.startsWith('net of'))).toBe(true);
    // a removed guard conjunct: a verdict moves
    expect(row('d-r-s-drops-acl').by.verdict).toContain('paper.no-ungranted-R @ small/extended/srs-keys/history: proved -> violated');
    // a weakened statement that keeps its verdict: only its statement fingerprint shows it
    const weak = row('collusion-revoked-cloud-alone');
    expect(weak.by.verdict).toEqual([]);
    expect(weak.by.vacuity).toEqual([]);
    expect(weak.by.fingerprint.length).toBeGreaterThan(0);
    expect(weak.by.fingerprint.every((x) => x.startsWith('statement of collusion.revoked-cloud @ small/'))).toBe(true);
    // a premise that contradicts itself: vacuous
    expect(row('no-ungranted-R-self-contradicting-premise').by.vacuity).toContain('paper.no-ungranted-R @ small/extended/srs-keys/history: proved -> vacuous');
  }, 900_000);
});
