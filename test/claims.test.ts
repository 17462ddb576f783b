// The claim map (model/claims.ts): every property of the catalogue tests exactly one claim, argued
// with a section; and the agreement of a verdict is computed from its kind, the claim's direction,
// its adversary and its reading, never typed.
import { describe, expect, it } from 'vitest';
import { CLAIMS, CLAIM_MAP, mappingOf } from '../model/claims.js';
import { allVerdicts } from '../report/content.js';
import type { ReportData } from '../report/data.js';
import { CATALOGUE, LIFECYCLE_CATALOGUE, MODULE_CATALOGUE, PAPER_PROPERTY_IDS, PATIENT_CATALOGUE } from '../model/properties.js';
import { findings, findingsLines, judge } from '../report/findings.js';
import type { SmtVerdict, VerifyResult } from '../smt/verdict.js';

const run = (property: string, profile: VerifyResult['profile'], policy: VerifyResult['policy'], verdict: SmtVerdict): VerifyResult => ({
  property, universe: 'small', profile, variant: 'srs-keys', policy, verdict, how: 'test', seconds: 0, solver: 'test',
  slice: { vars: 0, facts: 0, transitions: 0, of: 0 }, queries: [],
});
const trace = (n: number) => ({ initial: [], final: [], steps: Array.from({ length: n }, (_, k) => ({ transition: `t${k}`, rule: 't', binding: {}, added: [], removed: [] })) });

describe('the claim map', () => {
  it('maps every catalogue, module and patient property to exactly one known claim, with a section in its argument', () => {
    const ids = [...CATALOGUE, ...MODULE_CATALOGUE, ...PATIENT_CATALOGUE, ...LIFECYCLE_CATALOGUE].map((p) => p.id);
    expect(CLAIM_MAP.map((m) => m.property).sort()).toEqual([...ids].sort());
    for (const m of CLAIM_MAP) {
      expect(CLAIMS.map((c) => c.id), m.property).toContain(m.claim);
      const c = CLAIMS.find((x) => x.id === m.claim)!;
      // A paper claim is argued from a section of the paper; a module claim from the later write-ups.
      expect(m.argument, m.property).toMatch(c.by === 'paper' ? /Section \d/ : /Section \d|later write-ups|auditor|detection/);
    }
  });

  it('covers each of the paper\'s three Section 5 properties and each Section 3/4 security claim', () => {
    const paper = CLAIMS.filter((c) => c.by === 'paper');
    expect(paper.filter((c) => c.section.startsWith('Section 5'))).toHaveLength(3);
    for (const id of PAPER_PROPERTY_IDS) expect(CLAIM_MAP.find((m) => m.property === id)?.claim).toBeDefined();
    for (const c of paper) expect(CLAIM_MAP.some((m) => m.claim === c.id), c.id).toBe(true);
  });
});

describe('agreement', () => {
  it('a violated paper claim contradicts the paper; the same claim broken by a stronger adversary is an attack', () => {
    expect(judge(run('insider.fine-grained', 'extended', 'history', { kind: 'violated', depth: 3, trace: trace(3) })).agreement).toBe('contradicts');
    const attack = judge(run('collusion.srs-cloud', 'adversarial', 'history', { kind: 'violated', depth: 7, trace: trace(7) }));
    expect(attack).toMatchObject({ agreement: 'fails-against-adversary', claim: 'confidentiality', assertedByPaper: false });
    expect(judge(run('conf.cloud', 'paper', 'history', { kind: 'proved', method: 'chc-spacer' }))).toMatchObject({ agreement: 'agrees', assertedByPaper: true });
  });

  it('the backward rows fail by construction under the other policy, not against the paper', () => {
    expect(judge(run('backward.from-join-date', 'extended', 'history', { kind: 'violated', depth: 9, trace: trace(9) })).agreement).toBe('fails-under-other-reading');
    expect(judge(run('backward.from-join-date', 'extended', 'from-join-date', { kind: 'violated', depth: 9, trace: trace(9) })).agreement).toBe('contradicts');
    expect(judge(run('backward.history', 'extended', 'history', { kind: 'witness', depth: 9, trace: trace(9) })).agreement).toBe('agrees');
    expect(judge(run('backward.history', 'extended', 'from-join-date', { kind: 'unreachable', method: 'chc-spacer' })).agreement).toBe('fails-under-other-reading');
  });

  it('a witness of a weakness refutes its claim; unknown stays unknown', () => {
    expect(judge(run('time.expired-keeps', 'extended', 'history', { kind: 'witness', depth: 5, trace: trace(5) })).agreement).toBe('fails-under-other-reading');
    expect(judge(run('conf.cloud', 'paper', 'history', { kind: 'unknown', limit: 'test' })).agreement).toBe('unknown');
  });

  it('a vacuous verdict tests nothing: not a limit, not a failure, and alone it settles no claim', () => {
    // it was judged as if a limit had stopped the check
    const vacuous = run('paper.unauthorised-cannot', 'paper', 'history', { kind: 'vacuous', method: 'chc-spacer' });
    expect(judge(vacuous).agreement).toBe('vacuous');
    const alone = findings([vacuous]).claims.find((c) => c.id === mappingOf('paper.unauthorised-cannot').claim)!;
    expect(alone.status).toBe('not settled');
    expect(alone.failsUnder).toEqual([]);
    expect(alone.holdsUnder[0]!.label).toMatch(/only vacuously \(its premise cannot arise\)$/);
    // beside a run that tests the claim, the claim holds
    const beside = findings([vacuous, run('paper.unauthorised-cannot', 'extended', 'history', { kind: 'proved', method: 'chc-spacer' })]);
    expect(beside.claims.find((c) => c.id === alone.id)!.status).toBe('holds');
  });

  it('the findings read the patient catalogue too, whose properties test the insider and confidentiality claims', () => {
    const patient = { ...run('collusion.patient-srs', 'adversarial', 'history', { kind: 'violated', depth: 12, trace: trace(12) }), universe: 'two-patients' };
    const verdicts = allVerdicts({ patients: [patient] } as unknown as ReportData);
    expect(verdicts).toEqual([patient]);
    const conf = findings(verdicts).claims.find((c) => c.id === 'confidentiality')!;
    expect(conf.failsUnder[0]).toMatchObject({ property: 'collusion.patient-srs', agreement: 'fails-against-adversary' });
  });

  it('findings: the status of each claim, the readings and the shortest trace, computed from the verdicts', () => {
    const f = findings([
      run('conf.cloud', 'adversarial', 'history', { kind: 'proved', method: 'chc-spacer' }),
      run('collusion.srs-cloud', 'adversarial', 'history', { kind: 'violated', depth: 9, trace: trace(9) }),
      run('collusion.srs-cloud', 'adversarial', 'from-join-date', { kind: 'violated', depth: 7, trace: trace(7) }),
      run('forward.new-files', 'extended', 'history', { kind: 'proved', method: 'chc-spacer' }),
    ]);
    const conf = f.claims.find((c) => c.id === 'confidentiality')!;
    expect(conf.status).toBe('fails against a stronger adversary');
    expect(conf.holdsUnder.map((r) => r.property)).toEqual(['conf.cloud']);
    expect(conf.failsUnder[0]).toMatchObject({ property: 'collusion.srs-cloud', label: 'against the SRS colluding with the cloud', trace: { steps: 7 } });
    expect(f.claims.find((c) => c.id === 'forward')!.status).toBe('holds');
    expect(f.summary).toBe('Of the paper\'s 2 claims, 1 holds under every reading checked; 1 fails against an adversary the paper\'s trust model leaves out.');
    const lines = findingsLines(f, 'reports/index.html');
    expect(lines.join('\n')).toMatch(/fails against the SRS colluding with the cloud \(collusion.srs-cloud, every configuration checked\); shortest trace found 7 steps: reports\/index.html#trace-collusion-srs-cloud-small-adversarial-srs-keys-from-join-date/);
  });
});
