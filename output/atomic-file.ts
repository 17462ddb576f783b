// Writing a file whole or not at all: the text goes to a temporary name beside it and is renamed
// over the final name, so an interrupted run never leaves a half-written file in place of a good
// one (the rename is atomic within a file system). The temporary name carries the process's id, so
// two processes writing the same file never write into each other's. A write or rename that fails
// removes the temporary file and leaves what was there before.
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
