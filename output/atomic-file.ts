// Writing a file whole or not at all: the text goes to a temporary name beside it and is renamed
// over the final name, so an interrupted run never leaves a half-written file in place of a good
// one (the rename is atomic within a file system). The temporary name carries the process's and
// the thread's ids, so two processes or threads writing the same file never write into each
// other's. A write or rename that fails removes the temporary file and leaves what was there before.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

export interface AtomicWriteOptions {
  /** the new file's mode, from its creation on (a secret is never readable by others, even briefly) */
  mode?: number;
  /** synced to disk before the rename, and the rename synced after it: a machine that crashes keeps
   *  the old file or the new one, never an empty one (what a key file needs; a report does not) */
  durable?: boolean;
}

/** The temporary name `writeFileAtomic` writes `path`'s new text to before renaming it over. */
export const temporaryPath = (path: string): string => `${path}.${process.pid}${threadId ? `-${threadId}` : ''}.tmp`;

export function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const tmp = temporaryPath(path);
  try {
    const fd = openSync(tmp, 'w', opts.mode ?? 0o666);
    try {
      writeFileSync(fd, data);
      if (opts.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  if (opts.durable) {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
