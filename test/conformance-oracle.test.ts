// The adapter and the oracle on hand-picked steps: refusals with the model's reason, documented
// deviations counted (not silently passed), and the oracle failing when the implementation is
// made to misbehave (the suite can fail).
import { describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { small } from '../universes/index.js';
import type { NetEvent } from '../model/machine.js';
import { applyEvent, createWorld, holdingsOf, runEvents } from '../conformance/index.js';
import { HONEST } from '../conformance/world.js';
import { Srs } from '../impl/index.js';
import { FAULTS } from '../scripts/faults.js';

const ext = buildNet(small, { profile: 'extended', variant: 'srs-keys', policy: 'history' });
const ev = (type: string, b: Record<string, string> = {}): NetEvent => ({ type, ...b });
// register, approve, keys, upload medical, download and request: the doctor reads.
const joinAndRead: NetEvent[] = [
  ev('Register', { u: 'd' }), ev('Approve', { u: 'd' }), ev('Gen_Key', { x: 'P' }), ev('Send_Keys', { x: 'P' }),
  ev('Gen_Key', { x: 'd' }), ev('Send_Keys', { x: 'd' }), ev('Gen_ri', { f: 'f1', i: 'medical' }),
  ev('Encrypt_Pi', { f: 'f1', i: 'medical' }), ev('Compt_Ri', { f: 'f1', i: 'medical' }), ev('Send_C', { f: 'f1', i: 'medical' }),
  ev('Send_Ri', { f: 'f1', i: 'medical' }), ev('D_C', { u: 'd', f: 'f1', i: 'medical' }), ev('D_R_S', { u: 'd', f: 'f1', i: 'medical' }),
  ev('Decrypt_ri', { u: 'd', f: 'f1', i: 'medical' }),
];

describe('adapter', () => {
  it('reports the implementation\'s refusal code and keeps secrets out of holdings names', () => {
    const w = createWorld(small, ext.cfg, 'seed-a');
    expect(applyEvent(w, ev('D_R_S', { u: 'd', f: 'f1', i: 'medical' }))).toMatchObject({ accepted: false, code: 'NOT_REGISTERED' });
    expect(applyEvent(w, ev('Encrypt_Pi', { f: 'f1', i: 'medical' }))).toMatchObject({ accepted: false, code: 'WRONG_STEP' });
    expect(holdingsOf(w, 'P').map((h) => h.token).sort()).toEqual(['PHR(f1,insurance)', 'PHR(f1,medical)']);
  });

  it('a member\'s whole read path agrees with the model at every step, and the doctor reads exactly medical', () => {
    const run = runEvents(ext, 'join-and-read', joinAndRead, { seed: 'seed-b' });
    expect(run.mismatches).toEqual([]);
    expect(run.reads.filter((r) => r.coalition === 'd').map((r) => r.partition)).toEqual(['medical']);
  });

  it('an ungranted request is refused by both, for the reason the model gives', () => {
    const run = runEvents(ext, 'ungranted', [...joinAndRead.slice(0, 6), ev('Gen_ri', { f: 'f1', i: 'insurance' }), ev('Compt_Ri', { f: 'f1', i: 'insurance' }), ev('Send_Ri', { f: 'f1', i: 'insurance' }), ev('D_R_F', { u: 'd', f: 'f1', i: 'insurance' })], { seed: 'seed-c' });
    expect(run.mismatches).toEqual([]);
  });

  it('a refused lifecycle step is refused for the model\'s reason (model/step-refusal.ts), whichever party checks first', () => {
    const own = buildNet(small, { profile: 'extended', variant: 'owner-keys', policy: 'history' });
    // the owner asks the SRS who d is before it fetches pk(d): NOT_REGISTERED, not a missing key
    const stranger = runEvents(own, 'approve-stranger', [ev('Approve', { u: 'd' })], { seed: 'seed-r' });
    expect(stranger.mismatches).toEqual([]);
    // a revoked user is refused as revoked when it sends its key again; the same R_P twice is a repeated step
    const revoked = runEvents(ext, 'revoked-keys', [...joinAndRead.slice(0, 6), ev('Revoke', { u: 'd' }), ev('Send_Keys', { x: 'd' })], { seed: 'seed-r' });
    expect(revoked.mismatches).toEqual([]);
    const twice = runEvents(ext, 'rp-twice', [...joinAndRead.slice(0, 11), ev('Send_Ri', { f: 'f1', i: 'medical' })], { seed: 'seed-r' });
    expect(twice.mismatches).toEqual([]);
  });

  it('an implementation refusing a lifecycle step for another reason is a mismatch', () => {
    const own = buildNet(small, { profile: 'extended', variant: 'owner-keys', policy: 'history' });
    // an SRS that answers "approvable" for anyone: the owner then fails on the missing pk(d)
    class NoApproveCheck extends Srs {
      override checkApprove(): void {}
    }
    const bad = runEvents(own, 'approve-stranger', [ev('Approve', { u: 'd' })], { seed: 'seed-r', make: { ...HONEST, srs: (o) => new NoApproveCheck(o) } });
    expect(bad.mismatches.map((m) => `${m.model} / ${m.impl}`)).toEqual([expect.stringMatching(/^refused for NOT_REGISTERED .* \/ refused for MISSING_KEY$/)]);
  });

  it('a non-member download is a documented deviation, counted and not passed silently', () => {
    const run = runEvents(ext, 'public-cloud', [ev('Gen_Key', { x: 'P' }), ev('Send_Keys', { x: 'P' }), ev('Gen_ri', { f: 'f1', i: 'medical' }), ev('Encrypt_Pi', { f: 'f1', i: 'medical' }), ev('Send_C', { f: 'f1', i: 'medical' }), ev('D_C', { u: 'o', f: 'f1', i: 'medical' })], { seed: 'seed-d' });
    expect(run.mismatches).toEqual([]);
    expect(run.deviations.map((d) => d.id)).toEqual(['public-cloud']);
  });
});

describe('the oracle fails on a faulty implementation', () => {
  const fault = (id: string) => FAULTS.find((f) => f.id === id)!.make;

  it('a partition key reused across partitions lets the doctor with the cloud read the ungranted partition', () => {
    const upBoth = [...joinAndRead.slice(0, 6), ...['medical', 'insurance'].flatMap((i) => ['Gen_ri', 'Encrypt_Pi', 'Compt_Ri', 'Send_C', 'Send_Ri'].map((t) => ev(t, { f: 'f1', i })))];
    const events = [...upBoth, ev('D_R_S', { u: 'd', f: 'f1', i: 'medical' })];
    expect(runEvents(ext, 'honest', events, { seed: 'seed-e' }).mismatches).toEqual([]);
    const bad = runEvents(ext, 'faulty', events, { seed: 'seed-e', make: fault('key-reused') });
    expect(bad.mismatches.some((m) => m.kind === 'readable' && m.file === 'f1' && m.partition === 'insurance' && m.model === 'not readable')).toBe(true);
  });

  it('a revocation that leaves the keys shows in the SRS holdings', () => {
    const events = [...joinAndRead.slice(0, 6), ev('Revoke', { u: 'd' })];
    const bad = runEvents(ext, 'faulty', events, { seed: 'seed-f', make: fault('revoke-keeps-keys') });
    expect(bad.mismatches.some((m) => m.kind === 'holdings' && m.party === 'SRS' && m.impl === 'holds sk(d)')).toBe(true);
  });
});

describe('sesphr conform options', () => {
  it('a bad option is one line naming it, exit status 2', async () => {
    const { spawnSync } = await import('node:child_process');
    // one spawn: the CLI's start-up is slow (every command module loads); options.ts is shared
    for (const [args, option] of [[['--seed', 'x'], '--seed']] as const) {
      const r = spawnSync(process.execPath, ['--import', './register.mjs', 'cli/sesphr.ts', 'conform', ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(option);
    }
  });
});
