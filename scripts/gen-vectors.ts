// Writes impl/vectors/<variant>.json, the committed test vectors (impl/tools/vectors.ts: fixed
// scalars and nonces, every intermediate value in hex), when the format changes. Re-running it
// gives byte-identical files; `sesphr vectors` regenerates them under every group backend and
// compares them with these, and test/impl-vectors.test.ts checks the implementation against them.
//   node --import ./register.mjs scripts/gen-vectors.ts [--backend blst|mcl|noble] [--out DIR]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkOutputDir } from '../cli/paths.js';
import { BACKENDS, backend, isBackendName, useBackend } from '../impl/group/group.js';
import { VARIANTS } from '../impl/parties/access.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { vectorText } from '../impl/tools/vectors.js';

const USAGE = `usage: node --import ./register.mjs scripts/gen-vectors.ts [--backend ${BACKENDS.join('|')}] [--out DIR]`;

/** Bad input: one line saying what was wrong, no stack trace, nothing written. */
function refuse(msg: string): never {
  process.stderr.write(`gen-vectors: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

let values: { backend?: string; out: string; help?: boolean };
try {
  values = parseArgs({ options: { backend: { type: 'string' }, out: { type: 'string', default: 'impl/vectors' }, help: { type: 'boolean' } } }).values as typeof values;
} catch (e) {
  refuse((e as Error).message.split('\n')[0]!);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.backend !== undefined && !isBackendName(values.backend)) refuse(`--backend must be one of ${BACKENDS.join(', ')}, not "${values.backend}"`);
try {
  checkOutputDir('--out', values.out);
} catch (e) {
  refuse((e as Error).message);
}
if (values.backend) await useBackend(values.backend);
// every file made before any is written, and each written whole (a temporary file renamed)
const files = VARIANTS.map((variant) => ({ path: join(values.out, `${variant}.json`), text: vectorText(variant) }));
mkdirSync(values.out, { recursive: true });
for (const { path, text } of files) {
  writeFileAtomic(path, text);
  console.log(`wrote ${path} (backend ${backend().name})`);
}
