// Why a scenario's step names no transition of the net, when the answer is a lifecycle part the
// universe leaves off: narrowing, exceptions, later versions and re-joins are universe data
// (model/universe.ts, LifecycleBounds), so a step using one on a universe without it says which
// key turns it on instead of only "no such transition".
import type { NetEvent } from '../model/machine.js';
import type { Net } from '../model/net.js';
import { boundsOf } from '../model/universe.js';

const suffix = (s: unknown): number => {
  const m = typeof s === 'string' ? /~(\d+)$/.exec(s) : null;
  return m ? Number(m[1]) : 1;
};

export function lifecycleHint(net: Net, e: NetEvent): string | undefined {
  const b = boundsOf(net.U);
  const name = net.U.name;
  if (net.cfg.profile === 'paper' && ['Ungrant', 'Except_Policy'].includes(e.type))
    return `${e.type} belongs to the lifecycle of the extended and adversarial profiles, not to profile 'paper'`;
  if (e.type === 'Ungrant' && !b.narrowing) return `universe '${name}' has narrowing off (\`narrowing: true\` in a universe turns Ungrant on; the shipped universe 'lifecycle' has it)`;
  if (e.type === 'Except_Policy' && !b.exceptions) return `universe '${name}' has per-member exceptions off (\`exceptions: true\` in a universe turns them on; the shipped universe 'lifecycle' has them)`;
  const values = Object.entries(e).filter(([k]) => k !== 'type').map(([, v]) => v);
  const version = Math.max(1, ...values.filter((v) => typeof v === 'string' && /^[A-Za-z.0-9]+~\d+$/.test(v) && net.U.files.includes(v.replace(/~\d+$/, ''))).map(suffix));
  if (version > b.versions) return `universe '${name}' keeps ${b.versions} version(s) per partition (\`versions: ${version}\` or more in a universe allows version ${version}; the shipped universe 'lifecycle' has versions: 2)`;
  const generation = Math.max(1, ...values.filter((v) => typeof v === 'string' && /~\d+$/.test(v) && !net.U.files.includes(v.replace(/~\d+$/, ''))).map(suffix));
  if (generation > b.rejoins + 1) return `universe '${name}' allows ${b.rejoins} re-join(s) (\`rejoins: ${generation - 1}\` or more in a universe allows key generation ${generation}; the shipped universe 'lifecycle' has rejoins: 1)`;
  return undefined;
}

/** For a refused Register of a revoked user: how re-joining is written. */
export function rejoinHint(net: Net, user: string): string {
  const b = boundsOf(net.U);
  return b.rejoins > 0
    ? `a revoked user joins again as its next key generation (\`join: ${user}~2\`)`
    : `a revoked user joins again as its next key generation (\`join: ${user}~2\`), which needs \`rejoins: 1\` or more in the universe (the shipped universe 'lifecycle' has it)`;
}

/** For a name `f1~2` or `d~2` the universe does not have while it has `f1` or `d`: which bound would. */
export function versionedNameHint(net: Net, kind: string, value: string): string | undefined {
  const m = /^(.*)~(\d+)$/.exec(value);
  if (!m) return undefined;
  const [, base, n] = m;
  const b = boundsOf(net.U);
  if (net.cfg.profile === 'paper') return `profile 'paper' has no record updates or re-joins: they belong to the extended and adversarial profiles`;
  if (kind === 'file' && net.U.files.includes(base))
    return `universe '${net.U.name}' keeps ${b.versions} version(s) per partition: \`versions: ${n}\` or more in a universe allows ${value} (the shipped universe 'lifecycle' has versions: 2)`;
  if (kind !== 'file' && net.U.users.some((u) => u.id === base))
    return `universe '${net.U.name}' allows ${b.rejoins} re-join(s): \`rejoins: ${Number(n) - 1}\` or more in a universe allows key generation ${value} (the shipped universe 'lifecycle' has rejoins: 1)`;
  return undefined;
}
