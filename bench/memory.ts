// Memory peak of encrypting and decrypting a large record (issue 7: below 3x its size), each in a
// fresh Node process so one measurement cannot inherit another's heap.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MemoryRow } from './types.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

export async function memoryRow(op: 'encrypt' | 'decrypt', mb: number, seed: string): Promise<MemoryRow> {
  const child = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', './register.mjs', child, op, String(mb), seed], {
    cwd: root,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as MemoryRow;
}
