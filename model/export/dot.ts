// Graphviz DOT of the net in the style of the paper's Fig. 2: the three places of Table II in a
// row (SRS, User, Cloud), transitions as bars between them, arcs numbered X1, X2, ...; the
// extension places drawn dashed below. SVG is rendered by Graphviz compiled to WASM.
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { Net } from '../net.js';
import { activePlaces, schemaArcs } from './flow.js';

const q = (s: string) => `"${s.replace(/"/g, '\\"')}"`;

export function toDot(net: Net): string {
  const places = activePlaces(net);
  const lines = [
    `digraph ${q(`SeSPHR ${net.cfg.profile}`)} {`,
    '  rankdir=TB; nodesep=0.5; ranksep=0.9; fontname="Helvetica"; node [fontname="Helvetica"]; edge [fontname="Helvetica", fontsize=9];',
    `  label=${q(`SeSPHR HLPN — profile ${net.cfg.profile}, ${net.cfg.variant}, ${net.cfg.policy}`)}; labelloc=t;`,
  ];
  for (const p of places) {
    const style = p.origin === 'Table II' ? 'style=filled, fillcolor="#dbe9f6"' : 'style=dashed';
    lines.push(`  ${q(p.name)} [shape=circle, width=1.1, fixedsize=true, ${style}, tooltip=${q(p.type)}];`);
  }
  for (const r of net.rules) {
    const fill = r.profile === 'paper' ? '#333333' : r.profile === 'extended' ? '#2b7a3d' : '#a8322d';
    const label = r.eq ? `${r.name}\\n(${r.eq})` : r.name;
    lines.push(`  ${q(r.name)} [shape=box, style=filled, fillcolor=${q(fill)}, fontcolor=white, label=${q(label)}, tooltip=${q(r.reading)}];`);
  }
  lines.push(`  { rank=same; ${['SRS', 'User', 'Cloud'].filter((p) => places.some((x) => x.name === p)).map(q).join('; ')} }`);
  for (const a of schemaArcs(net)) lines.push(`  ${q(a.from)} -> ${q(a.to)} [label=${q(`X${a.n}`)}];`);
  lines.push('}');
  return lines.join('\n');
}

let graphviz: Promise<Graphviz> | undefined;
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= Graphviz.load();
  return (await graphviz).dot(dot, 'svg');
}
