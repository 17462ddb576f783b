// The lifecycle beyond the printed rules (record updates, re-joining with a fresh key pair,
// narrowing, per-member exceptions): opt-in universe data that leaves every other universe's nets
// as they were; the rules' guards and effects; the three catalogue properties computed on the
// explorer; the implementation's steps; conformance on the lifecycle universe.
import { describe, expect, it } from 'vitest';
import { runPaths } from '../conformance/index.js';
import { createWorld } from '../conformance/world.js';
import { validConfigs } from '../model/config.js';
import { explore } from '../model/explore.js';
import { fire, has, isEnabled, m0Of, type Marking } from '../model/marking.js';
import { buildNet, type Net } from '../model/net.js';
import { LIFECYCLE_CATALOGUE, propertiesFor } from '../model/properties.js';
import { refusalReason } from '../model/refusal.js';
import { C, CLOUD, Excepted, Narrowed, RP, Registered, SRS, holds } from '../model/terms.js';
import { boundsOf, generationOf, lifecycleUniverse, versionOf } from '../model/universe.js';
import { Cloud, PatientClient, Srs, UserClient, deterministicRandom, isSesphrError } from '../impl/index.js';
import { paper, small, universeByName } from '../universes/index.js';

const L = universeByName('lifecycle');
const EXT = { profile: 'extended', variant: 'srs-keys', policy: 'from-join-date' } as const;

/** Fires the named transitions in order, each of which must be enabled. */
function run(net: Net, ids: readonly string[], m: Marking = m0Of(net)): Marking {
  for (const id of ids) {
    const t = net.byId.get(id);
    expect(t, `${id} is a transition`).toBeDefined();
    expect(isEnabled(net, t!, m), `${id} enabled`).toBe(true);
    m = fire(net, t!, m);
  }
  return m;
}
const upload = (f: string, i = 'medical') => ['Gen_ri', 'Encrypt_Pi', 'Compt_Ri', 'Send_C', 'Send_Ri'].map((r) => `${r}(${f},${i})`);
const join = (u: string) => [`Register(${u})`, `Approve(${u})`, `Gen_Key(${u})`, `Send_Keys(${u})`];

describe('lifecycle parts are universe data', () => {
  it('are off by default: small and paper have none, so their universes are grounded as written', () => {
    for (const U of [small, paper]) {
      expect(boundsOf(U)).toEqual({ versions: 1, rejoins: 0, narrowing: false, exceptions: false });
      expect(lifecycleUniverse(U, 'adversarial')).toBe(U);
    }
  });

  it('unroll versions and key generations in the lifecycle profiles only', () => {
    expect(buildNet(L, { ...EXT, profile: 'paper', variant: 'srs-keys' }).U.files).toEqual(['f1']);
    const net = buildNet(L, EXT);
    expect(net.U.files).toEqual(['f1', 'f1~2']);
    expect(net.U.users.map((u) => u.id)).toEqual(['d', 'd~2']);
    expect(versionOf('f1~2')).toEqual({ file: 'f1', version: 2 });
    expect(generationOf('d~2')).toEqual({ user: 'd', generation: 2 });
    for (const id of ['Ungrant(d,medical)', 'Except_Policy(d)', 'Register(d~2)', 'Gen_ri(f1~2,medical)']) expect(net.byId.has(id), id).toBe(true);
    expect(buildNet(small, EXT).transitions.some((t) => t.rule.name === 'Ungrant' || t.rule.name === 'Except_Policy')).toBe(false);
  });

  it('reject a bad bound with its position', () => {
    expect(() => universeByName('universes/does-not-exist.yaml')).toThrow(/cannot read/);
  });
});

describe('the lifecycle rules', () => {
  const net = buildNet(L, EXT);
  const joined = run(net, ['Gen_Key(P)', 'Send_Keys(P)', ...join('d')]);

  it('re-joining: generation d~2 registers only once d was revoked, and the revoked generation stays refused', () => {
    expect(isEnabled(net, net.byId.get('Register(d~2)')!, joined)).toBe(false);
    const back = run(net, ['Revoke(d)', ...join('d~2'), ...upload('f1')], joined);
    expect(has(net, back, Registered('d~2'))).toBe(true);
    expect(refusalReason(net, back, 'd', 'f1', 'medical')).toBe('REVOKED');
    expect(refusalReason(net, back, 'd~2', 'f1', 'medical')).toBeUndefined();
  });

  it('updates: version 2 waits for version 1 at the cloud and the SRS, then replaces it there', () => {
    expect(isEnabled(net, net.byId.get('Gen_ri(f1~2,medical)')!, joined)).toBe(false);
    const v1 = run(net, upload('f1'), joined);
    const v2 = run(net, upload('f1~2'), v1);
    expect(has(net, v2, holds(CLOUD, C('f1~2', 'medical')))).toBe(true);
    expect(has(net, v2, holds(CLOUD, C('f1', 'medical')))).toBe(false);
    expect(has(net, v2, holds(SRS, RP('f1', 'medical')))).toBe(false);
    // the superseded version is not drawn again (no rollback of R^P at the SRS)
    expect(isEnabled(net, net.byId.get('Gen_ri(f1,medical)')!, v2)).toBe(false);
  });

  it('narrowing and exceptions: Ungrant records the narrowing, Grant ends it; an exception goes with a revocation', () => {
    const narrowed = run(net, ['Ungrant(d,medical)'], joined);
    expect(has(net, narrowed, Narrowed('d', 'medical'))).toBe(true);
    expect(has(net, run(net, ['Grant(d,medical)'], narrowed), Narrowed('d', 'medical'))).toBe(false);
    const ex = run(net, ['Except_Policy(d)'], joined);
    expect(has(net, ex, Excepted('d'))).toBe(true);
    expect(has(net, run(net, ['Revoke(d)'], ex), Excepted('d'))).toBe(false);
  });
});

describe('the lifecycle properties, computed on the explorer', () => {
  it('are checked only on a universe that has their part', () => {
    expect(propertiesFor(EXT, small).some((p) => LIFECYCLE_CATALOGUE.includes(p))).toBe(false);
    expect(propertiesFor(EXT, L).filter((p) => LIFECYCLE_CATALOGUE.includes(p)).map((p) => p.id).sort())
      .toEqual(['backward.rejoin-from-join-date', 'forward.new-versions', 'narrowing.no-new-uploads']);
  });

  it.each(validConfigs(['extended']))('%o: exhaustive, each proved with its premise reached, or a finding with a trace', (cfg) => {
    const net = buildNet(L, cfg);
    const r = explore(net, LIFECYCLE_CATALOGUE);
    expect(r.complete).toBe(true);
    for (const p of LIFECYCLE_CATALOGUE) {
      const v = r.verdicts.find((x) => x.id === p.id)!.verdict;
      // under history the re-join property meets the owner's exception set after an R^U was issued: a finding
      if (p.id === 'backward.rejoin-from-join-date' && cfg.policy === 'history') {
        expect(v.kind).toBe('violated');
        if (v.kind === 'violated') expect(v.trace.steps.map((s) => s.rule)).toEqual(expect.arrayContaining(['Revoke', 'Except_Policy', 'D_R_S']));
      } else expect(v.kind, p.id).toBe('proved');
    }
  }, 120_000);
});

describe('the implementation', () => {
  function world(before?: (owner: PatientClient) => void) {
    const srs = new Srs({ variant: 'srs-keys', policy: 'from-join-date', rng: deterministicRandom('lc/srs') });
    const cloud = new Cloud();
    const owner = new PatientClient('P', { srs, cloud, rng: deterministicRandom('lc/P') });
    owner.register({ labels: ['medical'], defaultAccess: { doctor: ['medical'] } as never });
    owner.genKey();
    owner.sendKeys();
    before?.(owner);
    const d = new UserClient('d', { srs, cloud, rng: deterministicRandom('lc/d'), generation: 1 });
    d.register('P', 'doctor');
    owner.approve('d');
    d.genKey();
    d.sendKeys();
    return { srs, cloud, owner, d };
  }
  const code = (f: () => unknown) => {
    try {
      f();
      return 'accepted';
    } catch (e) {
      if (isSesphrError(e)) return e.code;
      throw e;
    }
  };

  it('re-joining takes the next key generation; the earlier one is refused', () => {
    const { srs, cloud, owner, d } = world();
    owner.upload('f1', { medical: new TextEncoder().encode('v1') });
    owner.revoke('d', 1);
    expect(code(() => d.register('P', 'doctor'))).toBe('DUPLICATE_USER');
    const d2 = new UserClient('d', { srs, cloud, rng: deterministicRandom('lc/d~2'), generation: 2 });
    d2.register('P', 'doctor');
    expect(code(() => owner.approve('d', undefined, 1))).toBe('REVOKED');
    owner.approve('d', undefined, 2);
    d2.genKey();
    d2.sendKeys();
    expect(srs.holdings().map((h) => h.token)).toEqual(expect.arrayContaining(['sk(d~2)', 'pk(d~2)']));
    expect(srs.holdings().map((h) => h.token)).not.toContain('sk(d)');
    expect(d.requestRU('f1', 'medical')).toMatchObject({ granted: false, code: 'REVOKED' });
    // uploaded while d was away: the re-joined generation's joining date is later
    expect(d2.requestRU('f1', 'medical')).toMatchObject({ granted: false, code: 'BEFORE_JOIN' });
  });

  it('narrowing refuses the label; an exception flips the policy for one member', () => {
    // uploaded before d joined: refused under from-join-date until the owner excepts d
    const { owner, d } = world((o) => o.upload('f1', { medical: new TextEncoder().encode('v1') }));
    expect(d.requestRU('f1', 'medical')).toMatchObject({ granted: false, code: 'BEFORE_JOIN' });
    owner.except('d');
    expect(code(() => owner.except('d'))).toBe('WRONG_STEP');
    expect(d.requestRU('f1', 'medical').granted).toBe(true);
    owner.ungrant('d', 'medical');
    expect(code(() => owner.ungrant('d', 'medical'))).toBe('NOT_GRANTED');
    expect(d.requestRU('f1', 'medical')).toMatchObject({ granted: false, code: 'NOT_GRANTED' });
  });

  it('an update is a new version of the partition, named f~v, replacing the old one at the cloud and the SRS', () => {
    const { owner, d, cloud, srs } = world();
    owner.upload('f1', { medical: new TextEncoder().encode('v1') });
    owner.upload('f1', { medical: new TextEncoder().encode('v2') });
    expect(cloud.holdings().map((h) => h.token)).toEqual(['C(f1~2,medical)']);
    expect(srs.holdings().map((h) => h.token)).toContain('RP(f1~2,medical)');
    expect(d.requestRU('f1', 'medical', 1)).toMatchObject({ granted: false, code: 'NO_SUCH_PARTITION' });
    d.downloadC('f1', 'medical', 2);
    expect(d.requestRU('f1', 'medical', 2).granted).toBe(true);
    expect(new TextDecoder().decode(d.decrypt('f1', 'medical', 2))).toBe('v2');
    expect(d.holdings().map((h) => h.token)).toEqual(expect.arrayContaining(['C(f1~2,medical)', 'RU(d,f1~2,medical)', 'PHR(f1~2,medical)']));
  });

  it('the conformance world has one client per key generation', () => {
    const w = createWorld(L, EXT, 'lc');
    expect([...w.users.keys()]).toEqual(['d', 'd~2']);
    expect(w.users.get('d~2')!.name).toBe('d~2');
  });
});

describe('conformance on the lifecycle universe', () => {
  it.each(validConfigs(['extended'], ['srs-keys', 'owner-keys'], ['from-join-date']))('%o: every shortest path, zero mismatches, full coverage', (cfg) => {
    const r = runPaths(buildNet(L, cfg), { seed: 'test-lifecycle' });
    expect(r.mismatches).toEqual([]);
    for (const row of r.coverage) {
      expect(row.missing, row.kind).toEqual([]);
      expect(row.covered).toBe(row.reachable);
    }
  }, 600_000);
});
