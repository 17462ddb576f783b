// A digest of everything a ground net is (facts, M0, every transition's id, guard and effects)
// and of every property statement over it: equal digests, the same net and the same questions.
import { createHash } from 'node:crypto';
import { MODULES, type Module, type NetConfig, configName, validConfigs } from '../model/config.js';
import { buildNet } from '../model/net.js';
import { propertiesFor } from '../model/properties.js';
import { show } from '../model/prop.js';
import type { Universe } from '../model/universe.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Every valid configuration, without modules and with each module and all three. */
export function fingerprintConfigs(): NetConfig[] {
  const sets: Module[][] = [[], ...MODULES.map((m) => [m]), [...MODULES]];
  return sets.flatMap((mods) => validConfigs(undefined, undefined, undefined, mods));
}

export function netFingerprints(U: Universe): Record<string, { net: string; statements: string }> {
  const out: Record<string, { net: string; statements: string }> = {};
  for (const cfg of fingerprintConfigs()) {
    const net = buildNet(U, cfg);
    const text = [
      `facts ${net.facts.join(' ')}`,
      `m0 ${net.m0.join(' ')}`,
      ...net.transitions.map((t) => `${t.id} if ${show(t.guard)} +${t.add.join(',')} -${t.del.join(',')} ${t.when.map((w) => `[${show(w.if)} => +${w.add.join(',')} -${w.del.join(',')}]`).join('')}`),
    ].join('\n');
    const statements = propertiesFor(cfg).map((p) => `${p.id}: ${show(p.statement(net))}`).join('\n');
    out[configName(cfg)] = { net: sha(text), statements: sha(statements) };
  }
  return out;
}
