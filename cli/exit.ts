// One exit-code convention for every command (documented in the README, "Exit codes").
// Each command collects the codes that apply to its run and exits with `combine` of them.

export const EXIT = {
  /** the command ran; a violated property is a result, not a failure */
  ok: 0,
  /** a stage or the command could not run (internal error), or a shipped scenario or check failed */
  failed: 1,
  /** bad input: usage, an option value, an input file, a configuration */
  badInput: 2,
  /** --expect: a verdict moved against the golden file */
  verdictMoved: 3,
  /** conformance: the model and the implementation disagree somewhere; vectors: a backend's bytes
   *  differ from the vectors they were compared with */
  mismatch: 4,
  /** the run finished but some verdicts are `unknown` (a limit stopped them) */
  unknown: 5,
  /** --expect: a property's statement or net fingerprint changed while its verdict did not */
  fingerprintChanged: 6,
} as const;

/** What each code means, in the order of the README table (the README's table is generated from this). */
export const EXIT_MEANINGS: ReadonlyArray<readonly [number, string]> = [
  [EXIT.ok, 'the command ran; a violated property is a result, not a failure'],
  [EXIT.failed, 'a stage or command could not run (internal error), a shipped scenario failed, a checked audit log is broken, or an all-sizes verdict contradicts the finite verdicts of the golden file'],
  [EXIT.badInput, 'bad input: usage, an option value, an input file, a configuration'],
  [EXIT.verdictMoved, '`--expect`: a verdict moved against the golden file'],
  [EXIT.mismatch, 'conformance: a mismatch between the model and the implementation was found; `vectors`: a backend\'s bytes differ from the vectors compared'],
  [EXIT.unknown, 'the run finished but some verdicts are `unknown` (a limit stopped them); the summary says how many'],
  [EXIT.fingerprintChanged, '`--expect`: a property\'s statement or net fingerprint changed while its verdict did not'],
];

/**
 * The one code for several that apply: the lowest of 1 and 2 when either applies (the run
 * itself or its input was bad, so its other results cannot be trusted), otherwise the highest.
 */
export function combine(codes: readonly number[]): number {
  const hard = codes.filter((c) => c === EXIT.failed || c === EXIT.badInput);
  if (hard.length) return Math.min(...hard);
  return Math.max(0, ...codes);
}

/** Sets the process's exit code to `combine` of the one it has and `code`. */
export function raise(code: number): void {
  const now = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = combine([now, code]);
}

/**
 * The summary line of a run with unknown verdicts: how many, and which limit stopped them (the
 * solver's time limit, the BMC depth, or the solver giving up), so a depth limit is never taken
 * for a time limit.
 */
export function unknownSummary(results: ReadonlyArray<{ readonly verdict: { readonly kind: string; readonly limit?: string } }>): string | undefined {
  const unknown = results.filter((r) => r.verdict.kind === 'unknown');
  if (!unknown.length) return undefined;
  const cause = (limit = '') => (/reached the [\d.]+ s limit|no answer within/.test(limit) && !/BMC depth \d+/.test(limit) ? 'the time limit (--timeout)' : /BMC depth \d+/.test(limit) ? 'the depth limit (--depth)' : 'the solver answering unknown');
  const by = new Map<string, number>();
  for (const r of unknown) by.set(cause(r.verdict.limit), (by.get(cause(r.verdict.limit)) ?? 0) + 1);
  return `${unknown.length} of ${results.length} verdicts are unknown (${[...by].map(([c, n]) => `${n} stopped by ${c}`).join(', ')}): exit ${EXIT.unknown}`;
}
