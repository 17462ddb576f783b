// Writes impl/vectors/<variant>.json, the committed test vectors (impl/tools/vectors.ts: fixed
// scalars and nonces, every intermediate value in hex), when the format changes. Re-running it
// gives byte-identical files; `sesphr vectors` regenerates them under every group backend and
// compares them with these, and test/impl-vectors.test.ts checks the implementation against them.
//   node --import ./register.mjs scripts/gen-vectors.ts [--backend blst|mcl|noble] [--out DIR]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { oneOf } from '../cli/options.js';
import { checkOutputDir } from '../cli/paths.js';
import { BACKENDS, backend, useBackend } from '../impl/group/group.js';
import { VARIANTS } from '../impl/parties/access.js';
import { orRefuse, scriptArgs } from '../input/script-args.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { vectorText } from '../impl/tools/vectors.js';

const USAGE = `usage: node --import ./register.mjs scripts/gen-vectors.ts [--backend ${BACKENDS.join('|')}] [--out DIR]`;

// every argument checked before anything is made: bad input is one line, and nothing is written
const values = scriptArgs('gen-vectors', USAGE, { backend: { type: 'string' }, out: { type: 'string', default: 'impl/vectors' } });
const chosen = values.backend === undefined ? undefined : orRefuse('gen-vectors', USAGE, () => oneOf('--backend', values.backend!, BACKENDS));
orRefuse('gen-vectors', USAGE, () => checkOutputDir('--out', values.out));
if (chosen) await useBackend(chosen);
// every file made before any is written, and each written whole (a temporary file renamed)
const files = VARIANTS.map((variant) => ({ path: join(values.out, `${variant}.json`), text: vectorText(variant) }));
mkdirSync(values.out, { recursive: true });
for (const { path, text } of files) {
  writeFileAtomic(path, text);
  console.log(`wrote ${path} (backend ${backend().name})`);
}
