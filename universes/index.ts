// Universes as data: the shipped ones are the YAML files of this folder, found by name; any other
// file is read by path. Every file is validated (zod) with positioned errors
// (`file:line:col: path: what was expected`); cross-references (a role for an unknown patient, a
// default access naming a partition the patient does not have, an id used twice) are checked after
// the schema and positioned the same way.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readInputText } from '../input/text.js';
import { fileURLToPath } from 'node:url';
import { positionedError, readYaml, type PathItem } from '../input/yaml.js';
import { CLOUD, SRS, TPA } from '../model/terms.js';
import { type PatientSpec, type Role, type Universe, type UserSpec, makeUniverse } from '../model/universe.js';
import { UniverseFile, type UniverseFileSpec } from './schema.js';

export class UniverseError extends Error {}

/** A universe file that could not be read at all (missing, a directory, a device, too large), as
 *  opposed to one read and found wrong: a scenario places the first at its own `universe:` line. */
export class UniverseFileUnreadable extends UniverseError {}

/** universes/ in the source tree, whether running from TypeScript or from dist/. */
export function universesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.split(/[\\/]/).includes('dist') ? join(here, '..', '..', 'universes') : here;
}

/** Names of the shipped universes (the YAML files of universes/). */
export function shippedUniverses(): string[] {
  return readdirSync(universesDir()).filter((f) => f.endsWith('.yaml')).map((f) => basename(f, '.yaml')).sort();
}

/** Reads a universe from YAML text; `file` names it in errors. */
export function parseUniverse(file: string, text: string): Universe {
  const read = readYaml(file, text, UniverseFile, { error: (m) => new UniverseError(m) });
  return buildUniverse(read.data, (path, what) => positionedError(file, read.doc, read.lines, path, what, (m) => new UniverseError(m)), file);
}

/**
 * A universe from its validated spec: the cross-references checked (`fail` positions an error at
 * a path of the spec), file ids qualified by patient when there are several.
 */
export function buildUniverse(spec: UniverseFileSpec, fail: (path: PathItem[], what: string) => Error, source?: string): Universe {
  const seen = new Map<string, string>();
  const claim = (id: string, path: PathItem[]) => {
    if ([SRS, CLOUD, TPA].includes(id)) throw fail(path, `'${id}' names a party of the scheme; choose another id`);
    if (seen.has(id)) throw fail(path, `id '${id}' is already used (at ${seen.get(id)}); every patient and user needs its own`);
    seen.set(id, path.join('.'));
  };
  const several = spec.patients.length > 1;
  const patients: PatientSpec[] = spec.patients.map((p, k) => {
    claim(p.id, ['patients', k, 'id']);
    const dup = (xs: string[], what: string) => {
      const j = xs.findIndex((x, n) => xs.indexOf(x) !== n);
      if (j >= 0) throw fail(['patients', k, what, j], `'${xs[j]}' is listed twice`);
    };
    dup(p.partitions, 'partitions');
    dup(p.files, 'files');
    const access = p['default-access'] ?? {};
    for (const [r, parts] of Object.entries(access))
      parts!.forEach((i, j) => {
        if (!p.partitions.includes(i)) throw fail(['patients', k, 'default-access', r, j], `'${i}' is not a partition of patient '${p.id}': expected one of ${p.partitions.join(', ')}`);
      });
    return {
      id: p.id,
      partitions: p.partitions,
      // One patient's file ids never collide with another's: with several patients each is qualified by its owner.
      files: p.files.map((f) => (several ? `${p.id}.${f}` : f)),
      defaultAccess: access as Partial<Record<Role, string[]>>,
    };
  });
  const users: UserSpec[] = spec.users.map((u, k) => {
    claim(u.id, ['users', k, 'id']);
    for (const pid of Object.keys(u.roles ?? {}))
      if (!patients.some((p) => p.id === pid)) throw fail(['users', k, 'roles', pid], `'${pid}' is not a patient of this universe: expected one of ${patients.map((p) => p.id).join(', ')}`);
    return { id: u.id, roles: (u.roles ?? {}) as Record<string, Role> };
  });
  const bounds = {
    ...(spec.versions !== undefined && { versions: spec.versions }), ...(spec.rejoins !== undefined && { rejoins: spec.rejoins }),
    ...(spec.narrowing !== undefined && { narrowing: spec.narrowing }), ...(spec.exceptions !== undefined && { exceptions: spec.exceptions }),
  };
  return makeUniverse({ name: spec.name, patients, users, source, ...(Object.keys(bounds).length && { bounds }) });
}

export function loadUniverseFile(file: string): Universe {
  const text = readInputText('universe file', file, (m) => new UniverseFileUnreadable(m));
  return parseUniverse(file, text);
}

const loaded = new Map<string, Universe>();

/** Makes a universe findable by its name (one read from a file, or declared inside a scenario). */
export function registerUniverse(U: Universe): Universe {
  const had = loaded.get(U.name);
  if (had && had !== U && had.source && U.source && had.source !== U.source && shippedUniverses().includes(U.name))
    throw new UniverseError(`${U.source}: universe name '${U.name}' is the name of a shipped universe; choose another name`);
  loaded.set(U.name, U);
  return U;
}

/**
 * A universe by shipped name (`small`, `paper`, `two-patients`, `hospital`, ...), by the name of
 * one already read, or by the path of a YAML file.
 */
export function universeByName(nameOrFile: string): Universe {
  const hit = loaded.get(nameOrFile);
  if (hit) return hit;
  if (shippedUniverses().includes(nameOrFile)) return registerUniverse(loadUniverseFile(join(universesDir(), `${nameOrFile}.yaml`)));
  if (/\.ya?ml$/.test(nameOrFile) || nameOrFile.includes('/')) {
    const U = registerUniverse(loadUniverseFile(nameOrFile));
    loaded.set(nameOrFile, U); // the same file asked for again is the same universe
    return U;
  }
  throw new UniverseError(`unknown universe '${nameOrFile}': expected one of ${shippedUniverses().join(', ')}, or the path of a universe file (.yaml)`);
}

/** The two single-patient universes the catalogue and the tests start from. */
export const small: Universe = universeByName('small');
export const paper: Universe = universeByName('paper');
