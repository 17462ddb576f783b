// bench/verify.ts's command line, read and checked apart from the catalogue runs: `npm run
// bench:verify` checks it from the sources before it compiles them (scripts/bench.mjs).
import { checkOutputFile } from '../cli/paths.js';
import { oneOf, parseIntIn, parseUniverse } from '../cli/options.js';
import { orRefuse, scriptArgs } from '../input/script-args.js';

export const VERIFY_BENCH_USAGE = 'usage: node --import ./register.mjs bench/verify.ts [--universe U] [--threads N] [--compare] [--native N] [--reproduce quick|full|both] [--out FILE] (or npm run bench:verify -- ...)';

export interface VerifyBenchArgs {
  /** the universe as given, its name or file: passed on as `sesphr verify` passes it */
  readonly universe: string;
  readonly threads?: number;
  readonly compare: boolean;
  readonly nativeSample: number;
  readonly reproduce?: 'quick' | 'full' | 'both';
  readonly out: string;
}

/** The process's arguments, each checked (a refusal names it, exit 2; --help prints the usage, exit 0). */
export function verifyBenchArgs(): VerifyBenchArgs {
  const o = scriptArgs('bench/verify', VERIFY_BENCH_USAGE, {
    universe: { type: 'string', default: 'paper' }, threads: { type: 'string' }, compare: { type: 'boolean' }, native: { type: 'string', default: '300' },
    reproduce: { type: 'string' }, out: { type: 'string', default: 'reports/bench-verify.json' },
  });
  const checked = <T>(check: () => T) => orRefuse('bench/verify', VERIFY_BENCH_USAGE, check);
  const nativeSample = checked(() => parseIntIn('--native', o.native, { min: 0, max: 100_000 }));
  const reproduce = o.reproduce === undefined ? undefined : checked(() => oneOf('--reproduce', o.reproduce!, ['quick', 'full', 'both'] as const));
  const threads = o.threads === undefined ? undefined : checked(() => parseIntIn('--threads', o.threads!, { min: 1, max: 64 }));
  // the universe is read here only to refuse one that does not read
  checked(() => parseUniverse(o.universe));
  checked(() => checkOutputFile('--out', o.out, true));
  return { universe: o.universe, compare: o.compare, nativeSample, out: o.out, ...(threads !== undefined && { threads }), ...(reproduce && { reproduce }) };
}
