// Compressed group-element bytes that must be refused, found by search so that no byte string is
// typed in: x coordinates with no curve point above them, and curve points outside the subgroup.
import { bls12_381 } from '@noble/curves/bls12-381.js';

const { G1, G2, fields } = bls12_381;
const { Fp, Fp2 } = fields;

/** Compressed bytes of an x with no point of the curve above it (x^3 + b not a square). */
export function offCurveG1(): Uint8Array {
  for (let x = 1n; ; x++) {
    if (Fp.eql(Fp.pow(Fp.add(Fp.pow(x, 3n), 4n), (Fp.ORDER - 1n) / 2n), Fp.ONE)) continue;
    const b = Buffer.from(x.toString(16).padStart(96, '0'), 'hex');
    b[0] |= 0x80;
    return new Uint8Array(b);
  }
}

export function offCurveG2(): Uint8Array {
  const b2 = Fp2.fromBigTuple([4n, 4n]);
  for (let c0 = 1n; ; c0++) {
    const x = Fp2.fromBigTuple([c0, 1n]);
    try {
      Fp2.sqrt(Fp2.add(Fp2.pow(x, 3n), b2));
      continue;
    } catch {
      const b = Buffer.from(x.c1.toString(16).padStart(96, '0') + x.c0.toString(16).padStart(96, '0'), 'hex');
      b[0] |= 0x80;
      return new Uint8Array(b);
    }
  }
}

/** A compressed point that is on the curve but outside the prime-order subgroup (x found by search). */
export function offSubgroupG1(): Uint8Array {
  for (let x = 1n; ; x++) {
    const y2 = Fp.add(Fp.pow(x, 3n), 4n);
    let y: bigint;
    try {
      y = Fp.sqrt(y2);
    } catch {
      continue;
    }
    const P = G1.Point.fromAffine({ x, y });
    if (P.isTorsionFree()) continue;
    const b = Buffer.from(x.toString(16).padStart(96, '0'), 'hex');
    b[0] |= 0x80 | (y > (Fp.ORDER - 1n) / 2n ? 0x20 : 0);
    return new Uint8Array(b);
  }
}

export function offSubgroupG2(): Uint8Array {
  const b2 = Fp2.fromBigTuple([4n, 4n]);
  for (let c0 = 1n; ; c0++) {
    const x = Fp2.fromBigTuple([c0, 1n]);
    let y: ReturnType<typeof Fp2.sqrt>;
    try {
      y = Fp2.sqrt(Fp2.add(Fp2.pow(x, 3n), b2));
    } catch {
      continue;
    }
    const P = G2.Point.fromAffine({ x, y });
    if (P.isTorsionFree()) continue;
    const half = (Fp.ORDER - 1n) / 2n;
    const larger = y.c1 !== 0n ? y.c1 > half : y.c0 > half;
    const b = Buffer.from(x.c1.toString(16).padStart(96, '0') + x.c0.toString(16).padStart(96, '0'), 'hex');
    b[0] |= 0x80 | (larger ? 0x20 : 0);
    return new Uint8Array(b);
  }
}
