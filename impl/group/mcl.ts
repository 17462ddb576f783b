// The WebAssembly backend: mcl-wasm (herumi's mcl compiled to WebAssembly), in its Ethereum serialisation
// mode, where G1/G2 bytes are the ZCash-compressed points noble writes. Its GT bytes hold each Fp2
// as c1 || c0 where our format (noble's layout) has c0 || c1: encodeGT/decodeFp12 swap the halves.
// Its pairing is normalised as noble's (the Miller loop to the power 3(p^12-1)/q), measured in
// test/impl-backends.test.ts. Subgroup checks are switched off in deserialisation and done
// explicitly, so that a point off the curve and a point outside the subgroup are told apart.
import mcl from 'mcl-wasm';
import { PointDecodeError, type GroupBackend } from './backend.js';
import { mclGtMembership } from './mcl-gt-membership.js';
import type { G1Point, G2Point, GT } from './types.js';

// The standard generators of BLS12-381 (ZCash compressed encoding).
const G1_GENERATOR =
  '97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb';
const G2_GENERATOR =
  '93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e' +
  '024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8';

const g1of = (p: G1Point) => p as unknown as mcl.G1;
const g2of = (p: G2Point) => p as unknown as mcl.G2;
const gtof = (a: GT) => a as unknown as mcl.GT;
const G1P = (p: mcl.G1) => p as unknown as G1Point;
const G2P = (p: mcl.G2) => p as unknown as G2Point;
const GTE = (a: mcl.GT) => a as unknown as GT;

/** mcl's Fp12 bytes <-> ours: swap the two 48-byte halves of each of the six Fp2 (into a copy: the
 *  input is the caller's) */
function swapFp2(b: Uint8Array): Uint8Array {
  return swapFp2InPlace(new Uint8Array(b)); // a copy even of a Buffer, whose slice() is a view
}

/** The same swap on bytes of our own (a fresh serialisation): no second 576-byte buffer, ~half of
 *  encodeGT's time on the encryption path (bench/README.md, Fig. 4). */
function swapFp2InPlace(b: Uint8Array): Uint8Array {
  for (let i = 0; i < b.length; i += 96) {
    for (let j = i; j < i + 48; j++) {
      const t = b[j]!;
      b[j] = b[j + 48]!;
      b[j + 48] = t;
    }
  }
  return b;
}

function fr(k: bigint): mcl.Fr {
  const x = new mcl.Fr();
  x.setStr(k.toString(16), 16);
  return x;
}

function point<P extends mcl.G1 | mcl.G2>(make: () => P, b: Uint8Array, checkOrder: boolean): P {
  const p = make();
  try {
    p.deserialize(b);
  } catch {
    // the flags and the coordinate range were checked before (group.ts): what is left is a
    // coordinate with no point of the curve above it
    throw new PointDecodeError('curve');
  }
  if (checkOrder && !p.isZero() && !p.isValidOrder()) throw new PointDecodeError('subgroup');
  return p;
}

let ready: Promise<void> | undefined;

export async function mclBackend(): Promise<GroupBackend> {
  await (ready ??= (async () => {
    await mcl.init(mcl.BLS12_381);
    mcl.setETHserialization(true);
    mcl.verifyOrderG1(false);
    mcl.verifyOrderG2(false);
  })());
  const g1 = point(() => new mcl.G1(), Buffer.from(G1_GENERATOR, 'hex'), true);
  const g2 = point(() => new mcl.G2(), Buffer.from(G2_GENERATOR, 'hex'), true);
  const z = mcl.pairing(g1, g2);
  const membership = mclGtMembership();
  // A G2 point met a second time in a pairing (the SRS pairs one stored R_P with every reader's RK)
  // keeps the Miller loop's line coefficients, computed once (mcl's PrecomputedG2, in the heap,
  // freed with the point); a point paired once pays nothing for it.
  const prepared = new WeakMap<mcl.G2, mcl.PrecomputedG2 | 'seen'>();
  const release = new FinalizationRegistry<mcl.PrecomputedG2>((pc) => pc.destroy());
  const pairing = (p: mcl.G1, q: mcl.G2): mcl.GT => {
    let pc = prepared.get(q);
    if (pc === undefined) {
      prepared.set(q, 'seen');
      return mcl.pairing(p, q);
    }
    if (pc === 'seen') {
      pc = new mcl.PrecomputedG2(q);
      prepared.set(q, pc);
      release.register(q, pc);
    }
    return mcl.finalExp(mcl.precomputedMillerLoop(p, pc));
  };
  return {
    name: 'mcl',
    library: 'mcl-wasm',
    g1Base: () => G1P(g1),
    g2Base: () => G2P(g2),
    // The library's own multiplications and power, also for the fixed bases g1, g2 and Z: a table of
    // ours would be 3x faster here, but this backend is not the default, and hand-written
    // arithmetic stays only where it gains on the default (bench/README.md).
    g1Mul: (k) => G1P(mcl.mul(g1, fr(k))),
    g2Mul: (k) => G2P(mcl.mul(g2, fr(k))),
    g1MulPoint: (p, k) => G1P(mcl.mul(g1of(p), fr(k))),
    g2MulPoint: (p, k) => G2P(mcl.mul(g2of(p), fr(k))),
    g1Eq: (a, b) => g1of(a).isEqual(g1of(b)),
    g2Eq: (a, b) => g2of(a).isEqual(g2of(b)),
    g1IsZero: (p) => g1of(p).isZero(),
    g2IsZero: (p) => g2of(p).isZero(),
    pair: (p, q) => GTE(pairing(g1of(p), g2of(q))),
    Z: () => GTE(z),
    zPow: (k) => GTE(mcl.pow(z, fr(k))),
    // mcl's GT power assumes its argument is in GT (it splits the exponent by the Frobenius):
    // every GT element here is a pairing value or was checked for membership on decoding
    gtPow: (a, k) => GTE(mcl.pow(gtof(a), fr(k))),
    gtEq: (a, b) => gtof(a).isEqual(gtof(b)),
    gtIsOne: (a) => gtof(a).isOne(),
    gtInGroup: (a) => membership.inGT(gtof(a)),
    encodeG1: (p) => g1of(p).serialize(),
    encodeG2: (p) => g2of(p).serialize(),
    encodeGT: (a) => swapFp2InPlace(gtof(a).serialize()),
    decodeG1: (b) => G1P(point(() => new mcl.G1(), b, true)),
    decodeG2: (b) => G2P(point(() => new mcl.G2(), b, true)),
    decodeFp12: (b) => {
      const a = new mcl.GT();
      a.deserialize(swapFp2(b));
      return GTE(a);
    },
  };
}
