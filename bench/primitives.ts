// The primitives of the scheme, each in two forms: as the library offers it (@noble/curves calls,
// what the code did before any optimisation) and in the fastest form this build has. The floor of
// every figure uses the fastest form; the primitives table shows both, so the gain of each
// optimisation is visible on its own.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { createCipheriv } from 'node:crypto';
import { Z, decodeG1, decodeGT, encodeG1, encodeGT, g1, g2, gt, zPow, type G1Point, type G2Point, type GT, type RandomSource } from '../impl/index.js';
import { inGT } from '../impl/group/gt-membership.js';
import { repeat, type RepeatOptions, type Spread } from './timing.js';

const { pairing, fields, G1, G2 } = bls12_381;
const { Fp12 } = fields;

export interface Prims {
  zPow(r: bigint): GT;
  g1Mul(k: bigint): G1Point;
  g2Mul(k: bigint): G2Point;
  gtPow(a: GT, k: bigint): GT;
  pairingPrecompute(q: G2Point): unknown;
  pairWith(p: G1Point, pre: unknown): GT;
}

const mod = (k: bigint) => ((k % fields.Fr.ORDER) + fields.Fr.ORDER) % fields.Fr.ORDER || 1n;

// Copies of the generators with noble's default 6-bit window (g1, g2 themselves now use 8 bits).
const g1Lib = G1.Point.fromAffine(g1.toAffine()).precompute(6, true);
const g2Lib = G2.Point.fromAffine(g2.toAffine()).precompute(6, true);

/** The library's calls as the scheme first used them. */
export const libPrim: Prims = {
  zPow: (r) => Fp12.pow(Z(), r),
  g1Mul: (k) => g1Lib.multiply(mod(k)),
  g2Mul: (k) => g2Lib.multiply(mod(k)),
  gtPow: (a, k) => Fp12.pow(a, k),
  pairingPrecompute: (q) => q,
  pairWith: (p, q) => pairing(p, q as G2Point),
};

/** The fastest form in this build: what impl/ itself calls. */
export const prim: Prims = {
  zPow: (r) => zPow(mod(r)),
  g1Mul: (k) => g1.multiply(mod(k)),
  g2Mul: (k) => g2.multiply(mod(k)),
  gtPow: (a, k) => gt.pow(a, k),
  pairingPrecompute: (q) => q,
  pairWith: (p, q) => gt.pair(p, q as G2Point),
};

export interface PrimitiveRow {
  name: string;
  lib: Spread;
  best: Spread;
}

export function primitiveTable(rng: RandomSource, opts: RepeatOptions): PrimitiveRow[] {
  const s = () => rng.scalar();
  const rows: PrimitiveRow[] = [];
  const both = (name: string, f: (p: Prims, k: bigint) => unknown) => {
    rows.push({ name, lib: repeat(opts, s, (k) => f(libPrim, k)), best: repeat(opts, s, (k) => f(prim, k)) });
  };
  const P = g1.multiply(s());
  const Q = g2.multiply(s());
  const R = zPow(s());
  both('Z^r (GT, fixed base)', (p, k) => p.zPow(k));
  both('g1^k (G1, fixed base)', (p, k) => p.g1Mul(k));
  both('g2^k (G2, fixed base)', (p, k) => p.g2Mul(k));
  both('a^k (GT, variable base)', (p, k) => p.gtPow(R, k));
  both('e(P, RK) (RK precomputed)', (p) => p.pairWith(P, p.pairingPrecompute(Q)));
  const pb = encodeG1(P);
  const rb = encodeGT(R);
  const one = (name: string, f: () => unknown) => {
    const t = repeat(opts, () => 0, f);
    rows.push({ name, lib: t, best: t });
  };
  one('decode+validate G1 (R_P)', () => decodeG1(pb, 'RP'));
  rows.push({
    name: 'GT membership (z^q = 1)',
    lib: repeat(opts, () => 0, () => Fp12.eql(Fp12.pow(R, fields.Fr.ORDER), Fp12.ONE)),
    best: repeat(opts, () => 0, () => inGT(R)),
  });
  one('decode+validate GT (R_U)', () => decodeGT(rb, 'RU'));
  const mb = new Uint8Array(1 << 20);
  const key = rng.bytes(32);
  const nonce = rng.bytes(12);
  one('AES-256-GCM 1 MiB', () => {
    const c = createCipheriv('aes-256-gcm', key, nonce);
    c.update(mb);
    c.final();
  });
  return rows;
}
