// `sesphr vectors`: the test vectors regenerated under each group backend and compared byte for
// byte with the committed ones (impl/vectors/, part of the format: impl/README.md), or with another
// folder's, so that a backend, a library upgrade or an independent implementation can be checked
// against the format in one command. Each backend's files can be written out for a reader's own
// comparison. A difference is named by its line and field, never its value.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { BACKENDS, type BackendName } from '../../impl/group/backend.js';
import { VARIANTS } from '../../impl/parties/access.js';
import { writeFileAtomic } from '../../output/atomic-file.js';
import { projectRoot } from '../../report/meta.js';
import { EXIT, raise } from '../exit.js';
import { UsageError, oneOf } from '../options.js';
import { checkInputFile, checkOutputDir } from '../paths.js';

/** Where the committed vectors are, from the source or from dist/. */
const committedDir = (): string => join(projectRoot(), 'impl', 'vectors');

export function register(program: Command): void {
  program
    .command('vectors')
    .description('regenerate the test vectors under each group backend and compare them byte for byte with the committed ones')
    .option('--backend <name>', `${BACKENDS.join(' | ')} | all`, 'all')
    .option('--against <dir>', 'compare with the <variant>.json files in this folder instead of the committed ones')
    .option('--out <dir>', 'also write each backend\'s files, as <dir>/<backend>/<variant>.json')
    .action(async (o: { backend: string; against?: string; out?: string }) => {
      const choice = oneOf('--backend', o.backend, [...BACKENDS, 'all'] as const);
      const backends: readonly BackendName[] = choice === 'all' ? BACKENDS : [choice];
      // every input and output checked before any work: a bad one is answered at once
      const against = o.against ?? committedDir();
      if (o.against !== undefined && !statSync(o.against, { throwIfNoEntry: false })?.isDirectory())
        throw new UsageError(`--against '${o.against}' is not a folder${existsSync(o.against) ? '' : ' (no such path)'}`);
      const expected = VARIANTS.map((variant) => {
        const path = join(against, `${variant}.json`);
        if (o.against !== undefined && !existsSync(path)) throw new UsageError(`--against '${o.against}': no ${variant}.json in it`);
        checkInputFile(o.against !== undefined ? `--against '${o.against}'` : 'the committed vectors', path);
        return { variant, path, text: readFileSync(path, 'utf8') };
      });
      if (o.out !== undefined) checkOutputDir('--out', o.out);

      const { useBackend } = await import('../../impl/group/group.js');
      const { firstDifference, vectorText } = await import('../../impl/tools/vectors.js');
      const shown = (p: string) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p));
      let same = 0;
      for (const name of backends) {
        await useBackend(name);
        const made = expected.map((e) => ({ ...e, made: vectorText(e.variant) }));
        if (o.out !== undefined) {
          const dir = join(o.out, name);
          mkdirSync(dir, { recursive: true });
          for (const m of made) writeFileAtomic(join(dir, `${m.variant}.json`), m.made);
        }
        for (const m of made) {
          const d = firstDifference(m.text, m.made);
          if (d === undefined) same++;
          const verdict = d === undefined ? `identical to ${shown(m.path)} (${Buffer.byteLength(m.made)} bytes)` : `DIFFERS from ${shown(m.path)} at line ${d.line} (${d.field})`;
          console.log(`${name.padEnd(6)} ${m.variant.padEnd(11)} ${verdict}`);
        }
      }
      const all = backends.length * expected.length;
      if (o.out !== undefined) console.log(`written: ${backends.map((b) => join(o.out!, b)).join(', ')}`);
      console.log(`${same} of ${all} identical`);
      if (same < all) raise(EXIT.mismatch);
    });
}
