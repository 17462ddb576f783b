// Every path the command line is given is checked before any work starts, so that a bad one is
// answered in milliseconds with its option named, never after a long run, never with a hang:
// Node's recursive mkdir loops forever under procfs, and reading /dev/zero never ends.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkRegularFile, MAX_INPUT_BYTES, pseudoRoot, readInputText } from '../input/text.js';
import { UsageError } from './options.js';


/**
 * The deepest part of `path` that exists, resolved through symbolic links, and the parts below it
 * that do not exist yet. A file on the way (`report.json/x`) is named here.
 */
function existingPrefix(option: string, path: string): { real: string; missing: string[] } {
  let p = resolve(path);
  const missing: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(p);
      if (missing.length && !statSync(real).isDirectory()) throw new UsageError(`${option} '${path}': '${p}' is a file, not a directory, so nothing can be created under it`);
      return { real, missing };
    } catch (e) {
      if (e instanceof UsageError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new UsageError(`${option} '${path}': a part of the path is a file, not a directory`);
      if (code !== 'ENOENT') throw new UsageError(`${option} '${path}': cannot use it (${code ?? (e as Error).message})`);
      if (dirname(p) === p) throw new UsageError(`${option} '${path}': no part of the path exists`);
      missing.unshift(p.slice(dirname(p).length + 1));
      p = dirname(p);
    }
  }
}

function common(option: string, path: string): { real: string; missing: string[] } {
  if (path.trim() === '') throw new UsageError(`${option}: an empty path is not a place to write`);
  const at = existingPrefix(option, path);
  const full = resolve(at.real, ...at.missing);
  const root = pseudoRoot(full) ?? pseudoRoot(at.real);
  if (root) throw new UsageError(`${option} '${path}': ${root} is a pseudo file system; choose an ordinary directory`);
  try {
    accessSync(at.real, constants.W_OK);
  } catch {
    throw new UsageError(`${option} '${path}': '${at.real}' is not writable`);
  }
  return at;
}

/** A directory the command will create (or fill): not a file, not under a file, not on a pseudo file system, writable. */
export function checkOutputDir(option: string, path: string): string {
  const at = common(option, path);
  if (!at.missing.length && !statSync(at.real).isDirectory()) throw new UsageError(`${option} '${path}' is an existing file, not a directory`);
  return path;
}

/**
 * A file the command will write. `replace`: whether an existing file may be rewritten (a golden
 * file is updated in place; an audit log is continued); otherwise an existing path is refused.
 */
export function checkOutputFile(option: string, path: string, replace: boolean): string {
  // a path ending in '/', '.' or '..' names a folder: resolving it drops that ending, and a file by
  // the folder's name would be written where the folder was meant
  const folderEnding = /(?:^|\/)(\.{0,2})$/.exec(path);
  if (folderEnding && path !== '') throw new UsageError(`${option} '${path}' ends in '${folderEnding[1] || '/'}', which names a directory, not a file`);
  const at = common(option, path);
  if (!at.missing.length) {
    const st = statSync(at.real);
    if (st.isDirectory()) throw new UsageError(`${option} '${path}' is a directory, not a file`);
    if (!st.isFile()) throw new UsageError(`${option} '${path}' is not a regular file`);
    if (!replace) throw new UsageError(`${option} '${path}' already exists; choose a new file`);
  }
  return path;
}

/** An input file: it exists, is a regular file (not a device, a FIFO or a directory) and is at most `max` bytes. */
export function checkInputFile(what: string, path: string, max = MAX_INPUT_BYTES): string {
  if (path.trim() === '') throw new UsageError(`${what}: an empty path names no file`);
  checkRegularFile(what, path, max, (m) => new UsageError(m));
  return path;
}

/** An input file's text, checked as `checkInputFile` does and read as UTF-8 (input/text.ts). */
export function readInputFile(what: string, path: string, max = MAX_INPUT_BYTES): string {
  if (path.trim() === '') throw new UsageError(`${what}: an empty path names no file`);
  return readInputText(what, path, (m) => new UsageError(m), max);
}
