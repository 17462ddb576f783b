// `npm run bench` and `npm run bench:verify`'s first step (scripts/bench.mjs): the arguments of the
// bench named first (main or verify) checked, nothing run.
import { benchArgs } from './args.js';
import { verifyBenchArgs } from './verify-args.js';

const which = process.argv[2];
// the checks read the process's own arguments: the bench's name is taken off them first
process.argv.splice(2, 1);
if (which === 'verify') verifyBenchArgs();
else if (which === 'main') benchArgs();
else {
  process.stderr.write(`bench/check-args: the first argument names the bench, main or verify, not '${which ?? ''}'\n`);
  process.exit(2);
}
