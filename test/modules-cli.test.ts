// `sesphr audit verify LOG` as a user runs it: OK with the count, the first bad entry, exit codes
// 0 / 1 / 2, and one line of error text without a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../impl/modules/audit.js';
import { Srs } from '../impl/parties/srs.js';

const dir = mkdtempSync(join(tmpdir(), 'sesphr-cli-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sesphr = (...args: string[]) => spawnSync(process.execPath, ['--import', './register.mjs', 'cli/sesphr.ts', ...args], { encoding: 'utf8' });

function makeLog(): string {
  const p = join(dir, 'srs.jsonl');
  const audit = AuditLog.open(p);
  const srs = new Srs({ variant: 'owner-keys', policy: 'history', audit });
  srs.registerOwner('P');
  srs.register('d', 'P', 'doctor');
  srs.requestRU('d', 'f1', 'medical');
  return p;
}

describe('sesphr audit verify', () => {
  it('OK with the entry count (exit 0); a changed entry names its line (exit 1); bad input exits 2 without a stack trace', () => {
    const p = makeLog();
    const ok = sesphr('audit', 'verify', p);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^OK .*: 4 entries, chain intact; head 4:[0-9a-f]{64}\n$/);
    const head = /head (\d+:[0-9a-f]{64})/.exec(ok.stdout)![1];
    expect(sesphr('audit', 'verify', p, '--anchor', head).status).toBe(0);

    const lines = readFileSync(p, 'utf8').split('\n');
    writeFileSync(p, [lines[0], lines[2], lines[1], lines[3], ''].join('\n'));
    const bad = sesphr('audit', 'verify', p);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^BAD .*: line 2: sequence number 2 where 1 belongs/);
    expect(JSON.parse(sesphr('audit', 'verify', p, '--json').stdout)).toMatchObject({ ok: false, line: 2, entries: 1 });

    writeFileSync(p, lines.slice(0, 3).join('\n') + '\n');
    const cut = sesphr('audit', 'verify', p, '--anchor', head);
    expect(cut.status).toBe(1);
    expect(cut.stdout).toMatch(/removed from the end/);

    for (const args of [[join(dir, 'missing.jsonl')], [dir], [p, '--anchor', 'nope']]) {
      const r = sesphr('audit', 'verify', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^sesphr: .+\n$/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // commander's own usage errors exit 2 as well (cli/sesphr.ts exitOverride)
    const noLog = sesphr('audit', 'verify');
    expect(noLog.status).toBe(2);
    expect(noLog.stderr).toMatch(/missing required argument 'log'/);
  }, 600_000); // seven starts of the TypeScript CLI through ts-node (about 6 s of CPU each): generous on a loaded machine, still bounded

  it('sesphr verify --modules runs a module property on a net with its module on; a bad module name exits 2', () => {
    const r = sesphr('verify', '--universe', 'small', '--modules', 'tpa', '--property', 'tpa.no-false-alarm', '--profile', 'paper', '--variant', 'srs-keys', '--policy', 'history', '--json', '--smt-out', join(dir, 'smt2'));
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ property: 'tpa.no-false-alarm', profile: 'paper', modules: ['tpa'], verdict: { kind: 'proved' } }]);
    const bad = sesphr('verify', '--universe', 'small', '--modules', 'blockchain');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^sesphr: --modules 'blockchain' is not one of: audit, tpa, time\n$/);
  });
});
