// The parties a benchmark needs, joined through the full srs-keys lifecycle (the paper's variant),
// with a seeded deterministic source so every run draws the same keys, r and nonces.
import { Cloud, DEFAULT_LABELS, PatientClient, Srs, UserClient, deterministicRandom, type RandomSource } from '../impl/index.js';

export interface BenchWorld {
  srs: Srs;
  cloud: Cloud;
  owner: PatientClient;
  rng: RandomSource;
  /** Registers, keys and approves a family member (all four partitions by default access). */
  join(id: string): UserClient;
}

export function benchWorld(seed: string, ownerId = 'patient'): BenchWorld {
  const rng = deterministicRandom(seed);
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng });
  const cloud = new Cloud();
  const owner = new PatientClient(ownerId, { srs, cloud, rng });
  owner.register();
  owner.genKey();
  owner.sendKeys();
  const join = (id: string) => {
    const u = new UserClient(id, { srs, cloud, rng });
    u.register(ownerId, 'family');
    u.genKey();
    u.sendKeys();
    owner.approve(id);
    return u;
  };
  return { srs, cloud, owner, rng, join };
}

/** A PHR of `kb` KB with a partition for each of the paper's labels, the bytes split evenly. */
export function phrOfSize(kb: number, rng: RandomSource): Record<string, Uint8Array> {
  const total = kb * 1024;
  const parts = DEFAULT_LABELS.length;
  const out: Record<string, Uint8Array> = {};
  DEFAULT_LABELS.forEach((label, i) => {
    const n = Math.floor(total / parts) + (i < total % parts ? 1 : 0);
    const b = new Uint8Array(n);
    // Contents do not change any cost; a cheap pattern seeded from the rng keeps them non-constant.
    const seedBytes = rng.bytes(32);
    for (let k = 0; k < n; k++) b[k] = seedBytes[k & 31]! ^ (k * 131);
    out[label] = b;
  });
  return out;
}
