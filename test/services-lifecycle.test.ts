// The lifecycle beyond the printed rules at the wire: Ungrant and Except_Policy as owner routes
// signed like the others, key generations and partition versions named in requests and kept by
// the store across a restart, bad input refused naming the field; and the model-based suite on
// the `lifecycle` universe against a `serve` process, which must find no mismatch and cover what
// the in-process run covers (a lifecycle route missing is a mismatch there).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conform } from '../conformance/conform.js';
import { deploymentMakers } from '../conformance/deployment.js';
import type { NetConfig } from '../model/config.js';
import { encodeRP, rpGroup } from '../impl/index.js';
import { ServiceClient } from '../services/client.js';
import { newIdentity, type SigningIdentity } from '../services/identity.js';
import { serve, type Running } from '../services/serve.js';
import { signRequest } from '../services/wire.js';
import { universeByName } from '../universes/index.js';
import { conformSummary as summary, serviceForTests } from './support/services.js';

const L = universeByName('lifecycle');

describe('lifecycle steps at the wire, across a restart', () => {
  let dir: string;
  let running: Running;
  const P = newIdentity('P');
  const d = newIdentity('d');
  let owner: ServiceClient;
  let doctor: ServiceClient;
  const start = () => serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir: dir, variant: 'srs-keys', policy: 'from-join-date', inspection: true });
  const clients = () => {
    owner = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: P });
    doctor = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: d });
  };
  const state = async () => (await (await fetch(`${running.srsUrl}/test/state`)).json()) as { digest: string; epoch: number };
  const holdings = async () => ((await (await fetch(`${running.srsUrl}/test/holdings`)).json()) as Array<{ token: string }>).map((h) => h.token).sort();
  const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { code?: string }) => e.code);
  async function signed(id: SigningIdentity, method: string, path: string, body: string, base = running.srsUrl!) {
    const res = await fetch(base + path, { method, headers: { ...(body && { 'content-type': 'application/json' }), ...signRequest(id, method, path, body) }, body: body || undefined });
    const text = await res.text();
    const json = res.headers.get('content-type')?.startsWith('application/json');
    return { status: res.status, text, error: json ? (JSON.parse(text) as { error?: { code: string; field?: string } }).error : undefined };
  }
  const rp = (k: bigint) => Buffer.from(encodeRP(rpGroup.mul(k))).toString('base64');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sesphr-lifecycle-wire-'));
    running = await start();
    clients();
    await owner.srs('registerOwner', { owner: 'P', signingKey: P.publicKey, config: { labels: ['medical', 'lab'], defaultAccess: { doctor: ['medical'] } } });
    expect(await doctor.srs('register', { user: 'd', owner: 'P', role: 'doctor', signingKey: d.publicKey })).toEqual({ ok: true, generation: 1 });
    await owner.srs('approve', { owner: 'P', user: 'd', generation: 1 });
    for (const [c, x] of [[owner, 'P'], [doctor, 'd']] as const) {
      await c.srs('genKey', { x });
      await c.srs('sendKeys', { x });
    }
    await owner.srs('storeRP', { owner: 'P', file: 'f1', label: 'medical', version: 1, rp: rp(7n) });
    await owner.srs('grant', { owner: 'P', user: 'd', label: 'lab', generation: 1 });
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('narrows a member (Ungrant) and excepts it from the policy, signed by the owner only', async () => {
    expect(await refusal(doctor.srs('ungrant', { owner: 'P', user: 'd', label: 'lab' }))).toBe('WRONG_PRINCIPAL');
    expect(await refusal(doctor.srs('except', { owner: 'P', user: 'd' }))).toBe('WRONG_PRINCIPAL');
    await owner.srs('ungrant', { owner: 'P', user: 'd', label: 'lab', generation: 1 });
    expect(await refusal(owner.srs('ungrant', { owner: 'P', user: 'd', label: 'lab' }))).toBe('NOT_GRANTED');
    await owner.srs('except', { owner: 'P', user: 'd' });
    expect(await refusal(owner.srs('except', { owner: 'P', user: 'd' }))).toBe('WRONG_STEP');
    expect(await doctor.srs('requestRU', { user: 'd', file: 'f1', label: 'medical', generation: 1, version: 1 })).toMatchObject({ granted: true, version: 1 });
  });

  it('answers bad lifecycle input 4xx naming the field, without a stack trace or a state change', async () => {
    const before = await state();
    const cases: Array<[SigningIdentity, string, string, number, string]> = [
      [P, '/v1/owners/P/ungrants', '{"user":"d"}', 400, 'body.label'],
      [P, '/v1/owners/P/ungrants', '{"user":"d","label":"lab","generation":"two"}', 400, 'body.generation'],
      [P, '/v1/owners/P/exceptions', '{"user":"d","generation":0}', 400, 'body.generation'],
      [P, '/v1/owners/P/exceptions', '{"user":"d","extra":1}', 400, 'body'],
      [P, '/v1/owners/P/exceptions', '{"user":"no/such"}', 400, 'user'],
      [d, '/v1/users/d/ru', '{"file":"f1","label":"medical","version":-1}', 400, 'body.version'],
    ];
    for (const [id, path, body, status, field] of cases) {
      const r = await signed(id, 'POST', path, body);
      expect([path, body, r.status, r.error?.field], r.text).toEqual([path, body, status, field]);
      expect(r.text).not.toMatch(/at .*\.ts:\d+/);
    }
    const q = await signed(d, 'GET', '/v1/objects/f1/medical?version=two', '', running.cloudUrl);
    expect([q.status, q.error?.field]).toEqual([400, 'querystring.version']);
    expect(await state()).toEqual(before);
  });

  it('re-joins with the next key generation, uploads a second version, and keeps both across a restart', async () => {
    await owner.srs('revoke', { owner: 'P', user: 'd', generation: 1 });
    expect(await refusal(doctor.srs('register', { user: 'd', owner: 'P', role: 'doctor', signingKey: d.publicKey, generation: 3 }))).toBe('WRONG_STEP');
    expect(await doctor.srs('register', { user: 'd', owner: 'P', role: 'doctor', signingKey: d.publicKey })).toEqual({ ok: true, generation: 2 });
    expect(await refusal(owner.srs('approve', { owner: 'P', user: 'd', generation: 1 }))).toBe('REVOKED');
    await owner.srs('approve', { owner: 'P', user: 'd', generation: 2 });
    await doctor.srs('genKey', { x: 'd', generation: 2 });
    await doctor.srs('sendKeys', { x: 'd', generation: 2 });
    await owner.srs('storeRP', { owner: 'P', file: 'f1', label: 'medical', version: 2, rp: rp(11n) });
    await owner.putC('f1', 'medical', new Uint8Array([1, 2, 3]));
    const asked = { user: 'd', file: 'f1', label: 'medical' };
    const check = async () => {
      expect(await doctor.srs('requestRU', { ...asked, generation: 1 })).toMatchObject({ granted: false, code: 'REVOKED' });
      expect(await doctor.srs('requestRU', { ...asked, generation: 3 })).toMatchObject({ granted: false, code: 'NOT_REGISTERED' });
      expect(await doctor.srs('requestRU', { ...asked, generation: 2, version: 1 })).toMatchObject({ granted: false });
      expect(await doctor.srs('requestRU', { ...asked, generation: 2, version: 2 })).toMatchObject({ granted: true, version: 2 });
      expect(await refusal(doctor.srs('genKey', { x: 'd', generation: 1 }))).toBe('REVOKED');
      expect(await refusal(owner.srs('except', { owner: 'P', user: 'd', generation: 1 }))).toBe('REVOKED');
      expect(await owner.srs('partition', { file: 'f1', label: 'medical' })).toMatchObject({ version: 2 });
      // bytes that are no sealed partition count as version 1 at the cloud: version 2 is not there
      expect((await signed(d, 'GET', '/v1/objects/f1/medical?version=1', '', running.cloudUrl)).status).toBe(200);
      expect((await signed(d, 'GET', '/v1/objects/f1/medical?version=2', '', running.cloudUrl)).error?.code).toBe('NO_SUCH_PARTITION');
    };
    await check();
    const before = await state();
    const held = await holdings();
    expect(held).toEqual(expect.arrayContaining(['sk(d~2)', 'pk(d~2)', 'RK(d~2)', 'RP(f1~2,medical)']));
    await running.close();
    running = await start();
    clients();
    expect(await state()).toEqual(before);
    expect(await holdings()).toEqual(held);
    await check();
    // the exception went with generation 1's membership: generation 2 can be excepted anew, once
    await owner.srs('except', { owner: 'P', user: 'd', generation: 2 });
    expect(await refusal(owner.srs('except', { owner: 'P', user: 'd', generation: 2 }))).toBe('WRONG_STEP');
  }, 60_000);
});

describe('conformance on the lifecycle universe against a deployment', () => {
  const service = serviceForTests('sesphr-lifecycle-conform-');
  const CONFIGS: NetConfig[] = [
    { profile: 'extended', variant: 'srs-keys', policy: 'from-join-date' },
    { profile: 'extended', variant: 'owner-keys', policy: 'history' },
  ];

  it('finds no mismatch, fires every transition (Ungrant, Except_Policy, Register(d~2), the second version among them), and covers what the in-process run covers', () => {
    const o = { universe: L, configs: CONFIGS, seed: 7, runs: 0 };
    const remote = conform({ ...o, make: deploymentMakers({ srsUrl: service().srsUrl!, cloudUrl: service().cloudUrl!, retryMs: 60_000 }, [L]) });
    const local = conform(o);
    expect(remote.mismatches).toEqual([]);
    expect(local.totals.mismatches).toBe(0);
    expect(summary(remote)).toEqual(summary(local));
    for (const c of remote.configs) {
      for (const row of c.paths!.coverage) expect(row.missing, `${row.kind} missing`).toEqual([]);
      const fire = c.paths!.coverage.find((row) => row.kind === 'fire')!;
      expect(fire.covered).toBe(fire.reachable);
    }
  }, 900_000);
});
