// The fast paths of the scheme's arithmetic give exactly the values of the plain library calls:
// GT membership without z^q, GT exponentiation through the Frobenius split, the fixed-base table
// for Z, cached pairing line coefficients, and 8-bit windows for g1 and g2.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GROUP_ORDER, Z, g1, g2, gt, zPow } from '../impl/group/group.js';
import { FixedBaseGT } from '../impl/group/fixed-base.js';
import { BLS_U_ABS, inCyclotomic, inGT } from '../impl/group/gt-membership.js';
import { gtPow, isKnownGT, splitScalar } from '../impl/group/gt-pow.js';
import { pairCached } from '../impl/group/pairing-cache.js';

const { Fp, Fp12 } = bls12_381.fields;
const q = GROUP_ORDER;
const p = Fp.ORDER;

let counter = 0;
/** Deterministic pseudo-random bigint below `n`. */
function rand(n: bigint): bigint {
  const h = createHash('sha512').update(`gt-fast/${counter++}`).digest('hex');
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
      Z(),
      Fp12.pow(Z(), rand(q)),
      Fp12.ONE,
      Fp12.ZERO,
      Fp12.neg(Fp12.ONE), // order 2, cyclotomic, not in GT
      Fp12.conjugate(Fp12.pow(Z(), rand(q))),
      randFp12(),
      randFp12(),
      randCyclotomic(),
      randCyclotomic(),
      Fp12.mul(Z(), randCyclotomic()),
    ];
    for (const z of cases) expect(inGT(z)).toBe(slowInGT(z));
    expect(inCyclotomic(randCyclotomic())).toBe(true);
    expect(inCyclotomic(randFp12())).toBe(false);
  });
});

describe('GT exponentiation through the Frobenius split', () => {
  it('splits k mod q into four base-|u| digits', () => {
    for (const k of [0n, 1n, q - 1n, q, q + 3n, rand(q), BLS_U_ABS, BLS_U_ABS ** 3n - 1n]) {
      const d = splitScalar(k);
      expect(d.every((x) => x >= 0n && x < BLS_U_ABS)).toBe(true);
      expect(d[0] + d[1] * BLS_U_ABS + d[2] * BLS_U_ABS ** 2n + d[3] * BLS_U_ABS ** 3n).toBe(((k % q) + q) % q);
    }
  });

  it('equals Fp12.pow for elements of GT and for elements outside it', () => {
    const a = Fp12.pow(Z(), rand(q)); // a fresh object: not known, so membership is tested
    expect(isKnownGT(a)).toBe(false);
    for (const k of [0n, 1n, 2n, q - 1n, q, q + 1n, BLS_U_ABS, BLS_U_ABS ** 2n, rand(q), rand(q)]) {
      expect(Fp12.eql(gtPow(a, k), Fp12.pow(a, k))).toBe(true);
      expect(Fp12.eql(gt.pow(Z(), k), Fp12.pow(Z(), k))).toBe(true);
    }
    for (const z of [randFp12(), randCyclotomic()]) {
      const k = rand(q);
      expect(Fp12.eql(gtPow(z, k), Fp12.pow(z, k))).toBe(true);
    }
  });
});

describe('fixed-base table for Z', () => {
  it('gives Fp12.pow(Z, k) at every window boundary and random k', () => {
    for (const k of [0n, 1n, 255n, 256n, 257n, 65535n, 1n << 128n, q - 1n, rand(q), rand(q)]) {
      expect(Fp12.eql(zPow(k), Fp12.pow(Z(), k))).toBe(true);
    }
    const other = Fp12.pow(Z(), 5n);
    expect(Fp12.eql(new FixedBaseGT(() => other).pow(1234567n), Fp12.pow(other, 1234567n))).toBe(true);
  });

  it('refuses exponents outside [0, q-1]', () => {
    expect(() => zPow(q)).toThrow(RangeError);
    expect(() => zPow(-1n)).toThrow(RangeError);
  });
});

describe('pairing with cached line coefficients', () => {
  it('equals noble pairing, also when the same G2 point is reused', () => {
    const Q = g2.multiply(rand(q - 1n) + 1n);
    for (let i = 0; i < 3; i++) {
      const P = g1.multiply(rand(q - 1n) + 1n);
      expect(Fp12.eql(pairCached(P, Q), bls12_381.pairing(P, Q))).toBe(true);
    }
    expect(Fp12.eql(gt.pair(g1, g2), Z())).toBe(true);
  });

  it('refuses the identity like noble does', () => {
    expect(() => pairCached(bls12_381.G1.Point.ZERO, g2)).toThrow(/ZERO/);
    expect(() => bls12_381.pairing(bls12_381.G1.Point.ZERO, g2)).toThrow(/ZERO/);
  });
});

describe('8-bit windows for g1 and g2', () => {
  it('give the same points as the default windows', () => {
    const { G1, G2 } = bls12_381;
    const g1Plain = G1.Point.fromAffine(g1.toAffine());
    const g2Plain = G2.Point.fromAffine(g2.toAffine());
    for (const k of [1n, 2n, q - 1n, rand(q - 1n) + 1n]) {
      expect(g1.multiply(k).equals(g1Plain.multiply(k))).toBe(true);
      expect(g2.multiply(k).equals(g2Plain.multiply(k))).toBe(true);
      expect(Buffer.from(g1.multiply(k).toBytes(true)).equals(Buffer.from(g1Plain.multiply(k).toBytes(true)))).toBe(true);
    }
  });
});

describe('compressed encodings of points computed here', () => {
  it('equal noble toBytes for G1 and G2 points of both y signs, and decode back', async () => {
    const { compressG1, compressG2 } = await import('../impl/group/point-encoding.js');
    const { decodeG1, decodeG2, encodeG1, encodeG2 } = await import('../impl/group/group.js');
    const { computeRP, keyGen } = await import('../impl/scheme/scheme.js');
    const { deterministicRandom } = await import('../impl/scheme/random.js');
    const signs = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const k = rand(q - 1n) + 1n;
      for (const P of [g1.multiply(k), g1.multiply(k).negate()]) {
        expect(Buffer.from(compressG1(P)).equals(Buffer.from(P.toBytes(true)))).toBe(true);
        signs.add(compressG1(P)[0]! & 0x20);
      }
      for (const Q of [g2.multiply(k), g2.multiply(k).negate()]) {
        expect(Buffer.from(compressG2(Q)).equals(Buffer.from(Q.toBytes(true)))).toBe(true);
      }
    }
    expect(signs).toEqual(new Set([0, 0x20]));
    const kp = keyGen(deterministicRandom('encode'));
    const rp = computeRP(rand(q - 1n) + 1n, kp.sk);
    expect(decodeG2(encodeG2(kp.pk), 'pk').equals(kp.pk)).toBe(true);
    expect(decodeG1(encodeG1(rp), 'RP').equals(rp)).toBe(true);
    expect(Buffer.from(encodeG1(rp)).equals(Buffer.from(rp.toBytes(true)))).toBe(true);
  });
});

describe('Fp12 products on plain bigints', () => {
  it('equal noble Fp12.mul and Fp12.sqr, for GT elements and arbitrary ones with extreme coefficients', async () => {
    const { fromFlat, mulFlat, sqrFlat, toFlat } = await import('../impl/group/fp12-flat.js');
    const extreme = Fp12.fromBigTwelve(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? p - 1n : i % 3 === 1 ? 0n : 1n)) as Parameters<typeof Fp12.fromBigTwelve>[0]);
    const xs = [Z(), Fp12.pow(Z(), rand(q)), randFp12(), randFp12(), extreme, Fp12.ONE, Fp12.ZERO];
    for (const a of xs) {
      expect(Fp12.eql(fromFlat(toFlat(a)), a)).toBe(true);
      expect(Fp12.eql(fromFlat(sqrFlat(toFlat(a))), Fp12.sqr(a))).toBe(true);
      for (const b of xs) expect(Fp12.eql(fromFlat(mulFlat(toFlat(a), toFlat(b))), Fp12.mul(a, b))).toBe(true);
    }
  });
});

describe('cyclotomic squaring and conjugation on plain bigints', () => {
  it('equal noble _cyclotomicSquare and conjugate on cyclotomic elements, and z^|u| equals _cyclotomicExp', async () => {
    const { conjFlat, cycSqrFlat, fromFlat, toFlat } = await import('../impl/group/fp12-flat.js');
    const { cyclotomicPowU } = await import('../impl/group/gt-membership.js');
    for (const z of [Z(), Fp12.pow(Z(), rand(q)), randCyclotomic(), Fp12.ONE]) {
      expect(Fp12.eql(fromFlat(cycSqrFlat(toFlat(z))), Fp12._cyclotomicSquare(z))).toBe(true);
      expect(Fp12.eql(fromFlat(conjFlat(toFlat(z))), Fp12.conjugate(z))).toBe(true);
      expect(Fp12.eql(cyclotomicPowU(z), Fp12._cyclotomicExp(z, BLS_U_ABS))).toBe(true);
    }
  });
});

describe('sparse line products on plain bigints', () => {
  it('mulSparse023 equals Fp12.mul by the element with only w^0, w^2, w^3 set', async () => {
    const { fromFlat, mulSparse023, toFlat } = await import('../impl/group/fp12-flat.js');
    for (const f of [Z(), randFp12()]) {
      const c = Array.from({ length: 6 }, () => rand(p));
      const line = fromFlat([c[0]!, c[1]!, 0n, 0n, c[2]!, c[3]!, c[4]!, c[5]!, 0n, 0n, 0n, 0n]);
      expect(Fp12.eql(fromFlat(mulSparse023(toFlat(f), c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!)), Fp12.mul(f, line))).toBe(true);
    }
  });
});
