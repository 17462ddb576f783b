// What attackers do (profile `adversarial`). Coalitions need no transition: a coalition reads
// what the knowledge closure derives from the union of its members' holdings (model/knowledge.ts);
// the catalogue names the coalitions it checks.
import { and, fact, not } from '../prop.js';
import { defineRule } from '../rule.js';
import { C, CLOUD, holds } from '../terms.js';

export const Leak_C = defineRule({
  name: 'Leak_C', profile: 'adversarial',
  params: [['p', 'patient'], ['o', 'outsider'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['Cloud', 'User'], out: ['User'] },
  paper: 'Section 3.1: the cloud is untrusted; a cloud insider may hand the stored ciphertext to anyone.',
  reading: 'A cloud insider gives C(f,i) of patient p to o, an outsider to p (who never registered with p; it may be a member for another patient).',
  ground: ({ o, f, i }) => ({
    guard: and(fact(holds(CLOUD, C(f, i))), not(fact(holds(o, C(f, i))))),
    add: [holds(o, C(f, i))], del: [],
  }),
});

export const ADVERSARY_RULES = [Leak_C] as const;
