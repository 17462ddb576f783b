// A user may be in several owners' circles (the doctor of two patients). The SRS finds a user's
// circles by the user, so these checks pin what that lookup must give: every circle, in
// registration order, through revocation and re-joining.
import { describe, expect, it } from 'vitest';
import { Srs, deterministicRandom, isSesphrError } from '../impl/index.js';

function srs(): Srs {
  const s = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('circles') });
  for (const o of ['alice', 'bob', 'carol']) {
    s.registerOwner(o);
    s.genKey(o);
  }
  return s;
}

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isSesphrError(e) ? e.code : 'not a SesphrError';
  }
  return undefined;
};

describe('a user in several circles', () => {
  it('is a member of each, the first registered being its default circle', () => {
    const s = srs();
    s.register('doc', 'bob', 'doctor');
    s.register('doc', 'alice', 'doctor');
    s.genKey('doc');
    expect(s.member('doc')?.owner).toBe('bob');
    expect(s.member('doc', 'alice')?.owner).toBe('alice');
    expect(s.member('doc', 'carol')).toBeUndefined();
  });

  it('keeps its key pair until the last approved circle revokes it, and is then refused as revoked', () => {
    const s = srs();
    s.register('doc', 'bob', 'doctor');
    s.register('doc', 'alice', 'doctor');
    s.genKey('doc');
    s.approve('bob', 'doc');
    s.approve('alice', 'doc');
    s.revoke('bob', 'doc');
    expect(s.member('doc')?.owner).toBe('alice');
    expect(s.sendKeys('doc').principal).toBe('doc');
    expect(codeOf(() => s.approve('bob', 'doc'))).toBe('REVOKED');
    s.revoke('alice', 'doc');
    expect(s.member('doc')).toBeUndefined();
    expect(codeOf(() => s.genKey('doc'))).toBe('REVOKED');
    expect(codeOf(() => s.sendKeys('doc'))).toBe('MISSING_KEY');
    expect(codeOf(() => s.genKey('nobody'))).toBe('NOT_REGISTERED');
  });

  it('re-joins with a fresh generation, its new circle listed after the ones it kept', () => {
    const s = srs();
    s.register('doc', 'bob', 'doctor');
    s.register('doc', 'alice', 'doctor');
    s.revoke('bob', 'doc');
    expect(s.member('doc')?.owner).toBe('alice');
    s.revoke('alice', 'doc');
    expect(s.register('doc', 'bob', 'doctor')).toBe(2);
    s.register('doc', 'carol', 'doctor');
    expect(s.member('doc')?.owner).toBe('bob');
    expect(s.member('doc')?.generation).toBe(2);
    s.revoke('bob', 'doc');
    expect(s.member('doc')?.owner).toBe('carol');
  });

  it('is refused by an owner it never joined, naming the circle it is in', () => {
    const s = srs();
    s.register('doc', 'bob', 'doctor');
    expect(codeOf(() => s.approve('alice', 'doc'))).toBe('OTHER_OWNER');
  });

  it('cannot be registered as an owner too, as an owner cannot be registered as a user', () => {
    const s = srs();
    s.register('doc', 'bob', 'doctor');
    expect(codeOf(() => s.registerOwner('doc'))).toBe('DUPLICATE_OWNER');
    expect(codeOf(() => s.register('alice', 'bob', 'doctor'))).toBe('DUPLICATE_USER');
    // once no circle holds it any more, the name is free for an owner
    s.revoke('bob', 'doc');
    expect(codeOf(() => s.registerOwner('doc'))).toBeUndefined();
  });
});
