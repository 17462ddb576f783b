// Where the blst package has no binding that loads (another platform, a newer Node), only the blst
// backend is refused, saying why: the default falls back to mcl-wasm with a line saying so, every
// other backend runs, and a command that asks for blst by name fails in one line, never with a
// stack trace. The process is made to look like such a platform by a module hook that hides the
// binding (test/support/no-blst-binding.mjs).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// the package and version named as installed, read here from its own package.json
const installed = createRequire(import.meta.url)('blst-swig/package.json') as { name: string; version: string };
const WHY = new RegExp(`^backend blst is not available here: ${`${installed.name} ${installed.version}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} has no binding that loads on \\S+ with Node v[\\d.]+ \\(Cannot find module `);
const sesphr = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', './register.mjs', '--import', './test/support/no-blst-binding.mjs', 'cli/sesphr.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('without a blst binding', () => {
  it('the default is mcl-wasm, and the command says why', () => {
    const r = sesphr('demo');
    expect(r.status).toBe(0);
    const first = r.stderr.split('\n')[0]!;
    expect(first.replace(/^sesphr: /, '')).toMatch(WHY);
    expect(first).toMatch(/; using mcl$/);
    expect(r.stdout).toMatch(/group backend mcl/);
  }, 120_000);

  it('the other backends still regenerate the vectors byte for byte, and blst is named as not checked', () => {
    const r = sesphr('vectors');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^mcl +srs-keys +identical/m);
    expect(r.stdout).toMatch(/^noble +owner-keys +identical/m);
    expect(r.stdout.split('\n').find((l) => l.startsWith('blst'))?.replace(/^blst +not checked: /, '')).toMatch(WHY);
    expect(r.stdout).toContain('4 of 4 identical (blst not available here)');
  }, 120_000);

  it('asking for blst by name fails in one line', () => {
    const r = sesphr('demo', '--backend', 'blst');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.replace(/^sesphr: /, '')).toMatch(WHY);
    expect(r.stdout).toBe('');
  }, 120_000);
});
