// `npm run bench [-- --quick] [--cpu] [--seed S] [--backend blst|mcl|noble] [--out FILE]`: prints the tables and writes reports/bench.json.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkOutputFile } from '../cli/paths.js';
import { BACKENDS } from '../impl/group/backend.js';
import { oneOf } from '../cli/options.js';
import { orRefuse, scriptArgs } from '../input/script-args.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { runBench } from './run.js';
import { reportText } from './table.js';
import { servicesText } from './services.js';

const USAGE = `usage: npm run bench [-- [--quick] [--cpu] [--seed S] [--backend ${BACKENDS.join('|')}] [--out FILE]]`;
// every argument checked before the run, which takes minutes
const o = scriptArgs('bench', USAGE, {
  quick: { type: 'boolean' }, cpu: { type: 'boolean' }, seed: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string', default: 'reports/bench.json' },
});
const backend = o.backend === undefined ? undefined : orRefuse('bench', USAGE, () => oneOf('--backend', o.backend!, BACKENDS));
orRefuse('bench', USAGE, () => checkOutputFile('--out', o.out, true));
const out = resolve(o.out);
const report = await runBench({
  quick: o.quick,
  seed: o.seed,
  clock: o.cpu ? 'cpu' : 'wall',
  backend,
  onProgress: (msg) => process.stderr.write(`bench: ${msg}\n`),
});
process.stdout.write(reportText(report) + (report.services ? '\n\n' + servicesText(report.services) : '') + '\n');
mkdirSync(dirname(out), { recursive: true });
writeFileAtomic(out, JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
process.stderr.write(`bench: wrote ${out}\n`);
