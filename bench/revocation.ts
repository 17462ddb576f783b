// Revocation (Sec. 3.7): the SRS deletes the user's keys, RK and ACL entries; nothing is
// re-keyed or re-encrypted. Timed per revocation as users and files grow, with a check that no
// stored C and no other user's key changed (the paper's "constant cost" claim).
import { encodeRP, rpGroup } from '../impl/index.js';
import { benchWorld } from './fixture.js';
import type { RevocationRow } from './types.js';
import { spread, timeOnce } from './timing.js';

export function revocationRow(users: number, files: number, revocations: number, seed: string): RevocationRow {
  const w = benchWorld(`${seed}/revocation/${users}/${files}`);
  const ids = Array.from({ length: users }, (_, i) => `u${i}`);
  for (const id of ids) w.join(id);
  // One stored partition per file: C at the cloud, R_P at the SRS. Revocation reads neither, so
  // the same valid R_P and a small C stand for every file.
  const rp = encodeRP(rpGroup.mul(w.rng.scalar()));
  for (let i = 0; i < files; i++) {
    const file = `f${i}`;
    w.cloud.put({ owner: 'patient', file, label: 'personal', c: new Uint8Array(64) });
    w.srs.storeRP({ owner: 'patient', file, label: 'personal', version: 1, rp });
  }
  const cloudBefore = w.cloud.stateDigest();
  const keep = new Set(ids.slice(revocations + 1));
  const keysOf = () => w.srs.holdings().filter((h) => [...keep].some((u) => h.token.endsWith(`(${u})`))).map((h) => `${h.token}:${Buffer.from(h.bytes).toString('hex')}`);
  const keysBefore = keysOf();
  const n = Math.min(revocations + 1, users);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = timeOnce(() => w.owner.revoke(ids[i]!));
    if (i > 0 || n === 1) times.push(t); // the first revocation warms up
  }
  const keysAfter = keysOf();
  return {
    users,
    files,
    seconds: spread(times),
    cloudObjectsChanged: cloudBefore === w.cloud.stateDigest() ? 0 : 1,
    otherKeysChanged: keysBefore.filter((k, i) => keysAfter[i] !== k).length + Math.abs(keysBefore.length - keysAfter.length),
  };
}
