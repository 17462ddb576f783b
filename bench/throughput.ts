// SRS throughput: R_U requests answered per second (rule 31: ACL decision and the pairing) with
// many users and files at the SRS. Requests cycle over every (user, file, partition), so no two
// consecutive requests share a user or a partition.
import { benchWorld, phrOfSize, type BenchWorld } from './fixture.js';
import type { ThroughputRow } from './types.js';
import { spread, timeOnce } from './timing.js';

export interface Request {
  user: string;
  file: string;
  label: string;
}

/** An SRS with `users` family members and `files` four-partition files, and the request cycle. */
export function throughputWorld(users: number, files: number, seed: string): { w: BenchWorld; partitions: number; next: () => Request } {
  const w = benchWorld(`${seed}/throughput/${users}/${files}`);
  const ids = Array.from({ length: users }, (_, i) => `u${i}`);
  for (const id of ids) w.join(id);
  const phr = phrOfSize(1, w.rng);
  const labels = Object.keys(phr);
  const fileIds = Array.from({ length: files }, (_, i) => `f${i}`);
  for (const f of fileIds) w.owner.upload(f, phr);
  const combos = ids.length * fileIds.length * labels.length;
  let k = 0;
  const next = (): Request => {
    const c = k++ % combos;
    return { user: ids[c % ids.length]!, file: fileIds[Math.floor(c / ids.length) % fileIds.length]!, label: labels[Math.floor(c / (ids.length * fileIds.length))]! };
  };
  return { w, partitions: labels.length, next };
}

export function throughputRow(users: number, files: number, requests: number, batches: number, seed: string): ThroughputRow {
  const { w, partitions, next } = throughputWorld(users, files, seed);
  const ask = () => {
    const r = next();
    return w.srs.requestRU(r.user, r.file, r.label);
  };
  for (let i = 0; i < Math.min(4, requests); i++) ask(); // warm-up
  const rates: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t = timeOnce(() => {
      for (let i = 0; i < requests; i++) {
        const res = ask();
        if (!res.granted) throw new Error(`bench: R_U refused (${res.code})`);
      }
    });
    rates.push(requests / t);
  }
  return { users, files, partitions, requests, perSecond: spread(rates) };
}
