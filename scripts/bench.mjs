// `npm run bench [-- ARGS]` (bench/main.ts) and `npm run bench:verify [-- ARGS]` (bench/verify.ts):
// the arguments checked from the sources first (bench/check-args.ts, about a second), so a bad one
// is answered before the compiler runs; then the build, then the bench as compiled, with the same
// arguments. --help prints the usage and stops there.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [which, ...args] = process.argv.slice(2);
const entry = { main: join('dist', 'bench', 'main.js'), verify: join('dist', 'bench', 'verify.js') }[which ?? ''];
if (!entry) {
  process.stderr.write(`scripts/bench.mjs: the first argument names the bench, main or verify, not '${which ?? ''}'\n`);
  process.exit(2);
}
const run = (command, argv) => {
  const r = spawnSync(command, argv, { cwd: root, stdio: 'inherit' });
  return r.status ?? (r.signal ? 128 : 1);
};
const checked = run(process.execPath, ['--import', './register.mjs', 'bench/check-args.ts', which, ...args]);
if (checked !== 0 || args.some((a) => a === '--help' || a === '-h')) process.exit(checked);
const built = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build']);
if (built !== 0) process.exit(built);
process.exit(run(process.execPath, [entry, ...args]));
