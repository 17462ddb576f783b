import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderSvg, toDot } from '../model/export/dot.js';
import { toMachineJson } from '../model/export/machine-json.js';
import { toPnml } from '../model/export/pnml.js';
import { buildNet } from '../model/net.js';
import { paper, small } from '../universes/index.js';

describe('exports parse back', () => {
  const net = buildNet(paper, { profile: 'paper', variant: 'srs-keys', policy: 'history' });

  it('PNML is well-formed XML with every place, rule and ground transition', () => {
    const xml = toPnml(net);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    const [schema, ground] = doc.pnml.net.page;
    expect(schema.transition.map((t: { '@id': string }) => t['@id'])).toEqual(net.rules.map((r) => r.name));
    expect(schema.place.map((p: { '@id': string }) => p['@id'])).toEqual(expect.arrayContaining(['SRS', 'User', 'Cloud']));
    expect(ground.transition).toHaveLength(net.transitions.length);
    const ids = new Set([...schema.place, ...schema.transition].map((x: { '@id': string }) => x['@id']));
    for (const a of schema.arc) {
      expect(ids).toContain(a['@source']);
      expect(ids).toContain(a['@target']);
    }
  });

  it('DOT renders to SVG through Graphviz (WASM) without error', async () => {
    for (const profile of ['paper', 'extended', 'adversarial'] as const) {
      const dot = toDot(buildNet(small, { profile, variant: 'srs-keys', policy: 'history' }));
      const svg = await renderSvg(dot);
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain('<svg');
      expect(svg).toContain('D_R_S');
    }
  });

  it('the machine JSON names one event per rule and lists every ground event', () => {
    const j = JSON.parse(toMachineJson(net));
    expect(Object.keys(j.machine.on).sort()).toEqual(net.rules.map((r) => r.name).sort());
    expect(j.events).toHaveLength(net.transitions.length);
    expect(j.machine.context.marking).toEqual(net.m0);
  });
});
