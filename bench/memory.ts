// Memory peak of encrypting and decrypting a large record (the goal: below 3x its size), each in a
// fresh Node process so one measurement cannot inherit another's heap.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { backend } from '../impl/index.js';
import { scriptWithoutProcessFlags } from '../threads/worker-script.js';
import type { MemoryRow } from './types.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The peak of `op` on a record of `mb` MiB, in a child on this process's group backend. */
export async function memoryRow(op: 'encrypt' | 'decrypt', mb: number, seed: string): Promise<MemoryRow> {
  const { url, execArgv: loader } = scriptWithoutProcessFlags('./memory-child', import.meta.url);
  const child = fileURLToPath(url);
  const { stdout } = await run(process.execPath, ['--expose-gc', ...loader, child, op, String(mb), seed, backend().name], {
    cwd: root,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as MemoryRow;
}
