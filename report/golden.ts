// Regression mode: verdicts compared with a committed golden file, as protocol verifiers keep
// their case-study regression files. A golden file maps "property @ universe/profile/variant/policy"
// to a verdict kind; any move (or a run missing from either side) is reported. Beside it, each
// run's fingerprints (model/fingerprint.ts: hashes of the ground statement and net) show a changed
// statement or net whose verdict kind did not move.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { jsonFault } from '../input/json.js';
import { readInputText } from '../input/text.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import type { Fingerprint } from '../model/fingerprint.js';
import type { VerifyResult } from '../smt/verdict.js';

export type Golden = Readonly<Record<string, string>>;
export type GoldenFingerprints = Readonly<Record<string, Fingerprint>>;

/** The key of one run: property, universe and configuration (a planned run has one before it is verified). */
export const goldenKey = (r: Pick<VerifyResult, 'property' | 'universe' | 'profile' | 'variant' | 'policy'>) =>
  `${r.property} @ ${r.universe}/${r.profile}/${r.variant}/${r.policy}`;

export function toGolden(results: readonly VerifyResult[]): Golden {
  const out: Record<string, string> = {};
  for (const r of [...results].sort((a, b) => goldenKey(a).localeCompare(goldenKey(b)))) out[goldenKey(r)] = r.verdict.kind;
  return out;
}

export class GoldenError extends Error {}

/** A golden file, read once as every input file is (input/text.ts), its verdicts and its
 *  fingerprints ({} for a file written before they were kept) each checked. */
export function readGoldenFile(file: string): { verdicts: Golden; fingerprints: GoldenFingerprints } {
  const text = readInputText('golden file', file, (m) => new GoldenError(m));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new GoldenError(`${file}: not JSON ${jsonFault(text)}`);
  }
  const verdicts = (data as { verdicts?: unknown })?.verdicts;
  if (!verdicts || typeof verdicts !== 'object' || Array.isArray(verdicts) || !Object.values(verdicts).every((v) => typeof v === 'string'))
    throw new GoldenError(`${file}: expected {"verdicts": {"<property> @ <universe>/<profile>/<variant>/<policy>": "<verdict kind>", ...}}`);
  const fps = (data as { fingerprints?: unknown }).fingerprints ?? {};
  const ok = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as Fingerprint).statement === 'string' && typeof (v as Fingerprint).net === 'string';
  if (typeof fps !== 'object' || Array.isArray(fps) || !Object.values(fps).every(ok))
    throw new GoldenError(`${file}: expected "fingerprints": {"<run>": {"statement": "<hash>", "net": "<hash>"}, ...}`);
  return { verdicts: verdicts as Golden, fingerprints: fps as GoldenFingerprints };
}

export const readGolden = (file: string): Golden => readGoldenFile(file).verdicts;

/** The fingerprints a golden file records ({} for a file written before they were kept). */
export const readFingerprints = (file: string): GoldenFingerprints => readGoldenFile(file).fingerprints;

const toFingerprints = (results: readonly VerifyResult[]): GoldenFingerprints =>
  Object.fromEntries(results.filter((r) => r.fingerprint).map((r) => [goldenKey(r), { statement: r.fingerprint!.statement, net: r.fingerprint!.net }]));

const sortedByKey = <T>(o: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** Records these verdicts and fingerprints, keeping the file's entries for runs not in `results`
 *  (another universe, say). Returns what changed against the file as it was. */
export function writeGolden(file: string, results: readonly VerifyResult[]): { verdicts: GoldenChange[]; fingerprints: FingerprintChange[] } {
  const { verdicts: kept, fingerprints: keptFps } = existsSync(file) ? readGoldenFile(file) : { verdicts: {}, fingerprints: {} };
  const changes = { verdicts: compareGolden(kept, results), fingerprints: compareFingerprints(keptFps, results) };
  const verdicts = sortedByKey({ ...kept, ...toGolden(results) });
  const fingerprints = sortedByKey({ ...keptFps, ...toFingerprints(results) });
  const body = JSON.stringify({ note: 'Golden verdicts and fingerprints (hashes of each run\'s ground statement and net): record with `sesphr verify [--universe U] --write-golden FILE` after reviewing a change.', verdicts, fingerprints }, null, 2) + '\n';
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, body);
  return changes;
}

export interface GoldenChange {
  readonly key: string;
  readonly expected: string;
  readonly actual: string;
}

/** Changes against the golden file, over the runs present in `results` (a partial run checks only its part). */
export function compareGolden(golden: Golden, results: readonly VerifyResult[]): GoldenChange[] {
  const now = toGolden(results);
  const changes: GoldenChange[] = [];
  for (const [key, actual] of Object.entries(now)) {
    const expected = golden[key] ?? '(not in golden file)';
    if (expected !== actual) changes.push({ key, expected, actual });
  }
  return changes;
}

export interface FingerprintChange {
  readonly key: string;
  /** which of the two hashes differ */
  readonly changed: ReadonlyArray<'statement' | 'net'>;
  readonly expected: Fingerprint;
  readonly actual: Fingerprint;
}

/** Runs of `results` whose statement or net fingerprint differs from the golden file's (runs it
 *  records no fingerprint for are left to the verdict comparison). */
export function compareFingerprints(golden: GoldenFingerprints, results: readonly VerifyResult[]): FingerprintChange[] {
  const out: FingerprintChange[] = [];
  for (const [key, actual] of Object.entries(toFingerprints(results))) {
    const expected = golden[key];
    if (!expected) continue;
    const changed = (['statement', 'net'] as const).filter((k) => expected?.[k] !== actual[k]);
    if (changed.length) out.push({ key, changed, expected, actual });
  }
  return out;
}

/** One line per change, for --expect and --write-golden. */
export function describeChanges(c: { verdicts: readonly GoldenChange[]; fingerprints: readonly FingerprintChange[] }): string[] {
  const moved = new Set(c.verdicts.map((v) => v.key));
  return [
    ...c.verdicts.map((v) => `verdict moved: ${v.key}: ${v.expected} -> ${v.actual}`),
    ...c.fingerprints.map((f) => `${f.changed.join(' and ')} changed${moved.has(f.key) ? '' : ' (verdict unchanged)'}: ${f.key}: ${f.changed.map((k) => `${k} ${f.expected[k]} -> ${f.actual[k]}`).join(', ')}`),
  ];
}
