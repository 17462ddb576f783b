// The algebra of Eq. 6-22 on BLS12-381 and the strict decoding of group elements.
import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import {
  G1_BYTES, GROUP_ORDER, GT_BYTES, SesphrError, Z, encodeScalarInto, keyGroup, computeRP, computeRU, decodeG1, decodeG2, decodeGT, decodeScalar,
  encodeG1, encodeG2, encodeGT, encodeScalar, g1, g2, gt, keyGen, maskFor, recoverMask, rekeyFromPublic,
  rekeyFromSecrets, systemRandom, deterministicRandom,
} from '../impl/index.js';
import { offSubgroupG1 } from './bad-points.js';

const rng = systemRandom();

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SesphrError);
    return (e as SesphrError).code;
  }
  return 'no error';
}

describe('scheme algebra (Eq. 10-20)', () => {
  it('R_U = e(RK, R_P) = Z^(r x_U), and R_U^(1/x_U) = Z^r, in both RK derivations', () => {
    const P = keyGen(rng);
    const U = keyGen(rng);
    const r = rng.scalar();
    const rkS = rekeyFromSecrets(P.sk, U.sk); // Eq. 14, srs-keys
    const rkO = rekeyFromPublic(U.pk, P.sk); // Eq. 14, owner-keys
    expect(keyGroup.eq(rkS, rkO)).toBe(true);
    const ru = computeRU(computeRP(r, P.sk), rkS);
    expect(gt.eq(ru, gt.pow(Z(), (r * U.sk) % bls12_381.fields.Fr.ORDER))).toBe(true);
    expect(gt.eq(recoverMask(ru, U.sk), maskFor(r))).toBe(true);
  });

  it('a different user key does not recover the mask', () => {
    const P = keyGen(rng);
    const U = keyGen(rng);
    const V = keyGen(rng);
    const r = rng.scalar();
    const ru = computeRU(computeRP(r, P.sk), rekeyFromSecrets(P.sk, U.sk));
    expect(gt.eq(recoverMask(ru, V.sk), maskFor(r))).toBe(false);
  });

  it('scalars are 32 big-endian bytes, written in place or alone; the decoder takes [1, q-1] only', () => {
    const buf = new Uint8Array(new SharedArrayBuffer(96));
    const ks = [1n, 2n ** 255n + 12345n, 2n ** 256n - 1n];
    ks.forEach((k, i) => encodeScalarInto(k, buf, 32 * i));
    // the bytes, read independently of the encoder
    expect(ks.map((_, i) => BigInt('0x' + Buffer.from(buf.subarray(32 * i, 32 * i + 32)).toString('hex')))).toEqual(ks);
    expect(buf[31]).toBe(1);
    expect(encodeScalar(ks[1]!)).toEqual(buf.slice(32, 64));
    expect(() => encodeScalarInto(2n ** 256n, buf, 0)).toThrow(RangeError);
    expect(() => encodeScalarInto(-1n, buf, 0)).toThrow(RangeError);
    for (const k of [1n, GROUP_ORDER - 1n]) expect(decodeScalar(encodeScalar(k), 'k')).toBe(k);
    for (const k of [0n, GROUP_ORDER, ks[1]!, ks[2]!]) expect(() => decodeScalar(encodeScalar(k), 'k')).toThrow(expect.objectContaining({ code: 'INVALID_SCALAR' }));
  });

  it('encodings round-trip through the validating decoders', () => {
    const x = rng.scalar();
    expect(decodeScalar(encodeScalar(x), 'x')).toBe(x);
    const p = g1.mul(x);
    expect(g1.eq(decodeG1(encodeG1(p), 'RP'), p)).toBe(true);
    const q = g2.mul(x);
    expect(g2.eq(decodeG2(encodeG2(q), 'pk'), q)).toBe(true);
    const z = maskFor(x);
    expect(gt.eq(decodeGT(encodeGT(z), 'RU'), z)).toBe(true);
  });

  it('deterministicRandom is reproducible; systemRandom is not', () => {
    expect(deterministicRandom('s').scalar()).toBe(deterministicRandom('s').scalar());
    expect(rng.scalar()).not.toBe(rng.scalar());
  });
});

describe('validation of elements from outside', () => {
  const identityG1 = Uint8Array.from([0xc0, ...new Uint8Array(G1_BYTES - 1)]);
  const identityG2 = Uint8Array.from([0xc0, ...new Uint8Array(95)]);

  it('G1: identity, wrong length, not on curve, off the subgroup are each named', () => {
    expect(codeOf(() => decodeG1(identityG1, 'RP(f,i)'))).toBe('IDENTITY_ELEMENT');
    expect(codeOf(() => decodeG1(new Uint8Array(47), 'RP(f,i)'))).toBe('INVALID_ENCODING');
    expect(codeOf(() => decodeG1(offSubgroupG1(), 'RP(f,i)'))).toBe('NOT_IN_SUBGROUP');
    const garbage = new Uint8Array(G1_BYTES).fill(0x9a);
    expect(['NOT_ON_CURVE', 'INVALID_ENCODING']).toContain(codeOf(() => decodeG1(garbage, 'RP(f,i)')));
    // held outside the catch, so that an input decoded without a throw fails here instead of checking nothing
    let thrown: unknown;
    try {
      decodeG1(identityG1, 'RP(file1,medical)');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SesphrError);
    expect((thrown as SesphrError).field).toBe('RP(file1,medical)');
    expect((thrown as Error).message).toMatch(/^RP\(file1,medical\): .*identity/);
  });

  it('G2: identity and a flipped bit are refused', () => {
    expect(codeOf(() => decodeG2(identityG2, 'RK(u)'))).toBe('IDENTITY_ELEMENT');
    const pk = encodeG2(g2.mul(rng.scalar()));
    pk[60] ^= 0x04;
    expect(['NOT_ON_CURVE', 'NOT_IN_SUBGROUP', 'INVALID_ENCODING']).toContain(codeOf(() => decodeG2(pk, 'pk(u)')));
  });

  it('GT: identity, zero, off-subgroup, out-of-range coefficient and wrong length are refused', () => {
    const Fp12 = bls12_381.fields.Fp12;
    expect(codeOf(() => decodeGT(Fp12.toBytes(Fp12.ONE), 'RU'))).toBe('IDENTITY_ELEMENT');
    expect(codeOf(() => decodeGT(new Uint8Array(GT_BYTES), 'RU'))).toBe('NOT_IN_SUBGROUP');
    const two = new Uint8Array(GT_BYTES);
    two[47] = 2; // the Fp12 element 2: not of order q
    expect(codeOf(() => decodeGT(two, 'RU'))).toBe('NOT_IN_SUBGROUP');
    expect(codeOf(() => decodeGT(new Uint8Array(GT_BYTES).fill(0xff), 'RU'))).toBe('INVALID_ENCODING');
    expect(codeOf(() => decodeGT(new Uint8Array(575), 'RU'))).toBe('INVALID_ENCODING');
  });

  it('scalars outside [1, q-1] are refused', () => {
    expect(codeOf(() => decodeScalar(new Uint8Array(32), 'sk'))).toBe('INVALID_SCALAR');
    expect(codeOf(() => decodeScalar(new Uint8Array(32).fill(0xff), 'sk'))).toBe('INVALID_SCALAR');
    expect(codeOf(() => computeRP(0n, 1n))).toBe('INVALID_SCALAR');
  });
});
