// The primitives of the scheme on each group backend (impl/group/backend.ts): @noble/curves, the
// reference, and the backend this run uses; native blst (limit.ts) beside them where it offers the
// operation. The floors (floor.ts) use the backend of the run, so our/floor measures only the code
// around the primitives. The GT membership rows measure Scott's test (mcl-gt-membership.ts on
// mcl-wasm's heap, which the blst backend uses for GT elements read from bytes) against what the
// libraries offer instead, and the fixed-base rows the blst backend's
// tables (impl/group/blst-fixed-base.ts) against the libraries' own operations; on blst also its
// parts against mcl-wasm's, which is why each part sits where it does.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { createCipheriv } from 'node:crypto';
import mcl from 'mcl-wasm';
import mclCore from 'mcl-wasm/dist/mcl.js';
import {
  backend, decodeGT, decodeRP, encodeGT, encodeRP, g1, g2, gt, keyGroup, pairKeyRP, rpGroup, useBackend, zPow, GROUP_ORDER,
  type BackendName, type GT, type KeyPoint, type RandomSource, type RPPoint,
} from '../impl/index.js';
import { loadNative, scalarLE } from '../impl/group/blst-native.js';
import { mclBackend } from '../impl/group/mcl.js';
import { mclGtMembership } from '../impl/group/mcl-gt-membership.js';
import type { NativeLimit } from './limit.js';
import { repeat, spread, timeOnce, type RepeatOptions, type Spread } from './timing.js';

const { Fp12 } = bls12_381.fields;

/** The group operations of the floors, on the backend in use, in the groups of the format
 *  (impl/scheme/placement.ts): keys and RK in G1, R_P in G2. */
export interface Prims {
  zPow(r: bigint): GT;
  /** g1^k: a public key or RK */
  keyMul(k: bigint): KeyPoint;
  /** g2^k: R_P */
  rpMul(k: bigint): RPPoint;
  gtPow(a: GT, k: bigint): GT;
  /** e(RK, R_P) */
  pair(k: KeyPoint, rp: RPPoint): GT;
}

const mod = (k: bigint) => k % GROUP_ORDER || 1n;

export const prim: Prims = {
  zPow: (r) => zPow(mod(r)),
  keyMul: (k) => keyGroup.mul(mod(k)),
  rpMul: (k) => rpGroup.mul(mod(k)),
  gtPow: (a, k) => gt.pow(a, mod(k)),
  pair: (k, rp) => pairKeyRP(k, rp),
};

export interface PrimitiveRow {
  name: string;
  /** the library's way: a group operation on @noble/curves, the reference backend; in a row named
   *  `A -> B` (a hand-written piece against the library way, timed alternately), A */
  lib: Spread;
  /** ours: the group operation on the backend of this run; in a row named `A -> B`, B */
  best: Spread;
  /** native blst, where it offers the operation */
  limit?: Spread;
  /** ours against native blst (best's median over limit's), where blst offers the operation */
  toLimit?: number;
}

/** The scheme's group operations on one backend. */
function groupRows(rng: RandomSource, opts: RepeatOptions): Map<string, Spread> {
  const s = () => rng.scalar();
  const P = prim.keyMul(s());
  const Q = prim.rpMul(s());
  const R = zPow(s());
  const qb = encodeRP(Q);
  const rb = encodeGT(R);
  return new Map([
    ['Z^r (GT, fixed base)', repeat(opts, s, (k) => prim.zPow(k))],
    ['g1^k (G1, fixed base)', repeat(opts, s, (k) => g1.mul(mod(k)))],
    ['g2^k (G2, fixed base)', repeat(opts, s, (k) => g2.mul(mod(k)))],
    ['a^k (GT, variable base)', repeat(opts, s, (k) => prim.gtPow(R, k))],
    ['e(P, Q)', repeat(opts, () => 0, () => prim.pair(P, Q))],
    ['decode+validate G2 (R_P)', repeat(opts, () => 0, () => decodeRP(qb, 'RP'))],
    ['decode+validate GT (R_U)', repeat(opts, () => 0, () => decodeGT(rb, 'RU'))],
  ]);
}

/** `theirs` and `ours` timed alternately, so that both see the same load on a shared machine. */
function sideBySide(reps: number, theirs: () => unknown, ours: () => unknown): { lib: Spread; best: Spread } {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < reps + 2; i++) {
    const t = timeOnce(theirs);
    const o = timeOnce(ours);
    if (i >= 2) (a.push(t), b.push(o));
  }
  return { lib: spread(a), best: spread(b) };
}

/** Each row on noble and on `run` (the backend of this run), native blst beside where it applies. */
export async function primitiveTable(rng: RandomSource, opts: RepeatOptions, run: BackendName, native: NativeLimit): Promise<PrimitiveRow[]> {
  await useBackend('noble');
  const lib = groupRows(rng, opts);
  await useBackend(run);
  const best = groupRows(rng, opts);
  const limits: Record<string, Spread> = { 'g1^k (G1, fixed base)': native.skToPk, 'e(P, Q)': native.pairing };
  const rows: PrimitiveRow[] = [...best.keys()].map((name) => {
    const [ours, limit] = [best.get(name)!, limits[name]];
    return { name, lib: lib.get(name)!, best: ours, limit, toLimit: limit && ours.median / limit.median };
  });

  // GT membership, z^q = 1: the libraries' ways (mcl-wasm's own check, and noble's power, which is
  // the reference backend's test) against Scott's test on mcl-wasm's heap
  // (impl/group/mcl-gt-membership.ts), the default backend's
  const zb = encodeGT(zPow(rng.scalar()));
  const z = Fp12.fromBytes(zb);
  const reps = Math.max(20, 3 * opts.reps);
  if (backend().name === 'mcl' || backend().name === 'blst') {
    const m = new mcl.GT();
    const swapped = new Uint8Array(576);
    for (let i = 0; i < 576; i += 96) (swapped.set(zb.subarray(i + 48, i + 96), i), swapped.set(zb.subarray(i, i + 48), i + 48));
    m.deserialize(swapped);
    const heap = mclGtMembership();
    const onHeap = () => heap.inGT(m);
    const c = (mclCore as unknown as { mod: { _malloc(n: number): number; copyToHeap32(a: Uint32Array, at: number): void; _mclBnGT_isValid(at: number): number } }).mod;
    const at = c._malloc(576);
    const isValid = () => (c.copyToHeap32((m as unknown as { a_: Uint32Array }).a_, at), c._mclBnGT_isValid(at) === 1);
    rows.push({ name: 'GT membership: mcl-wasm isValid (z^q) -> Scott test on the heap', ...sideBySide(Math.min(5, opts.reps), isValid, onHeap) });
    rows.push({ name: 'GT membership: z^q by noble Fp12.pow -> Scott test on the heap', ...sideBySide(Math.min(5, opts.reps), () => Fp12.eql(Fp12.pow(z, GROUP_ORDER), Fp12.ONE), onHeap) });
    if (backend().name === 'blst') {
      const blst = await loadNative();
      const k = mod(rng.scalar());
      const M = await mclBackend();
      // the blst backend's parts (impl/group/blst.ts) against blst's own multiplication and
      // against the same operation on mcl-wasm, alternately
      const [n1, n2] = [blst.P1.generator(), blst.P2.generator()];
      const le = scalarLE(k);
      rows.push({ name: 'fixed base g1^k: blst mult -> our blst table', ...sideBySide(reps, () => n1.dup().mult(le), () => g1.mul(k)) });
      rows.push({ name: 'fixed base g2^k: blst mult -> our blst table', ...sideBySide(reps, () => n2.dup().mult(le), () => g2.mul(k)) });
      rows.push({ name: 'g1^k: mcl-wasm mul -> blst table', ...sideBySide(reps, () => M.g1Mul(k), () => g1.mul(k)) });
      rows.push({ name: 'g2^k: mcl-wasm mul -> blst table', ...sideBySide(reps, () => M.g2Mul(k), () => g2.mul(k)) });
      // blst's bindings have no GT power: mcl-wasm's is the library way
      rows.push({ name: 'Z^r: mcl-wasm pow -> blst table', ...sideBySide(reps, () => M.zPow(k), () => zPow(k)) });
      const [mP, mQ] = [M.g1Mul(k), M.g2Mul(k)];
      const [bP, bQ] = [g1.mul(k), g2.mul(k)];
      rows.push({ name: 'e(P, Q): mcl-wasm -> blst', ...sideBySide(Math.min(10, reps), () => M.pair(mP, mQ), () => gt.pair(bP, bQ)) });
      const [mR, bR] = [M.pair(mP, mQ), gt.pair(bP, bQ)];
      rows.push({ name: 'a^k of a pairing: mcl-wasm pow -> blst 4-bit windows', ...sideBySide(Math.min(10, reps), () => M.gtPow(mR, k), () => gt.pow(bR, k)) });
      rows.push({ name: 'bytes of e(P, Q): mcl-wasm -> blst', ...sideBySide(reps, () => M.encodeGT(mR), () => encodeGT(bR)) });
    }
  }
  const mb = new Uint8Array(1 << 20);
  const key = rng.bytes(32);
  const nonce = rng.bytes(12);
  const gcm = repeat(opts, () => 0, () => {
    const c = createCipheriv('aes-256-gcm', key, nonce);
    c.update(mb);
    c.final();
  });
  rows.push({ name: 'AES-256-GCM 1 MiB', lib: gcm, best: gcm });
  return rows;
}
