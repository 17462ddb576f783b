import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh folder under the system's temp folder, removed when the test that made it ends, so that
 *  a run of the suite leaves nothing behind it. Call it inside a test; a folder a whole file shares
 *  is made with `mkdtempSync` and removed in that file's `afterAll`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
