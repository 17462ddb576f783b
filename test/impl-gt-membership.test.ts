// GT membership without a 255-bit exponentiation (impl/group/gt-membership.ts) and the plain-bigint
// Fp12 products it runs on (impl/group/fp12-flat.ts) give exactly the library's values.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { conjFlat, cycSqrFlat, fromFlat, mulFlat, toFlat } from '../impl/group/fp12-flat.js';
import { BLS_U_ABS, cyclotomicPowU, inCyclotomic, inGT, inGTBytes } from '../impl/group/gt-membership.js';
import { mclGtMembership } from '../impl/group/mcl-gt-membership.js';
import { useBackend } from '../impl/group/group.js';
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

  it('agrees with z^q = 1 on GT, the identity, zero, random Fp12 and cyclotomic non-GT elements', () => {
    const cases = [
      Z,
      Fp12.pow(Z, rand(q)),
      Fp12.ONE,
      Fp12.ZERO,
      Fp12.neg(Fp12.ONE), // order 2, cyclotomic, not in GT
      Fp12.conjugate(Fp12.pow(Z, rand(q))),
      randFp12(),
      randFp12(),
      randCyclotomic(),
      randCyclotomic(),
      Fp12.mul(Z, randCyclotomic()),
    ];
    for (const z of cases) {
      expect(inGT(z)).toBe(slowInGT(z));
      expect(inGTBytes(Fp12.toBytes(z))).toBe(slowInGT(z));
    }
    expect(inCyclotomic(randCyclotomic())).toBe(true);
    expect(inCyclotomic(randFp12())).toBe(false);
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

describe('Fp12 arithmetic on plain bigints', () => {
  it('products equal noble Fp12.mul, for GT elements and arbitrary ones with extreme coefficients', () => {
    const extreme = Fp12.fromBigTwelve(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? p - 1n : i % 3 === 1 ? 0n : 1n)) as Parameters<typeof Fp12.fromBigTwelve>[0]);
    const xs = [Z, Fp12.pow(Z, rand(q)), randFp12(), randFp12(), extreme, Fp12.ONE, Fp12.ZERO];
    for (const a of xs) {
      expect(Fp12.eql(fromFlat(toFlat(a)), a)).toBe(true);
      for (const b of xs) expect(Fp12.eql(fromFlat(mulFlat(toFlat(a), toFlat(b))), Fp12.mul(a, b))).toBe(true);
    }
  });

  it('cyclotomic squaring, conjugation and z^|u| equal noble _cyclotomicSquare, conjugate and _cyclotomicExp', () => {
    for (const z of [Z, Fp12.pow(Z, rand(q)), randCyclotomic(), Fp12.ONE]) {
      expect(Fp12.eql(fromFlat(cycSqrFlat(toFlat(z))), Fp12._cyclotomicSquare(z))).toBe(true);
      expect(Fp12.eql(fromFlat(conjFlat(toFlat(z))), Fp12.conjugate(z))).toBe(true);
      expect(Fp12.eql(cyclotomicPowU(z), Fp12._cyclotomicExp(z, BLS_U_ABS))).toBe(true);
    }
  });
});
