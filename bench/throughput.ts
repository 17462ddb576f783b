// SRS throughput: R_U requests answered per second (rule 31: ACL decision and the pairing) with
// many users and files at the SRS. Requests cycle over every (user, file, partition), so no two
// consecutive requests share a user or a partition.
import { benchWorld, phrOfSize } from './fixture.js';
import type { ThroughputRow } from './types.js';
import { spread, timeOnce } from './timing.js';

export function throughputRow(users: number, files: number, requests: number, batches: number, seed: string): ThroughputRow {
  const w = benchWorld(`${seed}/throughput/${users}/${files}`);
  const ids = Array.from({ length: users }, (_, i) => `u${i}`);
  for (const id of ids) w.join(id);
  const phr = phrOfSize(1, w.rng);
  const labels = Object.keys(phr);
  const fileIds = Array.from({ length: files }, (_, i) => `f${i}`);
  for (const f of fileIds) w.owner.upload(f, phr);
  const combos = ids.length * fileIds.length * labels.length;
  let k = 0;
  const next = () => {
    const c = k++ % combos;
    return [ids[c % ids.length]!, fileIds[Math.floor(c / ids.length) % fileIds.length]!, labels[Math.floor(c / (ids.length * fileIds.length))]!] as const;
  };
  // warm-up
  for (let i = 0; i < Math.min(4, requests); i++) w.srs.requestRU(...next());
  const rates: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t = timeOnce(() => {
      for (let i = 0; i < requests; i++) {
        const res = w.srs.requestRU(...next());
        if (!res.granted) throw new Error(`bench: R_U refused (${res.code})`);
      }
    });
    rates.push(requests / t);
  }
  return { users, files, partitions: labels.length, requests, perSecond: spread(rates) };
}
