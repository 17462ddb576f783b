// Every worker of the project starts through one function: from source it is the TypeScript twin with
// the project's loader, compiled it is the JS twin with nothing added.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scriptWithoutProcessFlags, workerScript } from '../threads/worker-script.js';

describe('workerScript', () => {
  it("from source, names the .ts twin beside the caller and the project's loader", () => {
    const { url, execArgv } = workerScript('./worker', new URL('../smt/parallel.ts', import.meta.url).href);
    expect(fileURLToPath(url)).toBe(fileURLToPath(new URL('../smt/worker.ts', import.meta.url)));
    expect(existsSync(url)).toBe(true);
    expect(execArgv?.[0]).toBe('--import');
    expect(fileURLToPath(execArgv![1]!)).toBe(fileURLToPath(new URL('../register.mjs', import.meta.url)));
    expect(existsSync(new URL(execArgv![1]!))).toBe(true);
  });

  it('compiled, names the .js twin and adds no flag', () => {
    const { url, execArgv } = workerScript('../tools/pool-worker', 'file:///opt/app/dist/impl/group/x.js');
    expect(url.href).toBe('file:///opt/app/dist/impl/tools/pool-worker.js');
    expect(execArgv).toBeUndefined();
  });

  it("for a solver's thread or a child process, passes none of the process's flags when compiled, and the loader from source", () => {
    const compiled = scriptWithoutProcessFlags('./worker', 'file:///opt/app/dist/smt/parallel.js');
    expect(compiled.url.href).toBe('file:///opt/app/dist/smt/worker.js');
    expect(compiled.execArgv).toEqual([]);
    const source = new URL('../bench/verification.ts', import.meta.url).href;
    expect(scriptWithoutProcessFlags('../cli/sesphr', source)).toEqual(workerScript('../cli/sesphr', source));
    expect(existsSync(scriptWithoutProcessFlags('../cli/sesphr', source).url)).toBe(true);
  });

  it('from source, starts a script in a process whose working directory is outside the project (the bench runs sesphr verify in a scratch folder)', () => {
    const { url, execArgv } = scriptWithoutProcessFlags('../cli/sesphr', new URL('../bench/verification.ts', import.meta.url).href);
    const child = spawnSync(process.execPath, [...execArgv, fileURLToPath(url), '--help'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^Usage: sesphr/);
  }, 60_000);
});
