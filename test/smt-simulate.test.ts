// The random runs that seed Houdini's candidates (smt/simulate.ts) are cached per net: a second
// ask with the same walks is the same sample, and an ask with other walks is that ask's own sample,
// never the one cached for another.
import { describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { DEFAULT_WALKS } from '../model/walks.js';
import { small } from '../universes/index.js';
import { sampleMarkings } from '../smt/simulate.js';

const CFG = { profile: 'extended', variant: 'srs-keys', policy: 'history' } as const;
const SHORT = { walks: 20, length: 15, seed: 7 };
const words = (ms: readonly ArrayLike<number>[]) => ms.map((m) => Array.from(m).join(','));

describe('sampleMarkings', () => {
  it('caches per walks asked for: another ask on the same net is its own sample', () => {
    const net = buildNet(small, CFG);
    const byDefault = sampleMarkings(net);
    const short = sampleMarkings(net, SHORT);
    // each as computed on a net with nothing cached
    expect(words(short)).toEqual(words(sampleMarkings(buildNet(small, CFG), SHORT)));
    expect(words(byDefault)).toEqual(words(sampleMarkings(buildNet(small, CFG))));
    expect(short.length).toBeLessThan(byDefault.length);
    // the same walks, asked again or spelt out, are the cached sample
    expect(sampleMarkings(net)).toBe(byDefault);
    expect(sampleMarkings(net, DEFAULT_WALKS)).toBe(byDefault);
    expect(sampleMarkings(net, SHORT)).toBe(short);
  });

  it('caches per transition set', () => {
    const net = buildNet(small, CFG);
    const some = net.transitions.slice(0, Math.ceil(net.transitions.length / 2));
    const all = sampleMarkings(net);
    const part = sampleMarkings(net, {}, some);
    expect(part).not.toBe(all);
    const other = buildNet(small, CFG);
    expect(words(part)).toEqual(words(sampleMarkings(other, {}, other.transitions.slice(0, some.length))));
  });
});
