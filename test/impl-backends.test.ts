// Every group backend computes the same elements and writes the same bytes: the committed vectors
// are regenerated under each and compared byte for byte, random operations agree across backends,
// bytes written by one decode in the other, malformed points get the same error code in both, and
// both normalise the pairing as the format says: the Miller loop to the power 3(p^12-1)/q.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKENDS, DEFAULT_BACKEND, GROUP_ORDER, SesphrError, Z, backend, decodeG1, decodeG2, decodeGT, deterministicRandom, encodeG1, encodeG2, encodeGT,
  g1, g2, gt, scalar, useBackend, zPow, type BackendName,
} from '../impl/index.js';
import { byteDigits } from '../impl/group/fixed-base-digits.js';
import { VARIANTS } from '../impl/parties/access.js';
import { CryptoPool } from '../impl/tools/pool.js';
import { vectorText } from '../impl/tools/vectors.js';
import { offCurveG1, offCurveG2, offSubgroupG1, offSubgroupG2 } from './bad-points.js';

const { G1, G2, fields, pairing } = bls12_381;
const { Fp, Fp12, Fr } = fields;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

afterAll(() => useBackend(DEFAULT_BACKEND));

/** Runs `f` on each backend in turn and returns the results by backend. */
async function onEach<T>(f: () => T): Promise<Record<BackendName, T>> {
  const out = {} as Record<BackendName, T>;
  for (const b of BACKENDS) {
    await useBackend(b);
    expect(backend().name).toBe(b);
    out[b] = f();
  }
  return out;
}

function codeOf(f: () => unknown): string {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return e instanceof SesphrError ? e.code : `not a SesphrError: ${String(e)}`;
  }
}

describe('group backends', () => {
  it.each(VARIANTS)('regenerate the committed vectors byte for byte (%s)', async (variant) => {
    const committed = readFileSync(`impl/vectors/${variant}.json`, 'utf8');
    const made = await onEach(() => vectorText(variant));
    for (const b of BACKENDS) expect(made[b], b).toBe(committed);
  });

  it('read GT bytes without changing them, also from a Buffer (whose slice() is a view, not a copy)', async () => {
    const held = await onEach(() => {
      const b = Buffer.from(encodeGT(zPow(987654321n)));
      const before = Buffer.from(b);
      const z = decodeGT(b, 'RU');
      return { unchanged: b.equals(before), same: hex(encodeGT(z)) === hex(before) };
    });
    for (const b of BACKENDS) expect(held[b]).toEqual({ unchanged: true, same: true });
  });

  it('agree on random multiplications, pairings and powers, and read each other\'s bytes', async () => {
    const ks = Array.from({ length: 3 }, (_, i) => deterministicRandom(`backends/${i}`).scalar());
    const run = () =>
      ks.map((k) => {
        const P = g1.mul(k);
        const Q = g2.mul(scalar.inv(k));
        const R = gt.pair(P, g2.mul(k));
        return [hex(encodeG1(P)), hex(encodeG2(Q)), hex(encodeGT(R)), hex(encodeGT(gt.pow(R, scalar.inv(k)))), hex(encodeGT(zPow(k))), hex(encodeGT(gt.pair(g1.base(), Q)))];
      });
    const got = await onEach(run);
    for (const b of BACKENDS) expect(got[b], b).toEqual(got.noble);
    // bytes of one backend decode to equal elements in every other, and a GT element read from
    // bytes equals the one computed (blst holds the first on mcl-wasm's heap, the second natively)
    for (const b of BACKENDS) {
      await useBackend(b);
      for (const other of BACKENDS.filter((o) => o !== b)) {
        for (const [i, [p, q, r, rk]] of got[other].entries()) {
          expect(hex(encodeG1(decodeG1(Buffer.from(p!, 'hex'), 'P')))).toBe(p);
          expect(hex(encodeG2(decodeG2(Buffer.from(q!, 'hex'), 'Q')))).toBe(q);
          const R = decodeGT(Buffer.from(r!, 'hex'), 'R');
          expect(hex(encodeGT(R))).toBe(r);
          expect(hex(encodeGT(gt.pow(R, scalar.inv(ks[i]!))))).toBe(rk);
          expect(gt.eq(R, gt.pair(g1.mul(ks[i]!), g2.mul(ks[i]!)))).toBe(true);
          expect(gt.eq(R, zPow(ks[i]!))).toBe(false);
        }
      }
    }
  });

  it("run the pool's workers on the backend of the process, with the same bytes as the calling thread", async () => {
    const ks = Array.from({ length: 48 }, (_, i) => deterministicRandom(`backends/pool/${i}`).scalar());
    for (const b of BACKENDS) {
      await useBackend(b);
      const pool = new CryptoPool(2);
      try {
        await pool.handOff(); // the worker is up (its tables are built on first use)
        // until the worker has taken some keys: it builds its tables on its first
        for (const t0 = Date.now(); pool.counts.workers === 0 && Date.now() - t0 < 20_000; ) {
          const got = await pool.mulBase('g2', ks.length, (i) => ks[i]!);
          expect(got.map(hex), b).toEqual(ks.map((k) => hex(encodeG2(g2.mul(k)))));
        }
        expect(pool.counts.workers, b).toBeGreaterThan(0);
        const jobs = ks.slice(0, 4).map((k) => ({ p: g1.mul(k), q: g2.base() }));
        expect((await pool.pair(jobs)).map(hex), b).toEqual(jobs.map(({ p, q }) => hex(encodeGT(gt.pair(p, q)))));
      } finally {
        await pool.close();
      }
    }
  }, 60_000);

  it('refuse malformed elements with the same code', async () => {
    const g1b = () => encodeG1(g1.base());
    const cases: [string, () => string][] = [
      ['G1 without the compression flag', () => codeOf(() => decodeG1(g1b().map((x, i) => (i === 0 ? x & 0x7f : x)), 'f'))],
      ['G1 x >= p', () => codeOf(() => decodeG1(new Uint8Array(48).fill(0x9a), 'f'))],
      ['G1 identity', () => codeOf(() => decodeG1(Uint8Array.from([0xc0, ...new Uint8Array(47)]), 'f'))],
      ['G1 infinity flag with a coordinate', () => codeOf(() => decodeG1(Uint8Array.from([0xc0, ...new Uint8Array(46), 1]), 'f'))],
      ['G1 off the curve', () => codeOf(() => decodeG1(offCurveG1(), 'f'))],
      ['G1 outside the subgroup', () => codeOf(() => decodeG1(offSubgroupG1(), 'f'))],
      ['G2 off the curve', () => codeOf(() => decodeG2(offCurveG2(), 'f'))],
      ['G2 outside the subgroup', () => codeOf(() => decodeG2(offSubgroupG2(), 'f'))],
      ['G2 identity', () => codeOf(() => decodeG2(Uint8Array.from([0xc0, ...new Uint8Array(95)]), 'f'))],
      ['GT identity', () => codeOf(() => decodeGT(Fp12.toBytes(Fp12.ONE), 'f'))],
      ['GT outside the subgroup', () => codeOf(() => decodeGT(Fp12.toBytes(pairing(G1.Point.BASE, G2.Point.BASE, false)), 'f'))],
      ['GT coefficient >= p', () => codeOf(() => decodeGT(new Uint8Array(576).fill(0xff), 'f'))],
    ];
    const got = await onEach(() => cases.map(([name, f]) => `${name}: ${f()}`));
    for (const b of BACKENDS) expect(got[b], b).toEqual(got.noble);
    expect(got.noble).toEqual([
      'G1 without the compression flag: INVALID_ENCODING',
      'G1 x >= p: INVALID_ENCODING',
      'G1 identity: IDENTITY_ELEMENT',
      'G1 infinity flag with a coordinate: INVALID_ENCODING',
      'G1 off the curve: NOT_ON_CURVE',
      'G1 outside the subgroup: NOT_IN_SUBGROUP',
      'G2 off the curve: NOT_ON_CURVE',
      'G2 outside the subgroup: NOT_IN_SUBGROUP',
      'G2 identity: IDENTITY_ELEMENT',
      'GT identity: IDENTITY_ELEMENT',
      'GT outside the subgroup: NOT_IN_SUBGROUP',
      'GT coefficient >= p: INVALID_ENCODING',
    ]);
  });

  it('look the tables up by the radix-256 digits of the exponent, lowest row first', async () => {
    // the digits by arithmetic, to hold the reading of k's hex text against
    const reference = (k: bigint) => Array.from({ length: 32 }, (_, j) => Number((k >> BigInt(8 * j)) & 0xffn));
    const rng = deterministicRandom('fixed-base digits');
    const ks = [1n, 0xfn, 0x1ffn, 0x100n, 2n ** 255n, 2n ** 256n - 1n, GROUP_ORDER - 1n, ...Array.from({ length: 50 }, () => rng.scalar())];
    for (const k of ks) expect([...byteDigits(k)], k.toString(16)).toEqual(reference(k));
    expect(() => byteDigits(0n)).toThrow(/zero exponent/);
    expect(() => byteDigits(2n ** 256n)).toThrow(/above 2\^256/);
    // every backend's g^k for exponents of every digit length agrees with noble's
    const seen = await onEach(() => ks.map((k) => hex(encodeG1(g1.mul(k % GROUP_ORDER)))));
    const noble = ks.map((k) => hex(G1.Point.BASE.multiply(k % GROUP_ORDER).toBytes(true)));
    for (const b of BACKENDS) expect(seen[b], b).toEqual(noble);
  });

  it('normalise the pairing as the Miller loop over u to the power 3(p^12-1)/q, not (p^12-1)/q', async () => {
    // noble's Miller loop without its final exponentiation, raised by plain exponentiation: the loop
    // over the curve parameter u, which is negative (noble conjugates its loop over |u|; after the
    // final exponentiation the loop over |u| gives the inverse of every GT value, so the sign is part
    // of the format: impl/README.md "Encodings")
    const miller = pairing(G1.Point.BASE, G2.Point.BASE, false);
    const once = Fp12.pow(miller, (Fp.ORDER ** 12n - 1n) / Fr.ORDER);
    const thrice = Fp12.pow(once, 3n);
    const z = await onEach(() => hex(encodeGT(Z())));
    for (const b of BACKENDS) {
      expect(z[b], b).toBe(hex(Fp12.toBytes(thrice)));
      expect(z[b], b).not.toBe(hex(Fp12.toBytes(once)));
    }
  });
});
