// The sampled markings' bits answer what evaluating a formula marking by marking answers: for the
// clauses Houdini filters (read word by word from the facts' bits) and for every other shape.
import { describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { has } from '../model/marking.js';
import { type Prop, and, fact, not, or } from '../model/prop.js';
import { small } from '../universes/index.js';
import { valueOf } from '../smt/houdini.js';
import { sampleBits } from '../smt/sample-bits.js';
import { sampleMarkings } from '../smt/simulate.js';

describe('sampleBits', () => {
  const net = buildNet(small, { profile: 'extended', variant: 'srs-keys', policy: 'history' });
  const samples = sampleMarkings(net);
  const bits = sampleBits(net, samples);
  const always = (p: Prop) => samples.every((m) => valueOf(p, (f) => has(net, m, f)));
  const sometimes = (p: Prop) => samples.some((m) => valueOf(p, (f) => has(net, m, f)));

  // facts true in some samples and false in others, so that clauses of them go either way
  const facts = net.facts.filter((f) => sometimes(fact(f)) && !always(fact(f)));
  let seed = 7;
  const pick = () => facts[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % facts.length];
  const literal = () => (seed % 3 === 0 ? not(fact(pick())) : fact(pick()));

  it('draws markings that tell facts apart', () => {
    expect(samples.length).toBeGreaterThan(64);
    expect(facts.length).toBeGreaterThan(10);
  });

  it('answers clauses of one to four literals, and single literals, as valueOf does on each marking', () => {
    const clauses: Prop[] = [];
    for (let n = 0; n < 400; n++) clauses.push(n % 5 === 0 ? literal() : or(...Array.from({ length: 1 + (n % 4) }, literal)));
    // a literal that holds in every sample, and a fact the net never mentions (false everywhere)
    const held = net.facts.find((f) => always(fact(f)));
    expect(held).toBeDefined();
    clauses.push(fact(held!), or(fact(held!), fact(pick())));
    clauses.push(fact('NotAFact(x)'), not(fact('NotAFact(x)')));
    const answers = clauses.map((c) => [bits.always(c), bits.sometimes(c)]);
    expect(answers).toEqual(clauses.map((c) => [always(c), sometimes(c)]));
    // both answers occur, so the comparison can tell a wrong filter from a right one
    expect(new Set(answers.map((a) => a[0]))).toEqual(new Set([true, false]));
  });

  it('answers other shapes (nested, conjunctions, constants) as valueOf does', () => {
    const shapes: Prop[] = [];
    for (let n = 0; n < 200; n++) {
      const a = or(literal(), literal()), b = or(literal(), not(and(literal(), literal())));
      shapes.push(and(a, b), or(a, and(literal(), literal())), not(a), or(not(or(literal(), literal())), literal()));
    }
    shapes.push({ t: 'const', v: true }, { t: 'const', v: false }, or(), and());
    expect(shapes.map((p) => [bits.always(p), bits.sometimes(p)])).toEqual(shapes.map((p) => [always(p), sometimes(p)]));
  });
});
