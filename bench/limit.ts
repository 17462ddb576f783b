// The physical limit: native blst (@chainsafe/blst, a prebuilt binary of supranational's assembly
// library), for the operations it exposes. It is a min-pk BLS signature library, so what it offers
// is (1) secret key to public key, a fixed-base multiplication in G1, and (2) verification, two
// pairings sharing one final exponentiation plus hashing the message to G2: half a verification is
// taken as one pairing. The first is exactly our key generation (pk = g1^x, impl/scheme/placement.ts);
// the second is not exactly ours (one full pairing), so that ratio reads "how far from native code".
import blst from '@chainsafe/blst';
import type { RandomSource } from '../impl/index.js';
import { installedPackages } from './machine.js';
import { repeat, type RepeatOptions, type Spread } from './timing.js';

const LIMIT_LIBRARY = '@chainsafe/blst';

export interface NativeLimit {
  library: string;
  /** the version of `library` installed */
  version: string;
  /** secret key to public key (G1 fixed-base multiplication) */
  skToPk: Spread;
  /** half of a verification (two pairings with one final exponentiation, and a hash to G2) */
  pairing: Spread;
}

export function nativeLimit(rng: RandomSource, opts: RepeatOptions): NativeLimit {
  // 31 random bytes under a zero byte: a secret key below the group order
  const keys = () => {
    const b = new Uint8Array(32);
    b.set(rng.bytes(31), 1);
    return blst.SecretKey.fromBytes(b);
  };
  const skToPk = repeat(opts, () => keys(), (sk) => sk.toPublicKey());
  const sk = keys();
  const pk = sk.toPublicKey();
  const msg = rng.bytes(32);
  const sig = sk.sign(msg);
  if (!blst.verify(msg, pk, sig, false, false)) throw new Error('blst: a valid signature did not verify');
  const verify = repeat(opts, () => 0, () => blst.verify(msg, pk, sig, false, false));
  const half = (s: Spread): Spread => ({ min: s.min / 2, median: s.median / 2, max: s.max / 2 });
  return { library: LIMIT_LIBRARY, version: installedPackages().packages[LIMIT_LIBRARY] ?? 'not installed', skToPk, pairing: half(verify) };
}
