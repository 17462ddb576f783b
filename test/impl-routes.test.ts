// What parties and coalitions can read from the bytes they actually hold (the implementation side
// of the conformance oracle), including the scheme's known weaknesses, which are findings.
import { describe, expect, it } from 'vitest';
import { VARIANTS, tryRead, type Holding } from '../impl/index.js';
import { makeWorld, text } from './impl-fixtures.js';

const without = (hs: Holding[], kind: RegExp) => hs.filter((h) => !kind.test(h.token));

describe.each(VARIANTS)('reading from holdings alone: %s', (variant) => {
  function scene() {
    const w = makeWorld(variant);
    const doc = w.join('doc', 'doctor');
    const ins = w.join('ins', 'insurer');
    w.owner.upload('f1', { medical: 'm1', insurance: 'i1' });
    doc.readAll('f1');
    ins.readAll('f1');
    return { w, doc, ins };
  }

  it('the cloud alone and the SRS alone read nothing', () => {
    const { w } = scene();
    expect(tryRead(w.cloud.holdings(), 'f1', 'medical').readable).toBe(false);
    expect(tryRead(w.srs.holdings(), 'f1', 'medical').readable).toBe(false);
  });

  it('SRS and cloud together: read everything in srs-keys (the SRS holds x_P), nothing in owner-keys', () => {
    const { w } = scene();
    const got = tryRead([...w.srs.holdings(), ...w.cloud.holdings()], 'f1', 'medical');
    expect(got.readable).toBe(variant === 'srs-keys');
    if (got.readable) expect(got.route).toMatch(/^RP\(f,i\) \+ (RK\(doc\) \+ )?sk\((patient|doc)\)/);
  });

  it('a granted user reads with RU + sk even after dropping the plaintext; an ungranted one does not', () => {
    const { doc, ins } = scene();
    const got = tryRead(without(doc.holdings(), /^PHR\(/), 'f1', 'medical');
    expect(got.readable && text(got.plaintext)).toBe('m1');
    expect(got.route).toMatch(/^RU\(doc,f,i\) \+ sk\(doc\)/);
    expect(tryRead(ins.holdings(), 'f1', 'medical').readable).toBe(false);
  });

  it('a user colluding with the SRS reads partitions it was not granted (single-key PRE weakness)', () => {
    const { w, ins } = scene();
    const got = tryRead([...ins.holdings(), ...w.srs.holdings()], 'f1', 'medical');
    expect(got.readable && text(got.plaintext)).toBe('m1');
  });

  it('the owner reads from r or from sk(P) + RP', () => {
    const { w } = scene();
    expect(tryRead(without(w.owner.holdings(), /^PHR\(/), 'f1', 'insurance').route).toMatch(/^r\(f,i\)/);
    expect(tryRead(without(w.owner.holdings(), /^(PHR|r)\(/), 'f1', 'insurance').route).toMatch(/^RP\(f,i\) \+ sk\(patient\)/);
  });

  it('a revoked user keeps old files readable; a file uploaded after revocation is not, even with the cloud', () => {
    const { w, doc } = scene();
    w.owner.revoke('doc');
    w.owner.upload('f2', { medical: 'm2' });
    doc.readAll('f2');
    const kept = without(doc.holdings(), /^PHR\(/);
    expect(tryRead(kept, 'f1', 'medical').readable).toBe(true);
    expect(tryRead([...kept, ...w.cloud.holdings()], 'f2', 'medical').readable).toBe(false);
    // A re-upload of f1 after revocation is a new version, f1~2, with a new mask: the old RU's
    // bytes, tried on the new ciphertext as if they were its RU, do not authenticate.
    w.owner.upload('f1', { medical: 'm1-v2' });
    const cloud = w.cloud.holdings();
    expect(cloud.map((h) => h.token)).toContain('C(f1~2,medical)');
    const oldRU = kept.filter((h) => h.token === 'RU(doc,f1,medical)');
    expect(oldRU).toHaveLength(1);
    const asNew = oldRU.map((h) => ({ ...h, token: 'RU(doc,f1~2,medical)' }));
    expect(tryRead([...without(kept, /^(C|RU)\(/), ...asNew, ...cloud], 'f1~2', 'medical').readable).toBe(false);
    // the same bytes open the version they were made for (f1 read from what the user kept)
    expect(text((tryRead(kept, 'f1', 'medical') as { plaintext: Uint8Array }).plaintext)).toBe('m1');
  });
});
