// Refusals (rule 32) and the lifecycle: ungranted partitions, unregistered, unapproved, revoked and
// other owners' users; both backward-access policies; revocation touches nothing else; holdings.
import { describe, expect, it } from 'vitest';
import { POLICIES, UserClient, VARIANTS, decodeGT, openPartition, recoverMask, decodeScalar, type Holding } from '../impl/index.js';
import { makeWorld, text } from './impl-fixtures.js';

const outcome = (u: UserClient, f: string) => Object.fromEntries(u.readAll(f).map((o) => [o.label, o.status === 'read' ? 'read' : o.code]));
const tokens = (hs: Holding[]) => hs.map((h) => h.token).sort();

describe.each(VARIANTS)('access control: %s', (variant) => {
  it('refuses an ungranted partition, and grant extends access', () => {
    const w = makeWorld(variant);
    const res = w.join('res', 'researcher');
    w.owner.upload('f1', { personal: 'p', medical: 'm' });
    expect(outcome(res, 'f1')).toEqual({ personal: 'NOT_GRANTED', medical: 'read' });
    const refusal = w.srs.requestRU('res', 'f1', 'personal');
    expect(refusal).toMatchObject({ granted: false, code: 'NOT_GRANTED' });
    expect(!refusal.granted && refusal.reason).toContain('personal');
    w.owner.grant('res', 'personal');
    expect(outcome(res, 'f1')).toEqual({ personal: 'read', medical: 'read' });
  });

  it('refuses an unregistered user and a registered but unapproved one', () => {
    const w = makeWorld(variant);
    w.owner.upload('f1', { medical: 'm' });
    const stranger = new UserClient('mallory', { srs: w.srs, cloud: w.cloud });
    expect(w.srs.requestRU('mallory', 'f1', 'medical')).toMatchObject({ granted: false, code: 'NOT_REGISTERED' });
    expect(outcome(stranger, 'f1')).toEqual({ medical: 'NOT_REGISTERED' });
    // The stranger can download C (it is public ciphertext) but holds no R_U and no PHR.
    expect(tokens(stranger.holdings())).toEqual(['C(f1,medical)']);
    const pending = w.join('fam', 'family', { approve: false });
    expect(outcome(pending, 'f1')).toEqual({ medical: 'NOT_APPROVED' });
  });

  it("refuses a user of another owner, in both directions", () => {
    const w = makeWorld(variant);
    const bob = w.addOwner('bob');
    const mine = w.join('doc-a', 'doctor');
    const theirs = w.join('doc-b', 'doctor', { by: bob });
    w.owner.upload('fa', { medical: 'a' });
    bob.upload('fb', { medical: 'b' });
    expect(outcome(mine, 'fa')).toEqual({ medical: 'read' });
    expect(outcome(theirs, 'fb')).toEqual({ medical: 'read' });
    expect(outcome(mine, 'fb')).toEqual({ medical: 'OTHER_OWNER' });
    expect(outcome(theirs, 'fa')).toEqual({ medical: 'OTHER_OWNER' });
  });

  it('revocation: refused on a file uploaded after it; the kept bytes still open the old file', () => {
    const w = makeWorld(variant);
    const doc = w.join('doc', 'doctor');
    const fam = w.join('fam', 'family');
    w.owner.upload('f1', { medical: 'before' });
    expect(outcome(doc, 'f1')).toEqual({ medical: 'read' });
    const famKeys = tokens(w.srs.holdings().filter((h) => h.token.endsWith('(fam)')));
    const rpBefore = w.srs.holdings().filter((h) => h.token.startsWith('RP('));
    const cBefore = w.cloud.holdings();
    const famHeld = fam.stateDigest();
    w.owner.revoke('doc');
    // Nothing but the revoked user's entries changed (revocation.no-rekey).
    expect(tokens(w.srs.holdings().filter((h) => h.token.endsWith('(fam)')))).toEqual(famKeys);
    expect(w.srs.holdings().filter((h) => h.token.startsWith('RP('))).toEqual(rpBefore);
    expect(w.cloud.holdings()).toEqual(cBefore);
    expect(fam.stateDigest()).toBe(famHeld);
    expect(w.srs.holdings().some((h) => h.token.endsWith('(doc)'))).toBe(false);
    w.owner.upload('f2', { medical: 'after' });
    expect(outcome(doc, 'f2')).toEqual({ medical: 'REVOKED' });
    expect(outcome(doc, 'f1')).toEqual({ medical: 'REVOKED' });
    expect(outcome(fam, 'f2')).toEqual({ medical: 'read' });
    // Forward access holds only for new files: with what it kept, the revoked doctor still opens f1.
    const held = new Map(doc.holdings().map((h) => [h.token, h.bytes]));
    const mask = recoverMask(decodeGT(held.get('RU(doc,f1,medical)')!, 'RU'), decodeScalar(held.get('sk(doc)')!, 'sk'));
    expect(text(openPartition(mask, { owner: 'patient', file: 'f1', label: 'medical', version: 1 }, w.cloud.get('f1', 'medical')))).toBe('before');
    // An honest departing user forgets everything.
    doc.forget();
    expect(doc.holdings()).toEqual([]);
  });

  it.each(POLICIES)('backward access under %s: a member who joined after an upload', (policy) => {
    const w = makeWorld(variant, policy);
    w.owner.upload('f1', { personal: 'old', medical: 'old' });
    const late = w.join('late', 'family');
    w.owner.upload('f2', { personal: 'new' });
    const expected = policy === 'history' ? 'read' : 'BEFORE_JOIN';
    expect(outcome(late, 'f1')).toEqual({ personal: expected, medical: expected });
    expect(outcome(late, 'f2')).toEqual({ personal: 'read' });
    // Re-uploading f1 after the join makes its new version readable under both policies.
    w.owner.upload('f1', { medical: 'newer' });
    expect(outcome(late, 'f1')).toEqual({ personal: expected, medical: 'read' });
  });

  it('the clock advances on SRS events and records join and upload epochs', () => {
    const w = makeWorld(variant, 'from-join-date');
    const e0 = w.srs.epoch;
    const u = w.join('u', 'insurer');
    const joined = w.srs.member('u')!.joinEpoch!;
    expect(joined).toBeGreaterThan(e0);
    w.srs.tick();
    w.owner.upload('f', { insurance: 'i' });
    expect(w.srs.partition('f', 'insurance')!.uploadEpoch).toBeGreaterThan(joined + 1);
    const before = w.srs.epoch;
    expect(outcome(u, 'f')).toEqual({ insurance: 'read' });
    expect(w.srs.epoch).toBe(before); // requests do not move the clock
  });

  it('holdings: the SRS never holds C or PHR; the cloud only C; secret keys only where the variant puts them', () => {
    const w = makeWorld(variant);
    const doc = w.join('doc', 'doctor');
    w.owner.upload('f1', { medical: 'm', insurance: 'i' });
    doc.readAll('f1');
    const srsTokens = tokens(w.srs.holdings());
    expect(srsTokens.filter((t) => /^(C|PHR|RU|r)\(/.test(t))).toEqual([]);
    expect(srsTokens.filter((t) => t.startsWith('sk('))).toEqual(variant === 'srs-keys' ? ['sk(doc)', 'sk(patient)'] : []);
    expect(tokens(w.cloud.holdings())).toEqual(['C(f1,insurance)', 'C(f1,medical)']);
    expect(tokens(doc.holdings())).toEqual(['C(f1,insurance)', 'C(f1,medical)', 'PHR(f1,medical)', 'RU(doc,f1,medical)', 'pk(doc)', 'sk(doc)']);
    expect(tokens(w.owner.holdings())).toEqual(
      ['C(f1,insurance)', 'C(f1,medical)', 'PHR(f1,insurance)', 'PHR(f1,medical)', 'RP(f1,insurance)', 'RP(f1,medical)', 'pk(patient)', 'r(f1,insurance)', 'r(f1,medical)', 'sk(patient)'],
    );
  });

  it('per-rule steps can be applied one by one, and out of order they are refused', () => {
    const w = makeWorld(variant);
    const doc = w.join('doc', 'doctor');
    w.owner.loadPHR('f', { medical: 'm' });
    expect(() => w.owner.encryptPartition('f', 'medical')).toThrow(/Gen_ri first/);
    w.owner.drawR('f', 'medical'); // rule 25
    w.owner.encryptPartition('f', 'medical'); // 26
    expect(() => w.owner.drawR('f', 'medical')).toThrow(/already encrypted/);
    expect(() => w.owner.sendRP('f', 'medical')).toThrow(/Compt_Ri first/);
    w.owner.computeRP('f', 'medical'); // 27
    w.owner.sendC('f', 'medical'); // 28
    w.owner.sendRP('f', 'medical'); // 29
    doc.downloadC('f', 'medical'); // 30
    expect(doc.requestRU('f', 'medical').granted).toBe(true); // 31
    expect(text(doc.decrypt('f', 'medical'))).toBe('m'); // 33
  });
});

describe('variant-specific key management', () => {
  it('owner-keys: the SRS never sees a secret key and refuses SRS-side key generation', () => {
    const w = makeWorld('owner-keys');
    w.join('u', 'doctor');
    expect(w.srs.holdings().some((h) => h.token.startsWith('sk('))).toBe(false);
    expect(() => w.srs.genKey('u')).toThrow(/srs-keys/);
  });
  it('srs-keys: approval may precede Gen_Key (Sec. 3.6 order); RK is formed once both secrets exist', () => {
    const w = makeWorld('srs-keys');
    w.owner.upload('f', { medical: 'm' });
    const u = new UserClient('late-keys', { srs: w.srs, cloud: w.cloud });
    u.register('patient', 'doctor');
    w.owner.approve('late-keys');
    expect(w.srs.requestRU('late-keys', 'f', 'medical')).toMatchObject({ granted: false, code: 'MISSING_KEY' });
    u.genKey();
    u.sendKeys();
    expect(outcome(u, 'f')).toEqual({ medical: 'read' });
  });
  it('srs-keys: a party cannot deposit its own public key', () => {
    const w = makeWorld('srs-keys');
    expect(() => w.srs.receivePublicKey('patient', new Uint8Array(96))).toThrow(/owner-keys/);
  });
});
