// `npm run bench [-- --quick] [--cpu] [--seed S] [--backend blst|mcl|noble] [--out FILE]`: prints the tables and writes reports/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BACKENDS, isBackendName } from '../impl/index.js';
import { goalChecks } from './goals.js';
import { runBench } from './run.js';
import { reportText } from './table.js';
import { servicesBench, servicesText } from './services.js';

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
// Fig. 6 and R_U load over loopback, against a services process started for this run; the goals
// are judged again with them.
const services = await servicesBench({ quick: args.includes('--quick'), seed: valueOf('--seed') ?? 'sesphr-bench-1', say: (msg) => process.stderr.write(`bench: ${msg}\n`) });
const full = { ...report, services, goals: goalChecks({ ...report, services }) };
process.stdout.write(reportText(full) + '\n\n' + servicesText(services) + '\n');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(full, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
process.stderr.write(`bench: wrote ${out}\n`);
