// `sesphr vectors`: every backend regenerates the committed vectors byte for byte, a folder of
// vectors that differs is named by line and field (never by value) with the mismatch exit code,
// each backend's files can be written out, and bad input is refused before any work.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../impl/group/backend.js';
import { VARIANTS } from '../impl/parties/access.js';
import { tempDir } from './support/temp-dir.js';

const sesphr = (...args: string[]) => spawnSync(process.execPath, ['--import', './register.mjs', 'cli/sesphr.ts', 'vectors', ...args], { encoding: 'utf8', timeout: 120_000 });
const committed = (variant: string) => readFileSync(join('impl', 'vectors', `${variant}.json`), 'utf8');

describe('sesphr vectors', () => {
  it('finds every backend\'s vectors identical to the committed ones, and writes each backend\'s files when asked', () => {
    const out = tempDir('sesphr-vectors-out-');
    const r = sesphr('--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const b of BACKENDS) for (const v of VARIANTS) {
      expect(r.stdout).toMatch(new RegExp(`^${b} +${v} +identical to impl/vectors/${v}\\.json`, 'm'));
      expect(readFileSync(join(out, b, `${v}.json`), 'utf8')).toBe(committed(v));
      expect(existsSync(join(out, b, `${v}.json.tmp`))).toBe(false);
    }
    expect(r.stdout).toContain(`${BACKENDS.length * VARIANTS.length} of ${BACKENDS.length * VARIANTS.length} identical`);
  }, 120_000);

  it('names the line and field of a difference, not its value, and exits with the mismatch code', () => {
    const dir = tempDir('sesphr-vectors-against-');
    for (const v of VARIANTS) writeFileSync(join(dir, `${v}.json`), committed(v));
    const vec = JSON.parse(committed('owner-keys')) as { partitions: { R_U: string }[] };
    const ru = vec.partitions[1]!.R_U;
    const flipped = `${ru[0] === '0' ? '1' : '0'}${ru.slice(1)}`;
    writeFileSync(join(dir, 'owner-keys.json'), committed('owner-keys').replace(ru, flipped));
    const line = committed('owner-keys').split('\n').findIndex((l) => l.includes(ru)) + 1;
    const r = sesphr('--backend', 'noble', '--against', dir);
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(/^noble +srs-keys +identical/m);
    expect(r.stdout).toMatch(new RegExp(`^noble +owner-keys +DIFFERS from .*owner-keys\\.json at line ${line} \\(partitions\\[1\\]\\.R_U\\)$`, 'm'));
    expect(r.stdout).toContain('1 of 2 identical');
    expect(r.stdout + r.stderr).not.toContain(ru);
    expect(r.stdout + r.stderr).not.toContain(flipped);
  }, 120_000);

  it.each([
    [['--backend', 'bn254'], /^sesphr: --backend 'bn254' is not one of: blst, mcl, noble, all$/],
    [['--against', '/nonexistent/vectors'], /^sesphr: --against '\/nonexistent\/vectors' is not a folder \(no such path\)$/],
    [['--against', 'package.json'], /^sesphr: --against 'package.json' is not a folder$/],
    [['--against', 'impl'], /^sesphr: --against 'impl': no srs-keys\.json in it$/],
    [['--out', '/proc/vectors'], /^sesphr: --out '\/proc\/vectors': \/proc is a pseudo file system/],
    [['--out', 'package.json'], /^sesphr: --out 'package.json' is an existing file, not a directory$/],
  ])('refuses %j at once, with exit 2 and nothing written', (args, first) => {
    const r = sesphr(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(first);
    expect(r.stdout).toBe('');
  });
});
