// Checking a step's expectations against any world that can answer "can this coalition read this
// partition?", "can it derive this token?" and "how did the last request end?": the model and the
// implementation alike. A refused step's expectation is checked where the step is run.
import type { ExpectationSpec } from './schema.js';

export interface World {
  canRead(parties: readonly string[], file: string, partition: string): boolean;
  lastRequest(user: string, file: string, partition: string): 'granted' | 'refused' | undefined;
  /** tpa module: how the last challenge of (file, partition) ended */
  lastChallenge?(file: string, partition: string): 'detected' | 'intact' | undefined;
  /** audit module: the log has the entry of the R^U issued to (user, file, partition) */
  logged?(user: string, file: string, partition: string): boolean;
  /** the coalition derives the token; a string when this world cannot tell (and why) */
  knows(parties: readonly string[], token: string): boolean | { readonly unwitnessed: string };
}

export interface ExpectationResult {
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
  readonly ok: boolean;
  /** the world could not check this expectation (why): not a failure, and not a pass either */
  readonly unchecked?: string;
}

const parties = (p: string | string[]) => (Array.isArray(p) ? p : [p]);

export function checkExpectations(w: World, e: ExpectationSpec): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  for (const [kind, want] of [['can-read', true], ['cannot-read', false]] as const) {
    for (const t of e[kind] ?? []) {
      const got = w.canRead(parties(t.party), t.file, t.partition);
      out.push({ what: `${parties(t.party).join('+')} reads ${t.file}/${t.partition}`, expected: want ? 'read' : 'no read', actual: got ? 'read' : 'no read', ok: got === want });
    }
  }
  for (const kind of ['granted', 'refused'] as const) {
    for (const t of e[kind] ?? []) {
      const got = w.lastRequest(t.user, t.file, t.partition) ?? 'no request';
      out.push({ what: `request ${t.user} ${t.file}/${t.partition}`, expected: kind, actual: got, ok: got === kind });
    }
  }
  for (const kind of ['detected', 'intact'] as const) {
    for (const t of e[kind] ?? []) {
      const got = w.lastChallenge ? (w.lastChallenge(t.file, t.partition) ?? 'no challenge') : 'not checkable by this runner';
      out.push({ what: `challenge ${t.file}/${t.partition}`, expected: kind, actual: got, ok: got === kind });
    }
  }
  for (const t of e.logged ?? []) {
    const got = w.logged ? (w.logged(t.user, t.file, t.partition) ? 'logged' : 'not logged') : 'not checkable by this runner';
    out.push({ what: `audit entry of R ${t.user} ${t.file}/${t.partition}`, expected: 'logged', actual: got, ok: got === 'logged' });
  }
  for (const [kind, want] of [['knows', true], ['not-knows', false]] as const) {
    for (const t of e[kind] ?? []) {
      const got = w.knows(parties(t.party), t.token);
      const what = `${parties(t.party).join('+')} derives ${t.token}`;
      const expected = want ? 'derives' : 'does not derive';
      if (typeof got === 'object') out.push({ what, expected, actual: `not checked: ${got.unwitnessed}`, ok: true, unchecked: got.unwitnessed });
      else out.push({ what, expected, actual: got ? 'derives' : 'does not derive', ok: got === want });
    }
  }
  return out;
}
