// `npm run bench [-- --quick] [--cpu] [--seed S] [--backend blst|mcl|noble] [--out FILE]`: prints the tables and writes reports/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BACKENDS, isBackendName } from '../impl/index.js';
import { runBench } from './run.js';
import { reportText } from './table.js';
import { servicesText } from './services.js';

const args = process.argv.slice(2);
const valueOf = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const backendArg = valueOf('--backend');
if (backendArg !== undefined && !isBackendName(backendArg)) {
  process.stderr.write(`bench: --backend must be one of ${BACKENDS.join(', ')}, not "${backendArg}"\n`);
  process.exit(2);
}
const out = resolve(valueOf('--out') ?? 'reports/bench.json');
const report = await runBench({
  quick: args.includes('--quick'),
  seed: valueOf('--seed'),
  clock: args.includes('--cpu') ? 'cpu' : 'wall',
  backend: backendArg,
  onProgress: (msg) => process.stderr.write(`bench: ${msg}\n`),
});
process.stdout.write(reportText(report) + (report.services ? '\n\n' + servicesText(report.services) : '') + '\n');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
process.stderr.write(`bench: wrote ${out}\n`);
