// Fp12 multiplication and cyclotomic squaring on twelve plain bigints with one reduction per coefficient.
// Fp12 = Fp2[w]/(w^6 - xi), xi = 1 + u, u^2 = -1: noble's tower (Fp12 = Fp6[w]/(w^2 - v),
// Fp6 = Fp2[v]/(v^3 - xi)) seen as polynomials in w: c0.c0 + c1.c0 w + c0.c1 w^2 + c1.c1 w^3 +
// c0.c2 w^4 + c1.c2 w^5. Schoolbook products summed unreduced, then one `mod p` per output
// coefficient: about half the time of noble's Fp12.mul, which reduces after every operation.
// Used by the GT membership test (gt-membership.ts), where bench/README.md measures the gain.
// Conversions to and from noble's objects keep every caller on noble's representation.
import { bls12_381 } from '@noble/curves/bls12-381.js';

const { Fp, Fp12 } = bls12_381.fields;
/** an element of Fp12 as noble holds it */
export type Fp12El = ReturnType<typeof Fp12.fromBytes>;
const P = Fp.ORDER;

/** [w^0 re, w^0 im, w^1 re, w^1 im, ..., w^5 re, w^5 im] */
export type Flat = bigint[];

export function toFlat(z: Fp12El): Flat {
  const { c0, c1 } = z;
  return [c0.c0.c0, c0.c0.c1, c1.c0.c0, c1.c0.c1, c0.c1.c0, c0.c1.c1, c1.c1.c0, c1.c1.c1, c0.c2.c0, c0.c2.c1, c1.c2.c0, c1.c2.c1];
}

export function fromFlat(f: Flat): Fp12El {
  return Fp12.create({
    c0: { c0: { c0: f[0]!, c1: f[1]! }, c1: { c0: f[4]!, c1: f[5]! }, c2: { c0: f[8]!, c1: f[9]! } },
    c1: { c0: { c0: f[2]!, c1: f[3]! }, c1: { c0: f[6]!, c1: f[7]! }, c2: { c0: f[10]!, c1: f[11]! } },
  });
}

const red = (x: bigint): bigint => {
  const r = x % P;
  return r < 0n ? r + P : r;
};

/** Folds the 11 unreduced Fp2 coefficients of a degree-10 product with w^6 = 1 + u and reduces. */
function fold(tr: bigint[], ti: bigint[]): Flat {
  const out: Flat = new Array(12);
  for (let k = 0; k < 6; k++) {
    let r = tr[k]!;
    let i = ti[k]!;
    if (k < 5) {
      const x = tr[k + 6]!;
      const y = ti[k + 6]!;
      r += x - y; // (x + y u)(1 + u) = (x - y) + (x + y) u
      i += x + y;
    }
    out[2 * k] = red(r);
    out[2 * k + 1] = red(i);
  }
  return out;
}

export function mulFlat(a: Flat, b: Flat): Flat {
  const tr: bigint[] = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
  const ti: bigint[] = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
  for (let i = 0; i < 6; i++) {
    const ar = a[2 * i]!;
    const ai = a[2 * i + 1]!;
    for (let j = 0; j < 6; j++) {
      const br = b[2 * j]!;
      const bi = b[2 * j + 1]!;
      tr[i + j] += ar * br - ai * bi;
      ti[i + j] += ar * bi + ai * br;
    }
  }
  return fold(tr, ti);
}
/** Conjugation (w -> -w), the inverse on the cyclotomic subgroup. */
export function conjFlat(a: Flat): Flat {
  return a.map((x, i) => ((i >> 1) & 1 && x !== 0n ? P - x : x));
}

/** Fp4Square of noble's tower, unreduced: [a^2 + xi b^2 (re, im), 2ab (re, im)], xi = 1 + u. */
function fp4(ar: bigint, ai: bigint, br: bigint, bi: bigint): [bigint, bigint, bigint, bigint] {
  const b2r = (br + bi) * (br - bi);
  const b2i = 2n * br * bi;
  return [(ar + ai) * (ar - ai) + b2r - b2i, 2n * ar * ai + b2r + b2i, 2n * (ar * br - ai * bi), 2n * (ar * bi + ai * br)];
}

/**
 * Granger-Scott squaring, valid on the cyclotomic subgroup only: noble's _cyclotomicSquare with
 * every Fp2 step expanded and one reduction per output coefficient. In noble's names
 * (c0 = w^0, w^2, w^4; c1 = w^1, w^3, w^5): (t3, t4) = Fp4Square(w^0, w^3),
 * (t5, t6) = Fp4Square(w^1, w^4), (t7, t8) = Fp4Square(w^2, w^5), t9 = xi t8, and
 * w^0' = 3 t3 - 2 w^0, w^2' = 3 t5 - 2 w^2, w^4' = 3 t7 - 2 w^4,
 * w^1' = 3 t9 + 2 w^1, w^3' = 3 t4 + 2 w^3, w^5' = 3 t6 + 2 w^5.
 */
export function cycSqrFlat(z: Flat): Flat {
  const [w0r, w0i, w1r, w1i, w2r, w2i, w3r, w3i, w4r, w4i, w5r, w5i] = z as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  const [t3r, t3i, t4r, t4i] = fp4(w0r, w0i, w3r, w3i);
  const [t5r, t5i, t6r, t6i] = fp4(w1r, w1i, w4r, w4i);
  const [t7r, t7i, t8r, t8i] = fp4(w2r, w2i, w5r, w5i);
  const t9r = t8r - t8i;
  const t9i = t8r + t8i;
  return [
    red(3n * t3r - 2n * w0r),
    red(3n * t3i - 2n * w0i),
    red(3n * t9r + 2n * w1r),
    red(3n * t9i + 2n * w1i),
    red(3n * t5r - 2n * w2r),
    red(3n * t5i - 2n * w2i),
    red(3n * t4r + 2n * w3r),
    red(3n * t4i + 2n * w3i),
    red(3n * t7r - 2n * w4r),
    red(3n * t7i - 2n * w4i),
    red(3n * t6r + 2n * w5r),
    red(3n * t6i + 2n * w5i),
  ];
}
