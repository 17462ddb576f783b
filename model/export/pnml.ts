// PNML export (ISO/IEC 15909-2, high-level Petri net graph type). Page 1 is the net as the
// paper draws it (rules and places with types); page 2 is the ground net of the chosen universe,
// whose conditions are the exact guards the explorer and the SMT encoding use.
import { XMLBuilder } from 'fast-xml-parser';
import { factsOf, show } from '../prop.js';
import type { Net } from '../net.js';
import { placeOf } from '../places.js';
import { activePlaces, schemaArcs } from './flow.js';

const text = (s: string) => ({ text: s });
const xmlId = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

export function toPnml(net: Net): string {
  const { U, cfg } = net;
  const places = activePlaces(net);
  const m0ByPlace = new Map<string, string[]>();
  for (const f of net.m0) m0ByPlace.set(placeOf(f), [...(m0ByPlace.get(placeOf(f)) ?? []), f]);

  const schemaPage = {
    '@id': 'schema',
    name: text('SeSPHR HLPN (Fig. 2, rules 23-33 and extensions)'),
    place: places.map((p) => ({
      '@id': p.name,
      name: text(p.name),
      type: text(p.type),
      hlinitialMarking: text((m0ByPlace.get(p.name) ?? []).join(' + ') || '∅'),
    })),
    transition: net.rules.map((r) => ({
      '@id': r.name,
      name: text(r.eq ? `${r.name} (${r.eq})` : r.name),
      condition: text(r.reading),
      toolspecific: { '@tool': 'sesphr-workbench', '@version': '1', paper: r.paper, profile: r.profile },
    })),
    arc: schemaArcs(net).map((a) => ({ '@id': `X${a.n}`, '@source': a.from, '@target': a.to, hlinscription: text(`X${a.n}`) })),
  };

  const groundPage = {
    '@id': 'ground',
    name: text(`ground net: universe ${U.name}, ${cfg.profile}, ${cfg.variant}, ${cfg.policy}`),
    transition: net.transitions.map((t) => ({
      '@id': xmlId(t.id),
      name: text(t.id),
      condition: text(show(t.guard)),
    })),
    arc: net.transitions.flatMap((t) => {
      const reads = new Map<string, string[]>();
      for (const f of factsOf(t.guard)) reads.set(placeOf(f), [...(reads.get(placeOf(f)) ?? []), f]);
      const writes = new Map<string, string[]>();
      for (const f of t.add) writes.set(placeOf(f), [...(writes.get(placeOf(f)) ?? []), `+${f}`]);
      for (const f of t.del) writes.set(placeOf(f), [...(writes.get(placeOf(f)) ?? []), `-${f}`]);
      for (const w of t.when) for (const f of w.add) writes.set(placeOf(f), [...(writes.get(placeOf(f)) ?? []), `+${f} if ${show(w.if)}`]);
      return [
        ...[...reads].map(([p, fs]) => ({ '@id': xmlId(`${p}->${t.id}`), '@source': p, '@target': xmlId(t.id), hlinscription: text(fs.join(', ')) })),
        ...[...writes].map(([p, fs]) => ({ '@id': xmlId(`${t.id}->${p}`), '@source': xmlId(t.id), '@target': p, hlinscription: text(fs.join(', ')) })),
      ];
    }),
  };

  const doc = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    pnml: {
      '@xmlns': 'http://www.pnml.org/version-2009/grammar/pnml',
      net: {
        '@id': xmlId(`sesphr-${U.name}-${cfg.profile}-${cfg.variant}-${cfg.policy}`),
        '@type': 'http://www.pnml.org/version-2009/grammar/highlevelnet',
        name: text(`SeSPHR (${cfg.profile}, ${cfg.variant}, ${cfg.policy}) over universe ${U.name}`),
        page: [schemaPage, groundPage],
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true }).build(doc);
}
