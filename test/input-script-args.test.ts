// The scripts' command lines are read strictly and before any work: the reader's answers, and each
// script that takes arguments refusing bad ones in one line with its usage and exit 2 (no stack
// trace, no minutes of work for a mistyped option, nothing written).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readArgs } from '../input/script-args.js';

const SPEC = { quick: { type: 'boolean' }, seed: { type: 'string' }, out: { type: 'string', default: 'reports/x.json' } } as const;

describe('readArgs', () => {
  it('gives the values, a default where an option is absent, and false for an absent switch', () => {
    expect(readArgs(SPEC, [])).toEqual({ values: { quick: false, out: 'reports/x.json' } });
    expect(readArgs(SPEC, ['--quick', '--seed', '7', '--out=o.json'])).toEqual({ values: { quick: true, seed: '7', out: 'o.json' } });
  });

  it('asks for the usage on --help', () => {
    expect(readArgs(SPEC, ['--seed', '1', '--help'])).toEqual({ help: true });
    expect(readArgs(SPEC, ['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--quik'], "Unknown option '--quik'"],
    [['--seed'], "option '--seed' needs a value"],
    [['--seed', '--quick'], "option '--seed' needs a value"],
    [['--seed', '-1'], "option '--seed' needs a value; '-1' starts with '-', so give it as --seed=-1"],
    [['quick'], "Unexpected argument 'quick'"],
    [['--quick=yes'], "Option '--quick' does not take an argument"],
    // an empty value names nothing: a run with the seed '' or the output '' is not what was meant
    [['--seed='], "option '--seed' needs a value, not an empty one"],
    [['--out', ''], "option '--out' needs a value, not an empty one"],
  ])('names what is wrong with %j', (argv, message) => {
    const r = readArgs(SPEC, argv);
    expect('error' in r && r.error).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('the scripts refuse bad arguments before any work', () => {
  const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', './register.mjs', script, ...args], { encoding: 'utf8', timeout: 60_000 });

  it.each([
    ['bench/main.ts', ['--quik'], /^bench: Unknown option '--quik'/, /^usage: npm run bench/],
    ['bench/main.ts', ['--out', '/proc/bench.json'], /^bench: --out '\/proc\/bench\.json': \/proc is a pseudo file system/, /^usage: npm run bench/],
    ['bench/main.ts', ['--out', 'reports/bench-folder/'], /^bench: --out 'reports\/bench-folder\/' ends in '\/', which names a directory, not a file$/, /^usage: npm run bench/],
    ['bench/main.ts', ['--out', 'reports/bench-folder/..'], /^bench: --out 'reports\/bench-folder\/\.\.' ends in '\.\.', which names a directory, not a file$/, /^usage: npm run bench/],
    ['bench/main.ts', ['--backend', 'bn254'], /^bench: --backend 'bn254' is not one of: blst, mcl, noble$/, /^usage: npm run bench/],
    ['bench/verify.ts', ['--threads', '0'], /^bench\/verify: --threads '0' is not a whole number from 1 to 64$/, /^usage: .*bench\/verify\.ts/],
    ['bench/services-steps.ts', ['--kb', '50,x'], /^services-steps: --kb '50,x' is not a list of sizes/, /^usage: .*services-steps\.ts/],
    ['scripts/mutation.ts', ['--runs'], /^mutation: option '--runs' needs a value$/, /^usage: .*mutation\.ts/],
    ['scripts/model-faults.ts', ['--golden', 'no/such/golden.json'], /^model-faults: --golden/, /^usage: .*model-faults\.ts/],
    ['scripts/gen-vectors.ts', ['--out', 'package.json'], /^gen-vectors: --out 'package\.json' is an existing file/, /^usage: .*gen-vectors\.ts/],
  ])('%s %j', (script, args, first, second) => {
    const r = run(script, ...args);
    expect(r.status).toBe(2);
    const [l1, l2] = r.stderr.split('\n');
    expect(l1).toMatch(first);
    expect(l2).toMatch(second);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('prints the usage on --help and does nothing else', () => {
    const r = run('scripts/gen-vectors.ts', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: .*gen-vectors\.ts \[--backend blst\|mcl\|noble\] \[--out DIR\]\n$/);
  }, 60_000);

  it('npm run bench checks its arguments before it builds: a bad one, and --help, end there', () => {
    // with no npm on the PATH the build could not start: an answer here is the check's alone
    const env = { ...process.env, PATH: '/nonexistent' };
    const bad = spawnSync(process.execPath, ['scripts/bench.mjs', 'main', '--backend', 'bn254'], { encoding: 'utf8', env });
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n').slice(0, 2)).toEqual(["bench: --backend 'bn254' is not one of: blst, mcl, noble", expect.stringMatching(/^usage: npm run bench/)]);
    const help = spawnSync(process.execPath, ['scripts/bench.mjs', 'main', '--help'], { encoding: 'utf8', env });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run bench \[-- \[--quick\]/);
    expect(help.stderr).toBe('');
    // npm run bench:verify likewise
    const verify = spawnSync(process.execPath, ['scripts/bench.mjs', 'verify', '--threads', '0'], { encoding: 'utf8', env });
    expect(verify.status).toBe(2);
    expect(verify.stderr.split('\n')[0]).toBe("bench/verify: --threads '0' is not a whole number from 1 to 64");
  }, 60_000);
});
