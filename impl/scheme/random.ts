// Randomness is injected, never ambient: every party takes a RandomSource. The system source is
// the default everywhere; the deterministic source exists only so the vector generator and the
// tests can reproduce exact bytes, and must be passed explicitly.
import { hash, randomBytes } from 'node:crypto';
import { GROUP_ORDER } from '../group/group.js';

export interface RandomSource {
  /** n uniformly random bytes (AEAD nonces). */
  bytes(n: number): Uint8Array;
  /** A uniformly random scalar in [1, q-1] (secret keys, the per-partition r). */
  scalar(): bigint;
}

/** Rejection sampling on 32-byte strings: uniform in [1, q-1] without modular bias. */
function scalarFrom(bytes: (n: number) => Uint8Array): bigint {
  for (;;) {
    const b = bytes(32);
    b[0] = b[0]! & 0x7f; // q < 2^255: halves the rejection rate, keeps uniformity
    const x = BigInt('0x' + Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex')); // a view, no copy
    if (x > 0n && x < GROUP_ORDER) return x;
  }
}

/** Operating-system randomness (node:crypto). The only source used outside tests and vectors. */
export function systemRandom(): RandomSource {
  const bytes = (n: number) => new Uint8Array(randomBytes(n));
  return { bytes, scalar: () => scalarFrom(bytes) };
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
  return { bytes, scalar: () => scalarFrom(bytes) };
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
