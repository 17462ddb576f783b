// The bench's command line, read and checked apart from the bench itself: `npm run bench` checks it
// from the sources before it compiles them (scripts/bench.mjs), so a bad argument is answered in a
// second rather than after the compiler's ten.
import { checkOutputFile } from '../cli/paths.js';
import { BACKENDS, type BackendName } from '../impl/group/backend.js';
import { oneOf } from '../cli/options.js';
import { orRefuse, scriptArgs } from '../input/script-args.js';

export const BENCH_USAGE = `usage: npm run bench [-- [--quick] [--cpu] [--seed S] [--backend ${BACKENDS.join('|')}] [--out FILE]]`;

export interface BenchArgs {
  readonly quick: boolean;
  readonly cpu: boolean;
  readonly seed?: string;
  readonly backend?: BackendName;
  readonly out: string;
}

/** The process's arguments, each checked (a refusal names it, exit 2; --help prints the usage, exit 0). */
export function benchArgs(): BenchArgs {
  const o = scriptArgs('bench', BENCH_USAGE, {
    quick: { type: 'boolean' }, cpu: { type: 'boolean' }, seed: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string', default: 'reports/bench.json' },
  });
  const backend = o.backend === undefined ? undefined : orRefuse('bench', BENCH_USAGE, () => oneOf('--backend', o.backend!, BACKENDS));
  orRefuse('bench', BENCH_USAGE, () => checkOutputFile('--out', o.out, true));
  return { quick: o.quick, cpu: o.cpu, ...(o.seed !== undefined && { seed: o.seed }), ...(backend && { backend }), out: o.out };
}
