// Scenario expectations beyond reads: a step expected to be refused (with its reason) and
// `knows`/`not-knows` of any closure token, each checked on the model, Z3 and the implementation;
// and each side shown to fail when the expectation is wrong.
import { afterAll, describe, expect, it } from 'vitest';
import { HONEST, type Makers } from '../conformance/world.js';
import { Srs, isSesphrError } from '../impl/index.js';
import { parseScenario, ScenarioError } from '../scenarios/load.js';
import { runOnImpl } from '../scenarios/run-impl.js';
import { runOnModel, ScenarioRunError } from '../scenarios/run-model.js';
import { checkOnSmt } from '../scenarios/run-smt.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

const HEAD = 'name: t\nuniverse: small\nprofile: adversarial\nvariant: srs-keys\npolicy: history\nsteps:\n';
const sc = (steps: string) => parseScenario('t.yaml', HEAD + steps);
const failed = (r: { expectations: ReadonlyArray<{ results: ReadonlyArray<{ ok: boolean; what: string; actual: string }> }> }) =>
  r.expectations.flatMap((e) => e.results.filter((x) => !x.ok).map((x) => `${x.what}: ${x.actual}`));

const LIFECYCLE = `  - keys: P
  - approve: d
    refused: NOT_REGISTERED
  - grant: { user: d, partition: insurance }
    refused: NOT_REGISTERED
  - revoke: d
    refused: NOT_REGISTERED
  - register: d
  - grant: { user: d, partition: insurance }
    refused: NOT_APPROVED
  - approve: d
  - keys: d
  - approve: d
    refused: ALREADY_APPROVED
  - upload: f1
  - request: { user: o, file: f1, partition: medical }
  - revoke: d
  - revoke: d
    refused: REVOKED
  - grant: { user: d, partition: medical }
    refused: REVOKED
`;

describe('refused lifecycle steps', () => {
  it('approve, grant and revoke of a non-member, a second approval, and steps after revocation: refused for the same reason on all three sides', async () => {
    const s = sc(LIFECYCLE);
    const m = runOnModel(s);
    expect(failed(m)).toEqual([]);
    expect(m.refusals.map((r) => `${r.transition}:${r.reason}`)).toEqual([
      'Approve(d):NOT_REGISTERED', 'Grant(d,insurance):NOT_REGISTERED', 'Revoke(d):NOT_REGISTERED', 'Grant(d,insurance):NOT_APPROVED',
      'Approve(d):ALREADY_APPROVED', 'Revoke(d):REVOKED', 'Grant(d,medical):REVOKED',
    ]);
    // a refused step fires nothing
    expect(m.events.some((e) => e.step === 2)).toBe(false);
    const impl = runOnImpl(s, m);
    expect(failed(impl)).toEqual([]);
    expect(impl.divergences).toEqual([]);
    const z = await checkOnSmt(s, m);
    expect(z).toMatchObject({ reachable: true, entailed: true, problems: [] });
  }, 120_000);

  it('a step expected refused that the model enables fails the model, stops the run there, and Z3 disagrees too', async () => {
    const s = sc('  - keys: P\n  - register: d\n  - approve: d\n    refused: NOT_REGISTERED\n  - expect: {cannot-read: [{party: d, file: f1, partition: medical}]}\n');
    const m = runOnModel(s);
    expect(m.ok).toBe(false);
    expect(m.stoppedAt).toBe(3);
    expect(failed(m)).toEqual(['Approve(d) (approve): enabled: the model fires Approve(d) here (the run stops at this step)']);
    expect((await checkOnSmt(s, m)).entailed).toBe(false);
  }, 60_000);

  it('a wrong reason fails on the model, on Z3 and on the implementation', async () => {
    const s = sc('  - keys: P\n  - approve: d\n    refused: NOT_APPROVED\n');
    const m = runOnModel(s);
    expect(failed(m)).toEqual(['Approve(d) (approve): refused (NOT_REGISTERED: Registered(d) does not hold)']);
    const impl = runOnImpl(s, m);
    expect(failed(impl)).toEqual([expect.stringMatching(/^Approve\(d\) \(approve\): refused \(NOT_REGISTERED: /)]);
    const z = await checkOnSmt(s, m);
    expect(z.entailed).toBe(false);
    expect(z.problems).toEqual(['line 8: Approve(d) is refused for NOT_REGISTERED, not NOT_APPROVED']);
  }, 60_000);

  it('an implementation that performs a step the model refuses fails the implementation side', () => {
    // a faulty SRS: grants a label to a registered user nobody approved
    const lax: Makers = {
      ...HONEST,
      srs: (o) => new (class extends Srs {
        override grant(owner: string, user: string, label: string): void {
          try {
            super.grant(owner, user, label);
          } catch (e) {
            if (!isSesphrError(e, 'NOT_APPROVED')) throw e;
          }
        }
      })(o),
    };
    const s = sc('  - keys: P\n  - register: d\n  - grant: { user: d, partition: insurance }\n    refused: NOT_APPROVED\n');
    const m = runOnModel(s);
    expect(m.ok).toBe(true);
    expect(runOnImpl(s, m).ok).toBe(true);
    const faulty = runOnImpl(s, m, 'scenario', lax);
    expect(faulty.ok).toBe(false);
    expect(failed(faulty)).toEqual(['Grant(d,insurance) (grant): accepted']);
  });

  it('a step the model does not enable, without `refused`, fails with its position, reason and the way to expect it', () => {
    const s = sc('  - keys: P\n  - grant: { user: d, partition: insurance }\n');
    expect(() => runOnModel(s)).toThrow(ScenarioRunError);
    expect(() => runOnModel(s)).toThrow('t.yaml:8: step 2 (grant): Grant(d,insurance) is not enabled in the model at this point (NOT_REGISTERED: Member(d) does not hold); to expect that, give the step `refused: NOT_REGISTERED`');
  });
});

describe('knows / not-knows any token of the closure', () => {
  const KNOW = `  - keys: P
  - join: d
  - upload: f1
  - expect:
      knows:
        - { party: SRS, token: 'key(f1,medical)' }
        - { party: [d, SRS], token: ginvP }
        - { party: SRS, token: 'RK(d)' }
        - { party: [SRS, Cloud], token: 'PHR(f1,insurance)' }
        - { party: d, token: 'sk(d)' }
      not-knows:
        - { party: Cloud, token: 'key(f1,medical)' }
        - { party: d, token: ginvP }
        - { party: d, token: 'RU(d,f1,medical)' }
`;
  it('true statements hold on the model, Z3 and the implementation (its bytes read by the conformance reader)', async () => {
    const s = sc(KNOW);
    const m = runOnModel(s);
    expect(failed(m)).toEqual([]);
    const impl = runOnImpl(s, m);
    expect(failed(impl)).toEqual([]);
    expect(impl.expectations.flatMap((e) => e.results).filter((r) => r.unchecked)).toEqual([]);
    expect((await checkOnSmt(s, m)).entailed).toBe(true);
  }, 60_000);

  it.each([
    ['knows', "{ party: Cloud, token: 'key(f1,medical)' }", 'Cloud derives key(f1,medical): does not derive'],
    ['not-knows', "{ party: [d, SRS], token: ginvP }", 'd+SRS derives ginvP: derives'],
    ['not-knows', "{ party: SRS, token: 'RU(d,f1,medical)' }", 'SRS derives RU(d,f1,medical): derives'],
  ])('a wrong %s %s fails on each of the three sides', async (kind, target, what) => {
    const s = sc(`  - keys: P\n  - join: d\n  - upload: f1\n  - expect:\n      ${kind}: [${target}]\n`);
    const m = runOnModel(s);
    expect(failed(m)).toEqual([what]);
    expect(failed(runOnImpl(s, m))).toEqual([what]);
    expect((await checkOnSmt(s, m)).entailed).toBe(false);
  }, 60_000);

  it('a token the implementation holds nowhere yet is reported as not checked, not as passed', () => {
    const s = sc("  - keys: P\n  - expect:\n      not-knows: [{ party: SRS, token: 'key(f1,medical)' }]\n");
    const m = runOnModel(s);
    expect(m.ok).toBe(true);
    const [r] = runOnImpl(s, m).expectations[0].results;
    expect(r.unchecked).toMatch(/no party of the implementation holds or forms key\(f1,medical\)/);
    expect(r.actual).toMatch(/^not checked: /);
  });
});

describe('positioned errors for the new fields', () => {
  const at = (steps: string, head = HEAD) => {
    try {
      parseScenario('bad.yaml', head + steps);
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  it('an unknown refusal reason', () => expect(at('  - approve: d\n    refused: NOPE\n')).toMatch(/^bad\.yaml:8:14: steps\.0\.refused: Invalid option: expected one of "NOT_REGISTERED"/));
  it('`refused` written before its verb is the same step', () => expect(at('  - refused: NOPE\n    approve: d\n')).toMatch(/^bad\.yaml:7:14: steps\.0\.refused: Invalid option: expected one of "NOT_REGISTERED"/));
  it('`refused` on an expectation', () => expect(at("  - expect: {cannot-read: [{party: d, file: f1, partition: medical}]}\n    refused: REVOKED\n")).toMatch(/^bad\.yaml:7:5: steps\.0: unexpected key\(s\) 'refused'/));
  it('a token the closure does not have', () => expect(at("  - expect: {knows: [{party: d, token: 'sk(Q)'}]}\n")).toMatch(/^bad\.yaml:7:\d+: steps\.0\.expect\.knows\.0\.token: unknown token 'sk\(Q\)' in universe 'small': expected one of /));
  it('a malformed token', () => expect(at("  - expect: {knows: [{party: d, token: 'sk(('}]}\n")).toMatch(/^bad\.yaml:7:\d+: steps\.0\.expect\.knows\.0\.token: a token of the knowledge closure/));
  it('an unknown party of a coalition', () => expect(at("  - expect: {not-knows: [{party: [d, Eve], token: 'sk(P)'}]}\n")).toMatch(/^bad\.yaml:7:\d+: steps\.0\.expect\.not-knows\.0\.party\.1: unknown party 'Eve'/));
  it('a leak to a party the net\'s Leak_C does not reach', () => expect(at('  - leak: { to: P, file: f1 }\n')).toMatch(/^bad\.yaml:7:17: steps\.0\.leak\.to: the net's Leak_C hands C to .*d.*o.*, not to 'P'$/));
  it('a leak in a profile without Leak_C', () => expect(at('  - leak: { to: o, file: f1 }\n', HEAD.replace('adversarial', 'extended'))).toMatch(/^bad\.yaml:7:17: steps\.0\.leak\.to: this net has no Leak_C \(extended profile\)/));
});
