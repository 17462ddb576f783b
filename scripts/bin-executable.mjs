// Makes each command that package.json names under "bin" executable once it is built. tsc writes its
// output with the default file mode, and `npx sesphr` runs the project's own command through a
// link to the built file: npm sets the mode when it first makes that link, and keeps the link (in
// its npx cache) across fresh clones at the same path, so without this a fresh build there answers
// "Permission denied". Run after every build (`npm run build`, which `npm ci` runs as prepare).
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built files of the package's commands, each made executable; a missing one is an error. */
export function makeBinsExecutable(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  return bins.map((b) => {
    const file = join(root, b);
    chmodSync(file, statSync(file).mode | 0o111);
    return file;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    makeBinsExecutable(resolve(import.meta.dirname, '..'));
  } catch (e) {
    console.error(`bin-executable: ${e.message}`);
    process.exit(1);
  }
}
