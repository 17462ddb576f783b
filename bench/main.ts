// `npm run bench [-- --quick] [--cpu] [--seed S] [--backend blst|mcl|noble] [--out FILE]`: prints the tables and writes reports/bench.json.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../output/atomic-file.js';
import { benchArgs } from './args.js';
import { runBench } from './run.js';
import { reportText } from './table.js';
import { servicesText } from './services.js';

// every argument checked before the run, which takes minutes
const o = benchArgs();
const out = resolve(o.out);
const report = await runBench({
  quick: o.quick,
  seed: o.seed,
  clock: o.cpu ? 'cpu' : 'wall',
  backend: o.backend,
  onProgress: (msg) => process.stderr.write(`bench: ${msg}\n`),
});
process.stdout.write(reportText(report) + (report.services ? '\n\n' + servicesText(report.services) : '') + '\n');
mkdirSync(dirname(out), { recursive: true });
writeFileAtomic(out, JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
process.stderr.write(`bench: wrote ${out}\n`);
