// The shipped scenarios, found on disk so a new file is picked up without registering it.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** scenarios/ in the source tree, whether running from TypeScript or from dist/. */
export function scenariosDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.split(/[\\/]/).includes('dist') ? join(here, '..', '..', 'scenarios') : here;
}

export function shippedScenarios(dir = scenariosDir()): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...shippedScenarios(p));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
  return out;
}
