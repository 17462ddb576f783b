// `sesphr vectors`: the test vectors regenerated under each group backend and compared byte for
// byte with the committed ones (impl/vectors/, part of the format: impl/README.md), or with another
// folder's, so that a backend, a library upgrade or an independent implementation can be checked
// against the format in one command. Each backend's files can be written out for a reader's own
// comparison. A difference is named by its line and field, never its value.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { BACKENDS, type BackendName } from '../../impl/group/backend.js';
import { VARIANTS } from '../../impl/parties/access.js';
import { writeFileAtomic } from '../../output/atomic-file.js';
import { committedVectorsDir } from '../../report/meta.js';
import { EXIT, raise } from '../exit.js';
import { UsageError, oneOf } from '../options.js';
import { checkOutputDir, readInputFile } from '../paths.js';

export function register(program: Command): void {
  program
    .command('vectors')
    .description('regenerate the test vectors under each group backend and compare them byte for byte with the committed ones')
    .option('--backend <name>', `${BACKENDS.join(' | ')} | all`, 'all')
    .option('--against <dir>', 'compare with the <variant>.json files in this folder instead of the committed ones')
    .option('--out <dir>', 'also write each backend\'s files, as <dir>/<backend>/<variant>.json')
    .action(async (o: { backend: string; against?: string; out?: string }) => {
      // every input and output checked before any work: a bad one is answered at once
      const choice = oneOf('--backend', o.backend, [...BACKENDS, 'all'] as const);
      const backends: readonly BackendName[] = choice === 'all' ? BACKENDS : [choice];
      const against = o.against ?? committedVectorsDir();
      const what = o.against !== undefined ? `--against '${o.against}'` : 'the committed vectors';
      if (!statSync(against, { throwIfNoEntry: false })?.isDirectory())
        throw new UsageError(`${what} ${o.against !== undefined ? '' : `(${against}) `}is not a folder${existsSync(against) ? '' : ' (no such path)'}`);
      const expected = VARIANTS.map((variant) => {
        const path = join(against, `${variant}.json`);
        if (!existsSync(path)) throw new UsageError(`${what}: no ${variant}.json in it`);
        return { variant, path, text: readInputFile(what, path) };
      });
      if (o.out !== undefined) checkOutputDir('--out', o.out);

      const { checkVectors } = await import('../../impl/tools/vectors.js');
      const { checks, identical: same, unavailable } = await checkVectors(expected, backends, (name, files) => {
        if (o.out === undefined) return;
        mkdirSync(join(o.out, name), { recursive: true });
        for (const f of files) writeFileAtomic(join(o.out, name, `${f.variant}.json`), f.text);
      });
      const shown = (p: string) => {
        const r = relative(process.cwd(), p);
        return r.startsWith('..') ? p : r;
      };
      const pathOf = new Map(expected.map((e) => [e.variant, shown(e.path)]));
      for (const c of checks) {
        const verdict = c.difference === undefined
          ? `identical to ${pathOf.get(c.variant)} (${c.bytes} bytes)`
          : `DIFFERS from ${pathOf.get(c.variant)} at line ${c.difference.line} (${c.difference.field})`;
        console.log(`${c.backend.padEnd(6)} ${c.variant.padEnd(11)} ${verdict}`);
      }
      for (const u of unavailable) console.log(`${u.backend.padEnd(6)} not checked: ${u.why}`);
      const written = backends.filter((b) => !unavailable.some((u) => u.backend === b));
      if (o.out !== undefined && written.length) console.log(`written: ${written.map((b) => join(o.out!, b)).join(', ')}`);
      console.log(`${same} of ${checks.length} identical${unavailable.length ? ` (${unavailable.map((u) => u.backend).join(', ')} not available here)` : ''}`);
      if (same < checks.length) raise(EXIT.mismatch);
      // a backend asked for by name that cannot run here is a failure; under `all`, a note
      if (choice !== 'all' && unavailable.length) raise(EXIT.failed);
    });
}
