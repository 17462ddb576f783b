// The cloud's index by file: who owns a file and which labels it has, kept beside the objects so
// that a put's ownership check and a manifest read do not walk every object the cloud holds. It
// must answer as a walk over the objects would, through puts, replacements and losses.
import { describe, expect, it } from 'vitest';
import { Cloud, isSesphrError } from '../impl/index.js';
import { parseTerm } from '../model/terms.js';

/** The labels of `file` as a walk over every object the cloud holds lists them (its holdings'
 *  tokens C(f,i), in the order stored): what the index must answer, computed without it. */
const walked = (cloud: Cloud, file: string) =>
  cloud.holdings().map((h) => parseTerm(h.token).args).filter(([f]) => f === file).map(([, label]) => label);

/** Stores an object, then holds the index to the walk for every file the test uses. */
const put = (cloud: Cloud, owner: string, file: string, label: string) => {
  cloud.put({ owner, file, label, c: new TextEncoder().encode(`${owner}/${file}/${label}`) });
  for (const f of ['f1', 'f2', 'f3']) expect(cloud.labels(f)).toEqual(walked(cloud, f));
};

describe('the cloud keeps an index of its files', () => {
  it('lists a file\'s labels in the order first stored, a replacement keeping its place', () => {
    const cloud = new Cloud();
    for (const l of ['medical', 'insurance', 'personal']) put(cloud, 'p', 'f1', l);
    put(cloud, 'p', 'f2', 'medical');
    put(cloud, 'p', 'f1', 'insurance');
    expect(cloud.labels('f1')).toEqual(['medical', 'insurance', 'personal']);
    expect(cloud.labels('f2')).toEqual(['medical']);
    expect(cloud.labels('f3')).toEqual([]);
    expect(walked(cloud, 'f1')).toEqual(['medical', 'insurance', 'personal']);
  });

  it('refuses another owner\'s object for a stored file, and stores nothing of it', () => {
    const cloud = new Cloud();
    put(cloud, 'p', 'f1', 'medical');
    const before = cloud.stateDigest();
    let code = '';
    try {
      put(cloud, 'q', 'f1', 'insurance');
    } catch (e) {
      if (isSesphrError(e)) code = e.code;
    }
    expect(code).toBe('FILE_OWNED_BY_OTHER');
    expect(cloud.stateDigest()).toBe(before);
    expect(cloud.labels('f1')).toEqual(['medical']);
  });

  it('forgets a label the cloud loses, and a file it holds nothing of is no one\'s', () => {
    const cloud = new Cloud();
    put(cloud, 'p', 'f1', 'medical');
    put(cloud, 'p', 'f1', 'insurance');
    cloud.deleteForTest('f1', 'medical');
    expect(cloud.labels('f1')).toEqual(walked(cloud, 'f1'));
    expect(cloud.labels('f1')).toEqual(['insurance']);
    expect(() => put(cloud, 'q', 'f1', 'medical')).toThrow(/another owner/);
    cloud.deleteForTest('f1', 'insurance');
    expect(cloud.labels('f1')).toEqual([]);
    put(cloud, 'q', 'f1', 'medical');
    expect(cloud.labels('f1')).toEqual(['medical']);
    // a lost label stored again comes after the ones still there, as a walk in storing order lists it
    put(cloud, 'q', 'f1', 'insurance');
    cloud.deleteForTest('f1', 'medical');
    put(cloud, 'q', 'f1', 'medical');
    expect(cloud.labels('f1')).toEqual(['insurance', 'medical']);
  });
});
