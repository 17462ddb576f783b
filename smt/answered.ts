// What z3 already answered to the same commands, in this process. A query runs in a fresh
// context (smt/z3.ts), so z3's output to each command depends only on the commands sent before
// it in that context: a session whose commands so far are exactly those of an earlier session
// gets the earlier outputs without solving. The key of a command is a hash of every command of
// the session up to it, so a hit needs the whole prefix to be equal. Only what z3 answered in
// full is kept (no answer cut by a time limit, no error), so a session replayed from here sends,
// receives and writes exactly what a solving one would: the same answers, the same .smt2 file.
// Where the commands part ways with every earlier session, the session makes its context, sends
// the commands it skipped, and solves from there.
// The table lives for one catalogue (smt/verify.ts verifyCatalogue forgets it at the start), so
// a catalogue's results never depend on what the process ran before it.
// Typical hits: the premise of a property on two configurations whose slices are the same (the
// backward-access policy often does not reach the premise's cone), checked by the same BMC.
import { createHash } from 'node:crypto';
import { record } from './profile.js';

/** Entries kept per thread (a command's output is small; the bound keeps a long process in check). */
const MAX_ENTRIES = 200_000;

const ANSWERED = new Map<string, string>();
/** entries added since the last `takeAnswered` (handed to the other threads by smt/parallel.ts) */
let fresh: Array<[string, string]> = [];

/** The key of `text` sent after the commands whose key is `before` ('' at the start of a session). */
export const commandKey = (before: string, text: string): string => createHash('sha256').update(before).update('\0').update(text).digest('base64');

export function answered(key: string): string | undefined {
  const out = ANSWERED.get(key);
  record(out === undefined ? 'answers: solved' : 'answers: already given (no solver call)', 0);
  return out;
}

export function remember(key: string, output: string): void {
  if (ANSWERED.size >= MAX_ENTRIES || ANSWERED.has(key)) return;
  ANSWERED.set(key, output);
  fresh.push([key, output]);
}

/** Entries learnt here since the last call (for other threads). */
export function takeAnswered(): Array<[string, string]> {
  const out = fresh;
  fresh = [];
  return out;
}

/** Forgets everything (the start of a catalogue: its answers depend on nothing run before it). */
export function forgetAnswered(): void {
  ANSWERED.clear();
  fresh = [];
}

/** Entries learnt by another thread. */
export function learnAnswered(entries: Iterable<[string, string]>): void {
  for (const [k, v] of entries) if (ANSWERED.size < MAX_ENTRIES && !ANSWERED.has(k)) ANSWERED.set(k, v);
}
