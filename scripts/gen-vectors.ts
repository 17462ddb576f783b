// Writes impl/vectors/<variant>.json: deterministic scalars and nonces (from a named seed through
// the test-only deterministic source), every intermediate value in hex. Re-running it must give
// byte-identical files; test/impl-vectors.test.ts checks the implementation still reproduces them.
//   node --import ./register.mjs scripts/gen-vectors.ts [--backend blst|mcl|noble] [--out DIR]
// Every backend writes the same bytes (test/impl-backends.test.ts compares them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BACKENDS, backend, isBackendName, useBackend } from '../impl/group/group.js';
import { VARIANTS } from '../impl/parties/access.js';
import { deterministicRandom } from '../impl/scheme/random.js';
import { buildVector, type VectorInput } from '../impl/tools/vectors.js';

const utf8 = new TextEncoder();

/** The fixed inputs of one variant's vector (exported so the test rebuilds the same ones). */
export function vectorInput(variant: (typeof VARIANTS)[number]): VectorInput {
  const rng = deterministicRandom(`SeSPHR test vectors v1 / ${variant}`);
  const xP = rng.scalar();
  const xU = rng.scalar();
  const plaintexts: [string, Uint8Array][] = [
    ['personal', utf8.encode('<personal><name>Ann Example</name></personal>')],
    ['medical', new Uint8Array(0)],
    ['insurance', Uint8Array.of(0x2a)],
    ['prescription', utf8.encode('{"drug":"amlodipine","dose":"5 mg"}')],
  ];
  const partitions = plaintexts.map(([label, plaintext]) => ({ label, version: 1, r: rng.scalar(), nonce: rng.bytes(12), plaintext }));
  return { variant, owner: 'patient', user: 'doctor', file: 'file1', xP, xU, partitions };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { backend: { type: 'string' }, out: { type: 'string', default: 'impl/vectors' } } });
  if (values.backend !== undefined && !isBackendName(values.backend)) {
    console.error(`gen-vectors: --backend must be one of ${BACKENDS.join(', ')}, not "${values.backend}"`);
    process.exit(2);
  }
  if (values.backend) await useBackend(values.backend);
  mkdirSync(values.out, { recursive: true });
  for (const variant of VARIANTS) {
    const path = `${values.out}/${variant}.json`;
    writeFileSync(path, JSON.stringify(buildVector(vectorInput(variant)), null, 2) + '\n');
    console.log(`wrote ${path} (backend ${backend().name})`);
  }
}
