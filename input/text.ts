// One way to read an input file's text: its error names the file and the system's reason (ENOENT,
// EISDIR, ...), never a stack trace, in the caller's own error class so that each command maps
// it to its exit code.
import { readFileSync } from 'node:fs';

export function readInputText(file: string, error: (message: string) => Error): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw error(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
