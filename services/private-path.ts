// What holds secret keys (the SRS's data directory, a client's key file) is its owner's alone. One
// that group or others may enter or read is refused, not tightened, as OpenSSH and PostgreSQL
// refuse theirs: its mode was someone's choice that a program should not silently undo, and what
// it held may already have been read. The callers word the refusal; the test is this one.
import { statSync } from 'node:fs';

/** The path's permission bits in octal ('0755') when group or others have any access; undefined
 *  when it is private. */
export function openMode(path: string): string | undefined {
  const mode = statSync(path).mode & 0o777;
  return (mode & 0o077) === 0 ? undefined : mode.toString(8).padStart(4, '0');
}
