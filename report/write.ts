// Writing the report: index.html (self-contained: styles and SVGs inline, no network), report.md
// and the JSON of every part. Each file goes through a temporary name and a rename, so an
// interrupted run never leaves a half-written report beside a good one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic-file.js';
import { toHtml, toMarkdown } from './blocks.js';
import { reportContent } from './content.js';
import type { ReportData } from './data.js';
import { figureSvg } from './plots.js';
import { annotate, findings } from './findings.js';
import { allVerdicts } from './content.js';

const FIGURES: ReadonlyArray<[string, string]> = [
  ['fig3', 'Fig. 3: key generation at the SRS'],
  ['fig4', 'Fig. 4: encryption of a four-partition PHR'],
  ['fig5', 'Fig. 5: decryption (SRS work included)'],
];

export async function writeReport(dir: string, d: ReportData): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const figures: Record<string, string> = {};
  for (const [id, caption] of FIGURES) {
    const pts = d.bench?.points.filter((p) => p.figure === id) ?? [];
    if (pts.length) figures[caption] = await figureSvg(caption, pts);
  }
  const blocks = reportContent(d, figures);
  const written: string[] = [];
  const put = (name: string, data: string) => {
    writeFileAtomic(join(dir, name), data);
    written.push(join(dir, name));
  };
  put('index.html', toHtml('SeSPHR workbench report', blocks));
  put('report.md', toMarkdown(blocks));
  // The findings first, then every verdict with its claim, whether the paper asserts it, and the agreement.
  const verdicts = allVerdicts(d);
  put('report.json', JSON.stringify({
    ...(verdicts.length && { findings: findings(verdicts) }),
    ...d, section5: annotate(d.section5), catalogue: annotate(d.catalogue), modules: annotate(d.modules), patients: annotate(d.patients), netSvg: undefined,
  }, null, 2));
  for (const [name, svg] of Object.entries(figures)) put(`${name.split(':')[0].replace(/\W+/g, '').toLowerCase()}.svg`, svg);
  if (d.netSvg) put('net.svg', d.netSvg);
  return written;
}
