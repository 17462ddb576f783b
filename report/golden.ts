// Regression mode: verdicts compared with a committed golden file, as protocol verifiers keep
// their case-study regression files. A golden file maps "property @ universe/profile/variant/policy"
// to a verdict kind; any move (or a run missing from either side) is reported.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { VerifyResult } from '../smt/verdict.js';

export type Golden = Readonly<Record<string, string>>;

/** The key of one run: property, universe and configuration (a planned run has one before it is verified). */
export const goldenKey = (r: Pick<VerifyResult, 'property' | 'universe' | 'profile' | 'variant' | 'policy'>) =>
  `${r.property} @ ${r.universe}/${r.profile}/${r.variant}/${r.policy}`;

export function toGolden(results: readonly VerifyResult[]): Golden {
  const out: Record<string, string> = {};
  for (const r of [...results].sort((a, b) => goldenKey(a).localeCompare(goldenKey(b)))) out[goldenKey(r)] = r.verdict.kind;
  return out;
}

export class GoldenError extends Error {}

export function readGolden(file: string): Golden {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new GoldenError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new GoldenError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const verdicts = (data as { verdicts?: unknown })?.verdicts;
  if (!verdicts || typeof verdicts !== 'object' || Array.isArray(verdicts) || !Object.values(verdicts).every((v) => typeof v === 'string'))
    throw new GoldenError(`${file}: expected {"verdicts": {"<property> @ <universe>/<profile>/<variant>/<policy>": "<verdict kind>", ...}}`);
  return verdicts as Golden;
}

/** Records these verdicts, keeping the file's entries for runs not in `results` (another universe, say). */
export function writeGolden(file: string, results: readonly VerifyResult[]): void {
  const kept = existsSync(file) ? readGolden(file) : {};
  const merged = { ...kept, ...toGolden(results) };
  const verdicts = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  const body = JSON.stringify({ note: 'Golden verdicts: record with `sesphr verify [--universe U] --write-golden FILE` after reviewing a change.', verdicts }, null, 2) + '\n';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, body);
  renameSync(`${file}.tmp`, file);
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
