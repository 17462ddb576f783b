// Self-describing test vectors: from fixed scalars and nonces, every intermediate value of the
// scheme in hex, so an independent implementation can check itself against ours. Written by
// scripts/gen-vectors.ts into impl/vectors/, checked under every group backend by `sesphr vectors`
// and the tests; encodings are described in impl/README.md.
import type { BackendName } from '../group/backend.js';
import type { Variant } from '../parties/access.js';
import { deterministicRandom } from '../scheme/random.js';
import { partitionKey, sealPartition } from '../scheme/aead.js';
import { FORMAT_VERSION, HKDF_SALT, encodeAAD, encodeInfo, type Binding } from '../scheme/binding.js';
import { BackendUnavailableError, Z, backend, encodeGT, encodeScalar, useBackend } from '../group/group.js';
import { encodeKey, encodeRP } from '../scheme/placement.js';
import { computeRP, computeRU, maskFor, publicKeyOf, recoverMask, rekeyFromPublic, rekeyFromSecrets } from '../scheme/scheme.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export interface VectorInput {
  variant: Variant;
  owner: string;
  user: string;
  file: string;
  xP: bigint;
  xU: bigint;
  partitions: { label: string; version: number; r: bigint; nonce: Uint8Array; plaintext: Uint8Array }[];
}

const ENCODINGS = {
  scalar: '32-byte big-endian integer in [1, q-1]',
  G1: '48-byte compressed point (ZCash BLS12-381 serialisation: flag bits in the top 3 bits of byte 0)',
  G2: '96-byte compressed point (ZCash BLS12-381 serialisation, x = x.c1 || x.c0)',
  GT: '576 bytes: the 12 Fp coefficients of Fp12 = Fp6 + Fp6*w, Fp6 = Fp2 + Fp2*v + Fp2*v^2, Fp2 = Fp + Fp*u, in the order c0.c0.c0, c0.c0.c1, c0.c1.c0, ..., c1.c2.c1, each 48-byte big-endian',
  placement: 'pk and RK in G1 (48 bytes), R_P in G2 (96 bytes); R_U = e(RK, R_P)',
  pairing: 'e(P, Q) = f_{u,Q}(P)^(3(p^12-1)/q): the Miller loop over the curve parameter u = -0xd201000000010000 (u is negative: after the final exponentiation this is the inverse of the loop over |u|), raised to three times the usual final exponent; Z = e(g1, g2), and every GT value depends on this normalisation',
  aad: `u8 format(=${FORMAT_VERSION}) || u32be version || u16be len || owner UTF-8 || u16be len || file UTF-8 || u16be len || label UTF-8`,
  hkdf: 'HKDF-SHA256(ikm = GT bytes of Z^r, salt, info = "SeSPHR/v1 partition key" || aad), 32-byte output = AES-256 key',
  sealed: 'aad || nonce (12) || AES-256-GCM ciphertext || tag (16); AES-GCM associated data = aad',
} as const;

function buildVector(v: VectorInput) {
  const pkP = publicKeyOf(v.xP);
  const pkU = publicKeyOf(v.xU);
  // Eq. 14: both derivations give g1^(x_U / x_P); the vector records the one the variant uses.
  const rk = v.variant === 'srs-keys' ? rekeyFromSecrets(v.xP, v.xU) : rekeyFromPublic(pkU, v.xP);
  return {
    description: `SeSPHR (Ali et al., IEEE TCC) on BLS12-381, format ${FORMAT_VERSION}, variant ${v.variant}: one owner, one user, one file`,
    format: FORMAT_VERSION,
    variant: v.variant,
    encodings: ENCODINGS,
    rk_derivation: v.variant === 'srs-keys' ? 'RK = g1^(x_U * x_P^-1 mod q), by the SRS from both secrets (Eq. 14)' : 'RK = pk_U^(x_P^-1 mod q), by the owner from the user public key (Eq. 14 without x_U)',
    owner: v.owner,
    user: v.user,
    file: v.file,
    x_P: hex(encodeScalar(v.xP)),
    x_U: hex(encodeScalar(v.xU)),
    pk_P: hex(encodeKey(pkP)),
    pk_U: hex(encodeKey(pkU)),
    RK: hex(encodeKey(rk)),
    Z: hex(encodeGT(Z())),
    partitions: v.partitions.map((p) => {
      const b: Binding = { owner: v.owner, file: v.file, label: p.label, version: p.version };
      const mask = maskFor(p.r); // Eq. 6-9 key material
      const rp = computeRP(p.r, v.xP); // Eq. 10-13
      const ru = computeRU(rp, rk); // Eq. 15-18
      const recovered = recoverMask(ru, v.xU); // Eq. 19-20
      if (hex(encodeGT(recovered)) !== hex(encodeGT(mask))) throw new Error('vector: R_U^(1/x_U) != Z^r');
      return {
        label: p.label,
        version: p.version,
        r: hex(encodeScalar(p.r)),
        R_P: hex(encodeRP(rp)),
        R_U: hex(encodeGT(ru)),
        Z_r: hex(encodeGT(mask)),
        hkdf_salt: hex(HKDF_SALT),
        hkdf_info: hex(encodeInfo(b)),
        key: hex(partitionKey(mask, b)),
        nonce: hex(p.nonce),
        aad: hex(encodeAAD(b)),
        plaintext: hex(p.plaintext),
        sealed: hex(sealPartition(mask, b, p.plaintext, p.nonce)),
      };
    }),
  };
}

export type Vector = ReturnType<typeof buildVector>;

const utf8 = new TextEncoder();

/** The fixed inputs of one variant's vector: scalars and nonces drawn from a seed named after it. */
export function vectorInput(variant: Variant): VectorInput {
  const rng = deterministicRandom(`SeSPHR test vectors v1 / ${variant}`);
  const xP = rng.scalar();
  const xU = rng.scalar();
  const plaintexts: [string, Uint8Array][] = [
    ['personal', utf8.encode('<personal><name>Ann Example</name></personal>')],
    ['medical', new Uint8Array(0)],
    ['insurance', Uint8Array.of(0x2a)],
    ['prescription', utf8.encode('{"drug":"amlodipine","dose":"5 mg"}')],
  ];
  const partitions = plaintexts.map(([label, plaintext]) => ({ label, version: 1, r: rng.scalar(), nonce: rng.bytes(12), plaintext }));
  return { variant, owner: 'patient', user: 'doctor', file: 'file1', xP, xU, partitions };
}

/** A variant's vector file, byte for byte as committed (impl/vectors/<variant>.json). */
export function vectorText(variant: Variant): string {
  return JSON.stringify(buildVector(vectorInput(variant)), null, 2) + '\n';
}

/**
 * Where two vector files part: the first line that differs (1-based) and the field it holds, named
 * by its path of keys and indices ("partitions[2].R_U"), never by its value; undefined when the
 * bytes are the same. A file cut short parts at the first line it lacks.
 */
export function firstDifference(expected: string, actual: string): { line: number; field: string } | undefined {
  if (expected === actual) return undefined;
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { line: i + 1, field: fieldAt(a, i) };
}

/** The path of keys and indices to line `at` of JSON.stringify(_, null, 2) output, read from its
 *  indentation (each container's lines sit two spaces inside the line that opened it). */
function fieldAt(lines: readonly string[], at: number): string {
  if (at >= lines.length || lines[at] === '') return 'past the end of the file';
  const open: { name: string; indent: number; items: number }[] = [];
  const pathOf = (names: string[]) => names.reduce((p, n) => (n.startsWith('[') || p === '' ? p + n : `${p}.${n}`), '') || 'the whole file';
  for (let i = 0; i <= at; i++) {
    const line = lines[i]!;
    const t = line.trim();
    const indent = line.length - line.trimStart().length;
    if (t.startsWith('}') || t.startsWith(']')) {
      // the closing line of the container opened at the same indentation
      while (open.length && open[open.length - 1]!.indent > indent) open.pop();
      if (i === at) return pathOf(open.map((o) => o.name));
      open.pop();
      continue;
    }
    while (open.length && open[open.length - 1]!.indent >= indent) open.pop();
    const key = /^"((?:[^"\\]|\\.)*)":/.exec(t)?.[1];
    const parent = open[open.length - 1];
    const name = key ?? (parent ? `[${parent.items++}]` : '');
    if (i === at) return pathOf([...open.map((o) => o.name), name]);
    if (t.endsWith('{') || t.endsWith('[')) open.push({ name, indent, items: 0 });
  }
  return 'past the end of the file';
}

/** One variant's vector file: its text. */
export interface VectorFile {
  readonly variant: Variant;
  readonly text: string;
}

/** One variant's vector as one backend made it, against the text it was compared with. */
export interface VectorCheck {
  readonly backend: BackendName;
  readonly variant: Variant;
  /** the size of the file the backend made */
  readonly bytes: number;
  /** where it parts from the text compared with; absent when the bytes are the same */
  readonly difference?: { readonly line: number; readonly field: string };
}

/** What a check of the vectors found: each backend's files against the expected ones, and the
 *  backends whose library does not run here, with why. */
export interface VectorRun {
  /** the format the vectors were made in (the format byte of every sealed partition) */
  readonly format: number;
  readonly checks: readonly VectorCheck[];
  /** how many of `checks` came out byte for byte as expected */
  readonly identical: number;
  readonly unavailable: readonly { readonly backend: BackendName; readonly why: string }[];
}

/**
 * Each variant's vector regenerated under each backend in turn and compared byte for byte with
 * `expected`'s text; `made` sees each backend's files (to write them out). A backend whose library
 * does not run here is set aside with why. The process's backend is put back afterwards, also when
 * a backend fails.
 */
export async function checkVectors(
  expected: readonly VectorFile[],
  backends: readonly BackendName[],
  made?: (backend: BackendName, files: readonly VectorFile[]) => void,
): Promise<VectorRun> {
  const was = backend().name;
  const out: VectorCheck[] = [];
  const unavailable: { backend: BackendName; why: string }[] = [];
  try {
    for (const name of backends) {
      try {
        await useBackend(name);
      } catch (e) {
        if (!(e instanceof BackendUnavailableError)) throw e;
        unavailable.push({ backend: name, why: e.message });
        continue;
      }
      const files = expected.map((e): VectorFile => ({ variant: e.variant, text: vectorText(e.variant) }));
      made?.(name, files);
      files.forEach((f, k) => {
        const difference = firstDifference(expected[k]!.text, f.text);
        out.push({ backend: name, variant: f.variant, bytes: Buffer.byteLength(f.text), ...(difference && { difference }) });
      });
    }
  } finally {
    await useBackend(was);
  }
  return { format: FORMAT_VERSION, checks: out, identical: out.filter((c) => c.difference === undefined).length, unavailable };
}
