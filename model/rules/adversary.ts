// What attackers do (profile `adversarial`). Coalitions need no transition: a coalition reads
// what the knowledge closure derives from the union of its members' holdings (model/knowledge.ts);
// the catalogue names the coalitions it checks.
import { and, fact, not } from '../prop.js';
import { defineRule } from '../rule.js';
import { C, CLOUD, holds } from '../terms.js';

export const Leak_C = defineRule({
  name: 'Leak_C', profile: 'adversarial',
  params: [['p', 'patient'], ['o', 'user'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['Cloud', 'User'], out: ['User'] },
  paper: 'Section 3.1: the cloud is untrusted; a cloud insider may hand the stored ciphertext to anyone.',
  reading: 'A cloud insider gives C(f,i) of patient p to any user o: an outsider to p, a user not yet approved, a member, or a departed member. C is ciphertext, so what o reads from it is what its keys derive (the knowledge closure).',
  ground: ({ o, f, i }) => ({
    guard: and(fact(holds(CLOUD, C(f, i))), not(fact(holds(o, C(f, i))))),
    add: [holds(o, C(f, i))], del: [],
  }),
});

export const ADVERSARY_RULES = [Leak_C] as const;
