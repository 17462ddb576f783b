// Fingerprints: a short hash of the canonical text of a property's statement, as compiled over a
// ground net, and of that net itself. Recorded beside each golden verdict, they make a weakened
// statement or a changed net visible even when the verdict kind stays the same.
import { createHash } from 'node:crypto';
import { configName } from './config.js';
import { closureRules } from './knowledge.js';
import type { Net } from './net.js';
import { show } from './prop.js';
import type { Property } from './properties.js';

export interface Fingerprint {
  /** hash of the ground statement's canonical text */
  readonly statement: string;
  /** hash of the ground net's canonical text (M0, every transition, the knowledge closure) */
  readonly net: string;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The ground statement as text: its kind and formula (show() prints every atom and connective). */
export const statementText = (property: Property, net: Net): string => `${property.kind}: ${show(property.statement(net))}`;

/**
 * The ground net as text, independent of construction order: configuration, M0, every ground
 * transition (guard, effects, conditional effects) sorted by id, and the closure rules by which
 * `knows` atoms are read.
 */
export function netText(net: Net): string {
  const sorted = (xs: readonly string[]) => [...xs].sort().join(' ');
  const transitions = net.transitions.map((t) => [
    `${t.id}`,
    `  guard ${show(t.guard)}`,
    `  add ${sorted(t.add)}`,
    `  del ${sorted(t.del)}`,
    ...t.when.map((w) => `  when ${show(w.if)} add ${sorted(w.add)} del ${sorted(w.del)}`),
  ].join('\n')).sort();
  const closure = closureRules(net.U).map((r) => `${r.premises.join(' + ')} => ${r.conclusion}`).sort();
  return [`config ${configName(net.cfg)}`, `m0 ${sorted(net.m0)}`, ...transitions, ...closure].join('\n');
}

const netHashes = new WeakMap<Net, string>();

export function fingerprint(property: Property, net: Net): Fingerprint {
  let n = netHashes.get(net);
  if (!n) netHashes.set(net, (n = hash(netText(net))));
  return { statement: hash(statementText(property, net)), net: n };
}
