// Benchmark plots: vega-lite specs compiled and rendered to SVG by vega in Node (no browser),
// ours beside the paper's values (Figs. 3-5) on a log scale, since they differ by orders of magnitude.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { BenchPoint } from './data.js';

export async function figureSvg(title: string, points: readonly BenchPoint[]): Promise<string> {
  const rows = points.flatMap((p) => [
    { x: p.x, series: 'ours (median)', seconds: p.ours.median, lo: p.ours.min, hi: p.ours.max },
    ...(p.floor !== undefined ? [{ x: p.x, series: 'floor (primitives)', seconds: p.floor }] : []),
    ...(p.paper !== undefined ? [{ x: p.x, series: 'paper (2018)', seconds: p.paper }] : []),
  ]);
  const xLabel = points[0]?.xLabel ?? 'x';
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 420,
    height: 240,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xLabel, scale: { type: 'log' } },
          y: { field: 'seconds', type: 'quantitative', title: 'seconds (log)', scale: { type: 'log' } },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
      {
        mark: { type: 'rule' },
        transform: [{ filter: 'isValid(datum.lo)' }],
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: { field: 'series', type: 'nominal' } },
      },
    ],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
