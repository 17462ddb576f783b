// fast-check model runs over the `paper` universe (fixed seeds, few runs: the CLI runs more),
// trace replays of the explorer's verdicts, and the mutation table on a sample of faults.
import { describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { paper, small } from '../universes/index.js';
import { evidenceOf, replayExplorerVerdicts, replaySmtVerdicts, runRandom } from '../conformance/index.js';
import { FAULTS } from '../scripts/faults.js';
import { mutationScore } from '../scripts/mutation.js';

describe('fast-check runs over the paper universe', () => {
  it('paper profile, srs-keys, from-join-date: runs pass, replayably by seed', () => {
    const net = buildNet(paper, { profile: 'paper', variant: 'srs-keys', policy: 'from-join-date' });
    const a = runRandom(net, { runs: 4, seed: 2024, maxCommands: 30 });
    expect(a.counterexample).toBeUndefined();
    expect(a.passed).toBe(true);
    const b = runRandom(net, { runs: 4, seed: 2024, maxCommands: 30 });
    expect([b.steps, b.checks]).toEqual([a.steps, a.checks]);
    // every run is counted, with no progress hook listening
    expect(a.runs).toBe(4);
  });

  it('adversarial, owner-keys, history: runs pass', () => {
    const r = runRandom(buildNet(paper, { profile: 'adversarial', variant: 'owner-keys', policy: 'history' }), { runs: 6, seed: 7, maxCommands: 40 });
    expect(r.counterexample).toBeUndefined();
    expect(r.steps).toBeGreaterThan(50);
  });

  it('a faulty client (AAD without the label) is found and shrunk to the two steps that show it', () => {
    const net = buildNet(small, { profile: 'paper', variant: 'srs-keys', policy: 'history' });
    const r = runRandom(net, { runs: 20, seed: 3, maxCommands: 20, make: FAULTS.find((f) => f.id === 'aad-omits-label')!.make });
    expect(r.passed).toBe(false);
    expect(r.counterexample!.mismatches[0].kind).toBe('binding');
    // shrinking keeps only what the failure needs: Gen_ri and Encrypt_Pi of one partition
    expect(r.counterexample!.events).toEqual([expect.stringMatching(/^fire Gen_ri\(f1,/), expect.stringMatching(/^fire Encrypt_Pi\(f1,/)]);
  });
});

describe('explorer traces replay on the implementation', () => {
  it('srs-keys: SRS and cloud really open a partition; a revoked user that kept its bytes really reads the old file', () => {
    const net = buildNet(small, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
    const rs = replayExplorerVerdicts(net, { seed: 'test-traces' });
    expect(rs.length).toBeGreaterThan(3);
    for (const r of rs) expect(r.mismatches, r.label).toEqual([]);
    const ev = (id: string) => evidenceOf(rs.find((r) => r.property === id)!, ['P']).join('\n');
    expect(ev('collusion.srs-cloud')).toMatch(/SRS\+Cloud reads f1\/\w+ via RP\(f1,\w+\)\+sk\(P\)/);
    expect(ev('forward.all-files')).toMatch(/^d reads f1\/medical via RU\(d,f1,medical\)\+sk\(d\)/m);
  });
});

describe('SMT traces replay on the implementation', () => {
  it('the SMT counterexample to collusion.srs-cloud (srs-keys) really opens a partition', async () => {
    const net = buildNet(small, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
    const [r] = await replaySmtVerdicts(net, { seed: 'test-smt', properties: ['collusion.srs-cloud'] });
    expect(r.verdict).toBe('violated');
    if (!('mismatches' in r)) throw new Error('not replayed');
    expect(r.mismatches).toEqual([]);
    expect(evidenceOf(r, ['P']).join('\n')).toMatch(/SRS\+Cloud reads f1\/\w+ via RP\(f1,\w+\)\+sk\(P\)/);
  });
});

describe('mutation score (sample)', () => {
  it('the honest implementation passes and each sampled fault is caught', () => {
    const ids = ['srs-skips-acl', 'aad-omits-label', 'cloud-gets-key', 'srs-shared-key-pair'];
    const rows = mutationScore({ runs: 0, seed: 1, faults: FAULTS.filter((f) => ids.includes(f.id)), configs: [{ profile: 'paper', variant: 'srs-keys', policy: 'history' }] });
    expect(rows[0]).toMatchObject({ fault: 'none (honest)', caught: false });
    // every sampled id is a fault of the table: a renamed one would drop out of the filter, not fail below
    expect(rows.slice(1).map((r) => r.fault).sort()).toEqual([...ids].sort());
    for (const r of rows.slice(1)) expect(r.caught, r.fault).toBe(true);
  });
});
