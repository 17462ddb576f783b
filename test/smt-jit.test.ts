// V8's optimising compiler held back while a catalogue runs (smt/jit.ts): the flags are put back to
// V8's own defaults afterwards, so those defaults must be the ones of the Node that runs us.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEAN_FLAGS, heldBackFlags, leanJitUsers, withLeanJit } from '../smt/jit.js';

describe('the catalogue compiler flags', () => {
  it('change only flags V8 reads afresh: never the inlining limit, read twice within one compilation', () => {
    expect(Object.keys(LEAN_FLAGS)).toEqual(['interrupt-budget']);
  });

  it("put back V8's defaults of this Node", () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const [flag, { v8Default }] of Object.entries(LEAN_FLAGS)) {
      const m = new RegExp(`default: --${flag}=(\\d+)`).exec(options);
      expect(m, `--${flag} in node --v8-options`).not.toBeNull();
      expect(Number(m![1]), `--${flag}`).toBe(v8Default);
    }
  });

  it('stay set while any catalogue runs, and are put back when the last ends, even one that failed', async () => {
    expect(leanJitUsers()).toBe(0);
    let release!: () => void;
    const first = withLeanJit(() => new Promise<void>((r) => (release = r)));
    const second = withLeanJit(async () => {
      expect(leanJitUsers()).toBe(2);
      throw new Error('a catalogue that fails');
    });
    await expect(second).rejects.toThrow('a catalogue that fails');
    expect(leanJitUsers()).toBe(1);
    release();
    await first;
    expect(leanJitUsers()).toBe(0);
  });

  it('leave alone a flag the process was started with', () => {
    const jit = fileURLToPath(new URL('../smt/jit.ts', import.meta.url));
    const register = new URL('../register.mjs', import.meta.url).href;
    const run = (args: string[]) => spawnSync(process.execPath, [...args, '--import', register, '--input-type=module', '-e', `import { heldBackFlags } from ${JSON.stringify(jit)}; console.log(heldBackFlags().join(','));`], { encoding: 'utf8' });
    expect(run([]).stdout.trim()).toBe('interrupt-budget');
    const started = run(['--interrupt-budget=5000']);
    expect(started.stderr).toBe('');
    expect(started.stdout.trim()).toBe('');
    expect(run(['--interrupt_budget=20']).stdout.trim()).toBe('');
    expect(heldBackFlags()).toEqual(Object.keys(LEAN_FLAGS));
  }, 60_000);
});
