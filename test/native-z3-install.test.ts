// The install step of the native Z3 (scripts/native-z3.mjs, run by npm install) never fails the
// install: without python3 it says why in one line, exits 0, and leaves a library installed before
// as it was.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NATIVE_Z3_LIB } from '../smt/native-z3.js';

const digest = () => (existsSync(NATIVE_Z3_LIB) ? createHash('sha256').update(readFileSync(NATIVE_Z3_LIB)).digest('hex') : 'absent');

describe('scripts/native-z3.mjs', () => {
  it('without python3: one line, exit 0, nothing installed changed', () => {
    const before = digest();
    const r = spawnSync(process.execPath, ['scripts/native-z3.mjs', '--force'], { encoding: 'utf8', env: { PATH: '/nonexistent' }, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^native z3: pip could not fetch z3-solver 5\.1\.0\.0 \(.*python3.*\); (the library installed before stays|the WASM build is used)$/m);
    expect(r.stderr).toContain(before === 'absent' ? 'the WASM build is used' : 'the library installed before stays');
    expect(digest()).toBe(before);
  });
});
