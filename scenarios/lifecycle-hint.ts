// Why a scenario's step names no transition of the net, when the answer is a lifecycle part the
// universe leaves off: narrowing, exceptions, later versions and re-joins are universe data
// (model/universe.ts, LifecycleBounds), so a step using one on a universe without it says which
// key turns it on instead of only "no such transition". The shipped universe that has a part is
// named with its own bound, read from its file.
import type { NetEvent } from '../model/machine.js';
import type { Net } from '../model/net.js';
import { boundsOf, generationOf, versionOf, type LifecycleBounds } from '../model/universe.js';
import { universeByName } from '../universes/index.js';

const SHIPPED = 'lifecycle';
const shipped = (key: keyof LifecycleBounds) => `the shipped universe '${SHIPPED}' has ${key}: ${boundsOf(universeByName(SHIPPED))[key]}`;

/** ids as written (f1, d), not the versions and generations a lifecycle net grounds */
const writtenFiles = (net: Net) => (net.U.base ?? net.U).files;
const writtenUsers = (net: Net) => (net.U.base ?? net.U).users.map((u) => u.id);

export function lifecycleHint(net: Net, e: NetEvent): string | undefined {
  const b = boundsOf(net.U);
  const name = net.U.name;
  if (net.cfg.profile === 'paper' && ['Ungrant', 'Except_Policy'].includes(e.type))
    return `${e.type} belongs to the lifecycle of the extended and adversarial profiles, not to profile 'paper'`;
  if (e.type === 'Ungrant' && !b.narrowing) return `universe '${name}' has narrowing off (\`narrowing: true\` in a universe turns Ungrant on; ${shipped('narrowing')})`;
  if (e.type === 'Except_Policy' && !b.exceptions) return `universe '${name}' has per-member exceptions off (\`exceptions: true\` in a universe turns them on; ${shipped('exceptions')})`;
  const values = Object.entries(e).filter(([k]) => k !== 'type').map(([, v]) => String(v));
  const version = Math.max(1, ...values.map(versionOf).filter((x) => writtenFiles(net).includes(x.file)).map((x) => x.version));
  if (version > b.versions) return `universe '${name}' keeps ${b.versions} version(s) per partition (\`versions: ${version}\` or more in a universe allows version ${version}; ${shipped('versions')})`;
  const generation = Math.max(1, ...values.map(generationOf).filter((x) => writtenUsers(net).includes(x.user)).map((x) => x.generation));
  if (generation > b.rejoins + 1) return `universe '${name}' allows ${b.rejoins} re-join(s) (\`rejoins: ${generation - 1}\` or more in a universe allows key generation ${generation}; ${shipped('rejoins')})`;
  return undefined;
}

/** For a refused Register of a revoked user: how re-joining is written. */
export function rejoinHint(net: Net, user: string): string {
  const next = `a revoked user joins again as its next key generation (\`join: ${user}~2\`)`;
  return boundsOf(net.U).rejoins > 0 ? next : `${next}, which needs \`rejoins: 1\` or more in the universe (${shipped('rejoins')})`;
}

/** For a name `f1~2` or `d~2` the universe does not have while it has `f1` or `d`: which bound would. */
export function versionedNameHint(net: Net, kind: string, value: string): string | undefined {
  if (!value.includes('~')) return undefined;
  const b = boundsOf(net.U);
  const { file, version } = versionOf(value);
  const { user, generation } = generationOf(value);
  if (net.cfg.profile === 'paper') return `profile 'paper' has no record updates or re-joins: they belong to the extended and adversarial profiles`;
  if (kind === 'file' && writtenFiles(net).includes(file))
    return `universe '${net.U.name}' keeps ${b.versions} version(s) per partition: \`versions: ${version}\` or more in a universe allows ${value} (${shipped('versions')})`;
  if (kind !== 'file' && writtenUsers(net).includes(user))
    return `universe '${net.U.name}' allows ${b.rejoins} re-join(s): \`rejoins: ${generation - 1}\` or more in a universe allows key generation ${value} (${shipped('rejoins')})`;
  return undefined;
}
