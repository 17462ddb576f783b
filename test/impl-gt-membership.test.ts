// GT membership without a 255-bit exponentiation, Scott's test on mcl-wasm's heap
// (impl/group/mcl-gt-membership.ts), gives exactly the answers of its definition, z^q = 1, which the
// noble reference checks; every backend's decoding of GT bytes gives the same answers.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BLS_U_ABS, mclGtMembership } from '../impl/group/mcl-gt-membership.js';
import { BACKENDS, DEFAULT_BACKEND } from '../impl/group/backend.js';
import { decodeGT, useBackend } from '../impl/group/group.js';
import { SesphrError } from '../impl/errors.js';
import mcl from 'mcl-wasm';

const { G1, G2, fields, pairing } = bls12_381;
const { Fp, Fp12, Fr } = fields;
const q = Fr.ORDER;
const p = Fp.ORDER;
const Z = pairing(G1.Point.BASE, G2.Point.BASE);

let counter = 0;
/** Deterministic pseudo-random bigint below `n`. */
function rand(n: bigint): bigint {
  const h = createHash('sha512').update(`gt-membership/${counter++}`).digest('hex');
  return BigInt('0x' + h) % n;
}
const randFp12 = () => Fp12.fromBigTwelve(Array.from({ length: 12 }, () => rand(p)) as Parameters<typeof Fp12.fromBigTwelve>[0]);
const slowInGT = (z: ReturnType<typeof Fp12.fromBigTwelve>) => Fp12.eql(Fp12.pow(z, q), Fp12.ONE);
/** An element of the cyclotomic subgroup, almost surely not in GT: f^((p^6 - 1)(p^2 + 1)). */
const randCyclotomic = () => {
  const f = randFp12();
  const t = Fp12.mul(Fp12.frobeniusMap(f, 6), Fp12.inv(f));
  return Fp12.mul(Fp12.frobeniusMap(t, 2), t);
};

describe('GT membership without a 255-bit exponentiation', () => {
  it('rests on gcd(p - u, p^4 - p^2 + 1) = q for BLS12-381 (u = -|u|)', () => {
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
    expect(gcd(p + BLS_U_ABS, p ** 4n - p ** 2n + 1n)).toBe(q);
    expect((p + BLS_U_ABS) % q).toBe(0n);
  });

  it('every backend accepts the bytes of a GT element other than the identity and refuses any other Fp12 element', async () => {
    const cases = [
      Z,
      Fp12.pow(Z, rand(q)),
      Fp12.ONE,
      Fp12.ZERO,
      Fp12.neg(Fp12.ONE), // order 2, cyclotomic, not in GT
      Fp12.conjugate(Fp12.pow(Z, rand(q))),
      randFp12(),
      randCyclotomic(),
      Fp12.mul(Z, randCyclotomic()),
    ];
    const accepted = (bytes: Uint8Array) => {
      try {
        decodeGT(bytes, 'RU');
        return true;
      } catch (e) {
        if (e instanceof SesphrError) return false;
        throw e;
      }
    };
    try {
      for (const b of BACKENDS) {
        await useBackend(b);
        expect(cases.map((z) => accepted(Fp12.toBytes(z))), b).toEqual(cases.map((z) => !Fp12.eql(z, Fp12.ONE) && slowInGT(z)));
      }
    } finally {
      await useBackend(DEFAULT_BACKEND);
    }
    expect(cases.map(slowInGT).filter(Boolean).length).toBeGreaterThan(2);
  });

  it('gives the same answers on mcl-wasm\'s heap (mcl-gt-membership.ts) as z^q = 1', async () => {
    await useBackend('mcl'); // mcl.init
    const m = mclGtMembership();
    /** noble's Fp12 as mcl-wasm's GT: the same coefficients, each Fp2 written c1 || c0 */
    const toMcl = (z: ReturnType<typeof Fp12.fromBigTwelve>): mcl.GT => {
      const b = Fp12.toBytes(z);
      const sw = new Uint8Array(b.length);
      for (let i = 0; i < b.length; i += 96) (sw.set(b.subarray(i + 48, i + 96), i), sw.set(b.subarray(i, i + 48), i + 48));
      const a = new mcl.GT();
      a.deserialize(sw);
      return a;
    };
    const cases = [Z, Fp12.pow(Z, rand(q)), Fp12.ONE, Fp12.ZERO, Fp12.neg(Fp12.ONE), Fp12.conjugate(Fp12.pow(Z, rand(q))), randFp12(), randCyclotomic(), randCyclotomic(), Fp12.mul(Z, randCyclotomic())];
    const answers = cases.map((z) => m.inGT(toMcl(z)));
    expect(answers).toEqual(cases.map(slowInGT));
    expect(answers.filter(Boolean).length).toBeGreaterThan(2);
  });
});
