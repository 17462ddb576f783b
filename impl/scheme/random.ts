// Randomness is injected, never ambient: every party takes a RandomSource. The system source is
// the default everywhere; the deterministic source exists only so the vector generator and the
// tests can reproduce exact bytes, and must be passed explicitly.
import { hash, randomFillSync } from 'node:crypto';
import { GROUP_ORDER, scalarAt } from '../group/group.js';

export interface RandomSource {
  /** n uniformly random bytes (AEAD nonces). */
  bytes(n: number): Uint8Array;
  /** A uniformly random scalar in [1, q-1] (secret keys, the per-partition r). */
  scalar(): bigint;
}

/** The 32 bytes of `view` at `at` as a candidate scalar, its top bit cleared first: q < 2^255, so
 *  clearing it halves the rejection rate and keeps uniformity. The bytes are the caller's own. */
function candidateAt(view: DataView, at: number): bigint {
  view.setUint8(at, view.getUint8(at) & 0x7f);
  return scalarAt(view, at);
}

/** Rejection sampling on 32-byte strings: uniform in [1, q-1] without modular bias. */
function scalarFrom(candidate: () => bigint): bigint {
  for (;;) {
    const x = candidate();
    if (x > 0n && x < GROUP_ORDER) return x;
  }
}

/** Bytes the system source reads from the operating system at once. */
export const SYSTEM_READ_BYTES = 4096;

/**
 * Operating-system randomness (node:crypto). The only source used outside tests and vectors.
 *
 * It reads SYSTEM_READ_BYTES at a time and hands them out in order, each byte once: with one call
 * into OpenSSL per 32 bytes a scalar took 2.5 µs, 10 % of a key at the SRS, and now 0.13 µs
 * (bench/README.md, and the step from one to the other in bench/HISTORY.md, "The system source").
 * What is handed out is zeroed in the block, so the block holds only bytes not yet drawn; Node's randomUUID keeps a read-ahead the same way. Each source
 * has its own block, and every thread its own sources.
 */
export function systemRandom(): RandomSource {
  const block = new Uint8Array(SYSTEM_READ_BYTES);
  const view = new DataView(block.buffer);
  let used = SYSTEM_READ_BYTES;
  /** The offset of n fresh bytes in the block, reading a new block when too few are left. */
  const take = (n: number): number => {
    if (used + n > SYSTEM_READ_BYTES) {
      randomFillSync(block);
      used = 0;
    }
    used += n;
    return used - n;
  };
  const bytes = (n: number): Uint8Array => {
    if (n > SYSTEM_READ_BYTES) return randomFillSync(new Uint8Array(n));
    const at = take(n);
    const out = block.slice(at, at + n);
    block.fill(0, at, at + n);
    return out;
  };
  const candidate = (): bigint => {
    const at = take(32);
    const x = candidateAt(view, at);
    block.fill(0, at, at + 32);
    return x;
  };
  return { bytes, scalar: () => scalarFrom(candidate) };
}

/**
 * FOR VECTORS AND TESTS ONLY: a reproducible stream, SHA-256(seed || counter) blocks.
 * Anyone who knows the seed knows every key drawn from it.
 */
export function deterministicRandom(seed: string): RandomSource {
  let counter = 0;
  // one-shot hash(): no Hash object per block (a scalar or a nonce is one block, drawn per
  // partition on the encryption path and per key in key generation: bench/README.md)
  const block = (): Buffer => hash('sha256', `${seed}/${counter++}`, 'buffer') as unknown as Buffer;
  const bytes = (n: number): Uint8Array => {
    if (n === 32) {
      const b = block();
      return new Uint8Array(b.buffer, b.byteOffset, 32);
    }
    const out = new Uint8Array(n);
    for (let off = 0; off < n; off += 32) out.set(block().subarray(0, Math.min(32, n - off)), off);
    return out;
  };
  const candidate = (): bigint => {
    const b = block();
    return candidateAt(new DataView(b.buffer, b.byteOffset, 32), 0);
  };
  return { bytes, scalar: () => scalarFrom(candidate) };
}

/** A source that replays fixed scalars and nonces in order (vectors: x_P, x_U, r, nonce). */
export function fixedRandom(scalars: bigint[], nonces: Uint8Array[]): RandomSource {
  const s = [...scalars];
  const n = [...nonces];
  return {
    bytes(len) {
      const next = n.shift();
      if (!next || next.length !== len) throw new Error(`fixedRandom: no ${len}-byte nonce left`);
      return Uint8Array.from(next);
    },
    scalar() {
      const next = s.shift();
      if (next === undefined) throw new Error('fixedRandom: no scalar left');
      return next;
    },
  };
}
