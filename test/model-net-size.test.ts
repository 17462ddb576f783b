// A universe far larger than the shipped ones: the net is refused while it is built, with what the
// universe holds, instead of the process running out of memory; and a statement over a net of any
// size is built without spreading its items into arguments.
import { describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { MAX_GROUND_TRANSITIONS, NetTooLarge } from '../model/net-size.js';
import { all, any, fact } from '../model/prop.js';
import { CATALOGUE } from '../model/properties.js';
import { parseUniverse, universeByName } from '../universes/index.js';
import { thrown } from './support/thrown.js';
import { universeText } from './support/universe-text.js';

const generated = (users: number, partitions: number, files: number) => parseUniverse('generated.yaml', universeText('generated', users, partitions, files));

describe('the size of a ground net', () => {
  it('refuses a universe that grounds past the limit, naming it and what it holds', () => {
    const U = generated(300, 40, 30);
    const e = thrown(() => buildNet(U, { profile: 'paper', variant: 'srs-keys', policy: 'history' }));
    expect(e).toBeInstanceOf(NetTooLarge);
    expect(e.message).toBe(
      `universe 'generated' (generated.yaml) grounds to more than ${MAX_GROUND_TRANSITIONS} transitions on paper/srs-keys/history ` +
        '(300 users, 1 patient, up to 40 partitions and 30 files a patient), the most one net may have: check smaller universes here, and every size with verify --all-sizes',
    );
  });

  it('builds a net of tens of thousands of transitions, and every statement over it', () => {
    // 80 users, 10 partitions and 10 files: over twenty times the hospital universe's transitions
    const cfg = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' } as const;
    const net = buildNet(generated(80, 10, 10), cfg);
    expect(net.transitions.length).toBeGreaterThan(20 * buildNet(universeByName('hospital'), cfg).transitions.length);
    expect(net.transitions.length).toBeLessThanOrEqual(MAX_GROUND_TRANSITIONS);
    for (const p of CATALOGUE.filter((q) => q.profiles.includes('adversarial') && !q.modules)) expect(() => p.statement(net), p.id).not.toThrow();
  });

  it('conjoins and disjoins lists longer than V8 takes as arguments', () => {
    const items = Array.from({ length: 300_000 }, (_, i) => fact(`f${i}`));
    const a = all(items);
    const o = any(items);
    expect(a.t === 'and' && a.as.length).toBe(300_000);
    expect(o.t === 'or' && o.as.length).toBe(300_000);
    // nested conjunctions are flattened as before
    const more = all([a, fact('g')]);
    expect(more.t === 'and' && more.as.length).toBe(300_001);
  });
});
