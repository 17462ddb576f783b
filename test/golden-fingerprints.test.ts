// Fingerprints beside the golden verdicts: a changed statement or net is named by --expect (exit 6)
// even when its verdict kind did not move; --write-golden prints what it changed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../model/fingerprint.js';
import { ALL_RULES, buildNet } from '../model/net.js';
import { CATALOGUE, propertyById } from '../model/properties.js';
import { small } from '../universes/index.js';
import { MODEL_FAULTS } from '../scripts/model-faults.js';
import { tempDir } from './support/temp-dir.js';

const fault = (id: string) => MODEL_FAULTS.find((f) => f.id === id)!;
const adversarial = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' } as const;

describe('fingerprints', () => {
  it('are stable across builds, and a weakened statement changes only the statement, a dropped guard conjunct only the net', () => {
    const p = propertyById('collusion.revoked-cloud');
    const a = fingerprint(p, buildNet(small, adversarial));
    expect(fingerprint(p, buildNet(small, adversarial))).toEqual(a);
    const weak = fault('collusion-revoked-cloud-alone').catalogue!(CATALOGUE).find((x) => x.id === p.id)!;
    const w = fingerprint(weak, buildNet(small, adversarial));
    expect(w.statement).not.toBe(a.statement);
    expect(w.net).toBe(a.net);
    const d = fingerprint(p, buildNet(small, adversarial, { rules: fault('d-c-drops-member').rules!(ALL_RULES) }));
    expect(d.statement).toBe(a.statement);
    expect(d.net).not.toBe(a.net);
  });
});

const sesphr = (...args: string[]) => spawnSync(process.execPath, ['--import', './register.mjs', 'cli/sesphr.ts', ...args], { encoding: 'utf8' });

describe('verify --expect and --write-golden with fingerprints', () => {
  it('exit 6 naming a run whose statement changed while its verdict did not; 0 when all match', () => {
    const dir = tempDir('fp-');
    const file = join(dir, 'g.json');
    const run = ['verify', '--universe', 'small', '--property', 'forward.new-files', '--profile', 'extended', '--variant', 'srs-keys', '--policy', 'history', '--smt-out', join(dir, 'smt2')];
    const w = sesphr(...run, '--write-golden', file);
    expect(w.status).toBe(0);
    expect(w.stderr).toMatch(/verdict moved: forward.new-files @ small\/extended\/srs-keys\/history: \(not in golden file\) -> proved/);
    const key = 'forward.new-files @ small/extended/srs-keys/history';
    const golden = JSON.parse(readFileSync(file, 'utf8'));
    expect(golden.verdicts[key]).toBe('proved');
    expect(golden.fingerprints[key]).toMatchObject({ statement: expect.stringMatching(/^[0-9a-f]{16}$/), net: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(sesphr(...run, '--expect', file).status).toBe(0);
    golden.fingerprints[key].statement = '0000000000000000';
    writeFileSync(file, JSON.stringify(golden));
    const r = sesphr(...run, '--expect', file);
    expect(r.status).toBe(6);
    expect(r.stderr).toContain(`statement changed (verdict unchanged): ${key}: statement 0000000000000000 -> `);
    // recording it prints what changed
    const again = sesphr(...run, '--write-golden', file);
    expect(again.stderr).toContain(`statement changed (verdict unchanged): ${key}`);
  }, 300_000);
});
