// A party's state digest is printed where two differ (a failed assertion) and served by the
// inspection routes, so it names each holding by a hash: no secret key, r, partition key or
// plaintext appears in it, while equal states still give equal digests and any change shows.
import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../impl/index.js';
import { makeWorld } from './impl-fixtures.js';

describe.each(VARIANTS)('state digests hold no secret bytes: %s', (variant) => {
  it('no holding\'s bytes, in hex or as text, appear in any party\'s digest', () => {
    const w = makeWorld(variant);
    const fam = w.join('fam', 'family');
    w.owner.upload('f1', { medical: 'secret-diagnosis-amlodipine', personal: 'Ann Example' });
    fam.readAll('f1');
    const parties = [w.srs, w.cloud, w.owner, fam];
    const digests = parties.map((p) => p.stateDigest());
    const held = parties.flatMap((p) => p.holdings()).filter((h) => h.bytes.length >= 8);
    // The holdings include the parties' secret keys and the plaintext that fam decrypted.
    expect(held.some((h) => /^sk\(/.test(h.token))).toBe(true);
    expect(held.some((h) => /^PHR\(/.test(h.token))).toBe(true);
    for (const h of held) {
      const hex = Buffer.from(h.bytes).toString('hex');
      for (const d of digests) expect(d.includes(hex), `${h.token} in a digest`).toBe(false);
    }
    for (const d of digests) expect(d).not.toMatch(/secret-diagnosis|Ann Example/);
  });

  it('equal states give equal digests, and a change of any holding shows', () => {
    const a = makeWorld(variant);
    const before = a.owner.stateDigest();
    expect(a.owner.stateDigest()).toBe(before);
    a.owner.upload('f1', { medical: 'x' });
    expect(a.owner.stateDigest()).not.toBe(before);
  });
});
