// The parts of native blst the group layer calls, as @chainsafe/blst 0.2.11 exposes them: SWIG
// bindings of supranational/blst's C++ API (bindings/blst.hpp), installed under the alias
// `blst-swig` beside the signature-only 2.x release the bench uses as the native limit. 0.2.11 is
// the last release that exposes points, Miller loop and final exponentiation, and it carries the
// compiled binding for Node 20 on linux-x64 inside the package (prebuild/linux-x64-115-binding.node):
// nothing is downloaded or compiled at install. Its own typings (dist/bindings.d.ts) lack part of
// what the C++ API has (the generators, the two-point Miller loop, PT's to_bendian and in_group),
// hence the interfaces below, which name only what is called.
//
// Two traps of these bindings, measured: a scalar given as a BigInt is refused on Node 20 (the
// binding's V8 version test reads minor >= 8, and V8 11.3 fails it), so scalars go as 32
// little-endian bytes; and an overloaded method resolves its overload by trying each in turn, so
// P1.add(P1_Affine), the second overload, took 4.9 µs against 1.3 µs for add(P1).
import { createRequire } from 'node:module';
import { BackendUnavailableError } from './backend.js';

export interface NativeP1 {
  dup(): NativeP1;
  to_affine(): NativeP1Affine;
  compress(): Uint8Array;
  is_inf(): boolean;
  is_equal(p: NativeP1): boolean;
  /** in place; the scalar as little-endian bytes */
  mult(scalarLE: Uint8Array): NativeP1;
  /** in place */
  add(p: NativeP1): NativeP1;
}
export interface NativeP1Affine {
  in_group(): boolean;
  is_inf(): boolean;
}
export interface NativeP2 {
  dup(): NativeP2;
  to_affine(): NativeP2Affine;
  compress(): Uint8Array;
  is_inf(): boolean;
  is_equal(p: NativeP2): boolean;
  mult(scalarLE: Uint8Array): NativeP2;
  add(p: NativeP2): NativeP2;
}
export interface NativeP2Affine {
  in_group(): boolean;
  is_inf(): boolean;
}
/** An element of Fp12 (blst_fp12); every method but dup works in place */
export interface NativePT {
  dup(): NativePT;
  sqr(): NativePT;
  mul(a: NativePT): NativePT;
  final_exp(): NativePT;
  is_one(): boolean;
  is_equal(a: NativePT): boolean;
  in_group(): boolean;
  /** 576 bytes: the Fp2 coefficients in blst's order (blst_bendian_from_fp12) */
  to_bendian(): Uint8Array;
}

export interface Native {
  P1: { new (): NativeP1; new (a: NativeP1Affine): NativeP1; generator(): NativeP1 };
  P2: { new (): NativeP2; new (a: NativeP2Affine): NativeP2; generator(): NativeP2 };
  /** from 48 (compressed) bytes: on the curve, not yet checked for the subgroup; throws a BLST_ERROR */
  P1_Affine: { new (b: Uint8Array): NativeP1Affine };
  P2_Affine: { new (b: Uint8Array): NativeP2Affine };
  /** the Miller loop of (q, p), not exponentiated */
  PT: { new (q: NativeP2Affine, p: NativeP1Affine): NativePT };
}

let loading: Promise<Native> | undefined;

/** The package installed under the alias, as its own package.json names it (or the alias, where
 *  even that cannot be read). */
function installedPackage(): string {
  try {
    const p = createRequire(import.meta.url)('blst-swig/package.json') as { name: string; version: string };
    return `${p.name} ${p.version}`;
  } catch {
    return 'blst-swig';
  }
}

/**
 * The binding, loaded on first use rather than when a module imports this one: the package carries
 * prebuilt bindings for some platforms and Node versions only, and where none loads only the blst
 * backend is refused (with why), not every backend of the process.
 */
export function loadNative(): Promise<Native> {
  return (loading ??= import('blst-swig/dist/bindings.js').then(
    (m) => ((m as { default?: unknown }).default ?? m) as { blst: Native },
    (e: unknown) => {
      const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      throw new BackendUnavailableError('blst', `${installedPackage()} has no binding that loads on ${process.platform}-${process.arch} with Node ${process.version} (${why})`);
    },
  ).then((b) => b.blst));
}

/** k as the binding takes a scalar: 32 bytes, little-endian */
export function scalarLE(k: bigint): Uint8Array {
  return Buffer.from(k.toString(16).padStart(64, '0'), 'hex').reverse();
}
