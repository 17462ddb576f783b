// Memory peak of encrypting and decrypting a large record (the goal: below 3x its size), each in a
// fresh Node process so one measurement cannot inherit another's heap.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { backend } from '../impl/index.js';
import type { MemoryRow } from './types.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The peak of `op` on a record of `mb` MiB, in a child on this process's group backend. */
export async function memoryRow(op: 'encrypt' | 'decrypt', mb: number, seed: string): Promise<MemoryRow> {
  // Under ts-node the child is TypeScript and needs the project's loader; compiled, it is plain JS.
  const ts = import.meta.url.endsWith('.ts');
  const child = fileURLToPath(new URL(ts ? './memory-child.ts' : './memory-child.js', import.meta.url));
  const loader = ts ? ['--import', new URL('../register.mjs', import.meta.url).href] : [];
  const { stdout } = await run(process.execPath, ['--expose-gc', ...loader, child, op, String(mb), seed, backend().name], {
    cwd: root,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as MemoryRow;
}
