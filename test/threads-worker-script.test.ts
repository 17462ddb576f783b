// Every worker of the project starts through one function: from source it is the TypeScript twin with
// the project's loader, compiled it is the JS twin with nothing added.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerScript } from '../threads/worker-script.js';

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
});
