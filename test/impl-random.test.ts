// The system source reads the operating system a block at a time and hands each byte out once.
import { describe, expect, it, vi } from 'vitest';
import * as crypto from 'node:crypto';

vi.mock('node:crypto', async (original) => {
  const m = await original<typeof import('node:crypto')>();
  return { ...m, randomFillSync: vi.fn(m.randomFillSync) };
});

const { systemRandom, deterministicRandom, SYSTEM_READ_BYTES } = await import('../impl/scheme/random.js');
const { GROUP_ORDER } = await import('../impl/group/group.js');
const reads = vi.mocked(crypto.randomFillSync);

describe('systemRandom', () => {
  it('reads one block for SYSTEM_READ_BYTES / 32 scalars, and the next block only after them', () => {
    const rng = systemRandom();
    reads.mockClear();
    const perBlock = SYSTEM_READ_BYTES / 32;
    const xs = new Set<bigint>();
    // a rejected candidate (about one in eleven) takes its 32 bytes too: half a block of scalars
    // fits in one read, and three blocks of them need at least three
    for (let i = 0; i < perBlock / 2; i++) xs.add(rng.scalar());
    expect(reads).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 2.5 * perBlock; i++) xs.add(rng.scalar());
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(xs.size).toBe(3 * perBlock);
    for (const x of xs) expect(x > 0n && x < GROUP_ORDER).toBe(true);
  });

  it('hands out copies: changing drawn bytes changes nothing drawn later', () => {
    const rng = systemRandom();
    const a = rng.bytes(12);
    const b = rng.bytes(12);
    expect(Buffer.compare(a, b)).not.toBe(0);
    a.fill(0);
    b.fill(0);
    expect(rng.bytes(12).some((v) => v !== 0)).toBe(true);
  });

  it('starts a new block when the rest is too short, and reads a request above a block on its own', () => {
    const rng = systemRandom();
    reads.mockClear();
    rng.bytes(SYSTEM_READ_BYTES - 10);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(rng.bytes(12).length).toBe(12);
    expect(reads).toHaveBeenCalledTimes(2);
    const big = rng.bytes(SYSTEM_READ_BYTES + 1);
    expect(big.length).toBe(SYSTEM_READ_BYTES + 1);
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('scalars cover the whole range: the top bit of q is reached, and values above q are rejected', () => {
    const rng = systemRandom();
    const top = 1n << 254n;
    let high = 0;
    for (let i = 0; i < 400; i++) if (rng.scalar() >= top) high++;
    // about (q - 2^253) / q = 45 % of scalars lie above 2^253
    expect(high).toBeGreaterThan(120);
    expect(high).toBeLessThan(240);
  });
});

describe('deterministicRandom', () => {
  it('draws the scalars the vectors were made with (its first from seed "s")', () => {
    expect(deterministicRandom('s').scalar().toString(16)).toBe('36a3c3d6bc9345ba54fed9b94457cdb21b1c736ac2eb24c4717ccc763397bc32');
  });
});
