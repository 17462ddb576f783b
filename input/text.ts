// One way to read an input file's text, and one way to check an input file before it is read: the
// error names the file and the system's reason (ENOENT, EISDIR, ...), never a stack trace, in the
// caller's own error class so that each command maps it to its exit code.
import { isUtf8 } from 'node:buffer';
import { readFileSync, realpathSync, statSync } from 'node:fs';

/** Pseudo file systems: nothing the workbench reads or writes belongs there. Their files say a size
 *  of 0 whatever they hold, and some never end (/proc/self/pagemap spans the address space). */
const PSEUDO = ['/proc', '/sys', '/dev'];

/** The pseudo file system `path` (absolute, resolved) lies on, if any. */
export const pseudoRoot = (path: string): string | undefined => PSEUDO.find((r) => path === r || path.startsWith(`${r}/`));

/** An input file as it may be read whole: it exists, is a regular file (a device such as /dev/zero
 *  or a pipe would never end) on an ordinary file system, and is at most `max` bytes. `what` names
 *  it in the error. */
export function checkRegularFile(what: string, path: string, max: number, error: (message: string) => Error): void {
  let st;
  let real;
  try {
    st = statSync(path);
    real = realpathSync(path);
  } catch (e) {
    throw error(`${what} '${path}': cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (st.isDirectory()) throw error(`${what} '${path}' is a directory, not a file`);
  if (!st.isFile()) throw error(`${what} '${path}' is not a regular file (a device, a pipe or a socket is never read)`);
  const root = pseudoRoot(real);
  if (root) throw error(`${what} '${path}': ${root} is a pseudo file system, whose files are never read as input`);
  if (st.size > max) throw error(`${what} '${path}' is ${st.size} bytes; the limit is ${max} bytes`);
}

/** The largest input file read whole (scenarios, golden files, audit logs, universes): 16 MiB. */
export const MAX_INPUT_BYTES = 16 * 2 ** 20;

/** An input file's text, checked first as `checkRegularFile` does: a universe given as /dev/zero
 *  or a pipe is refused at once instead of read forever. `what` names the file in the error. */
export function readInputText(what: string, file: string, error: (message: string) => Error, max = MAX_INPUT_BYTES): string {
  checkRegularFile(what, file, max, error);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw error(`${what} '${file}': cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return utf8Text(what, file, bytes, error);
}

/** The text of a file's bytes, which must be UTF-8: decoding others would put U+FFFD in place of
 *  what they hold and go on, so a record would be stored changed. The error names the first line
 *  that is not UTF-8, never its bytes. */
export function utf8Text(what: string, file: string, bytes: Buffer, error: (message: string) => Error): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) break;
    start = stop + 1;
  }
  throw error(`${what} '${file}': line ${line} is not UTF-8 text (save the file as UTF-8)`);
}
