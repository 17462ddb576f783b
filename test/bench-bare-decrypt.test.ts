// Bare threads for Fig. 5, the reference the pool's decryption points are timed against: whatever
// the split, the keys they derive are the keys of the floor's chain, e(RK, R_P)^(x) through HKDF,
// and they open the floor's sealed record.
import { afterAll, describe, expect, it } from 'vitest';
import { BareDecrypt } from '../bench/bare-decrypt.js';
import { decryptOperands, partInfos } from '../bench/floor.js';
import { decryptPoolPoints } from '../bench/parallel.js';
import { prim } from '../bench/primitives.js';
import { CryptoPool } from '../impl/tools/pool.js';
import { HKDF_SALT, decodeGT, deterministicRandom, encodeGT, hkdfSha256 } from '../impl/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A record of `n` partitions of a few bytes each, its floor operands and HKDF infos. */
function record(n: number, seed: string) {
  const rng = deterministicRandom(seed);
  const parts = Array.from({ length: n }, (_, i) => rng.bytes(40 + i));
  return { operands: decryptOperands(parts, rng), infos: partInfos(parts) };
}

/** The keys of the floor's chain, on one thread with no split: each R_U's bytes validated, raised,
 *  and through HKDF. */
function expectedKeys({ operands, infos }: ReturnType<typeof record>): string[] {
  const { rk, rps, xU } = operands;
  return rps.map((rp, i) => hex(hkdfSha256(encodeGT(prim.gtPow(decodeGT(encodeGT(prim.pair(rk, rp)), 'R_U'), xU)), HKDF_SALT, infos[i]!)));
}

describe('bare threads for decryption', () => {
  const started: BareDecrypt[] = [];
  afterAll(async () => {
    await Promise.all(started.map((b) => b.close()));
  });
  const start = async (threads: number, maxParts: number): Promise<BareDecrypt> => {
    const bare = await BareDecrypt.start(threads, maxParts);
    started.push(bare);
    return bare;
  };

  it('derive the keys of the floor\'s chain on one, two and three threads, record after record', async () => {
    for (const threads of [1, 2, 3]) {
      const bare = await start(threads, 5);
      for (const n of [1, 2, 4, 5]) {
        const r = record(n, `bare-decrypt/${threads}/${n}`);
        bare.load(r.operands, r.infos);
        const want = expectedKeys(r);
        expect(bare.run().map(hex)).toEqual(want);
        // a second run of the same record, with every slot already written by the first
        expect(bare.run().map(hex)).toEqual(want);
      }
    }
  }, 120_000);

  it('open only the record sealed with the floor\'s key: a flipped byte of a sealed part fails', async () => {
    const bare = await start(2, 4);
    const r = record(4, 'bare-decrypt/tamper');
    r.operands.sealed[3]!.ct[0]! ^= 1;
    bare.load(r.operands, r.infos);
    expect(() => bare.run()).toThrow();
  }, 60_000);

  it('refuse a run before a record, a record larger than their buffer or with too few infos, and a thread count below one', async () => {
    const bare = await start(2, 4);
    expect(() => bare.run()).toThrow(/no record loaded/);
    const big = record(5, 'bare-decrypt/big');
    expect(() => bare.load(big.operands, big.infos)).toThrow(/between 1 and 4 partitions/);
    const r = record(3, 'bare-decrypt/infos');
    expect(() => bare.load(r.operands, r.infos.slice(1))).toThrow(/2 HKDF infos for 3 partitions/);
    await expect(BareDecrypt.start(0, 4)).rejects.toThrow(/threads must be/);
    await expect(BareDecrypt.start(2, 0)).rejects.toThrow(/maxParts must be/);
  }, 60_000);

  it("sit on the pool's wall-clock point of Fig. 5, from as many threads as the pool has", async () => {
    const pool = new CryptoPool(2);
    try {
      const bare = await start(2, 4);
      const [wall, critical] = await decryptPoolPoints(50, 'bare-decrypt/pool', { warmup: 1, reps: 4, warmSeconds: 0 }, pool, bare);
      expect(wall!.bare).toBeGreaterThan(0);
      expect(wall!.ours.median).toBeGreaterThan(0);
      expect(critical).not.toHaveProperty('bare');
      const three = await start(3, 4);
      await expect(decryptPoolPoints(50, 'bare-decrypt/pool', { warmup: 0, reps: 1, warmSeconds: 0 }, pool, three)).rejects.toThrow(/bare split of 3 threads beside a pool of 2/);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
