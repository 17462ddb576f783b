// What z3 already answered to the same commands, in this process. A query runs in a fresh
// context (smt/z3.ts), so z3's output to each command depends only on the commands sent before
// it in that context: a session whose commands so far are exactly those of an earlier session
// gets the earlier outputs without solving. The key of a command is a hash of every command of
// the session up to it, so a hit needs the whole prefix to be equal. Only what z3 answered in
// full is kept (no answer cut by a time limit, no error), so a session replayed from here sends,
// receives and writes exactly what a solving one would: the same answers, the same .smt2 file.
// Where the commands part ways with every earlier session, the session makes its context, sends
// the commands it skipped, and solves from there.
// The table lives for one catalogue (smt/catalogue.ts verifyCatalogue forgets it at the start), so
// a catalogue's results never depend on what the process ran before it.
// Typical hits: the premise of a property on two configurations whose slices are the same (the
// backward-access policy often does not reach the premise's cone), checked by the same BMC.
// Across processes: when the environment names a store (smt/answer-store.ts; the CLI sets it, and
// worker threads are handed it with each run), answers recorded there by earlier runs of the same z3 build are
// looked up after this catalogue's own, and every complete answer solved here is appended to it
// when its session closes. The store is indexed once per thread, when first needed, and each line
// checked when its key is asked for (smt/answer-store.ts `indexStore`).
import { hash } from 'node:crypto';
import { appendStore, indexStore, readStoreVersion, storedOutput, VERSION_KEY, writeStoreVersion } from './answer-store.js';
import { record } from './profile.js';

/** The environment naming the store file, and whether to read it (`0`: record only, solving everything). */
export const STORE_ENV = 'SESPHR_Z3_ANSWERS';
export const STORE_READ_ENV = 'SESPHR_Z3_ANSWERS_READ';

/** Which store this thread's runs use, and whether they read it, as the environment says. */
export interface StoreSetting {
  readonly file?: string;
  readonly read?: string;
}
export const storeSetting = (): StoreSetting => ({ file: process.env[STORE_ENV], read: process.env[STORE_READ_ENV] });

/** Takes the main thread's setting (a worker before each run: it is spawned with a copy of the environment, and kept across catalogues). */
export function useStoreSetting(s: StoreSetting): void {
  for (const [name, value] of [[STORE_ENV, s.file], [STORE_READ_ENV, s.read]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** `read`: the store's lines by key, each checked when first asked for (smt/answer-store.ts `indexStore`);
 *  `saved`: the keys this thread has appended since, which `read` does not hold */
let store: { file: string; reading: boolean; read: Map<string, string>; saved: Set<string>; version?: string } | undefined;
/** answers solved here that the store does not have yet */
let unsaved: Array<[string, string]> = [];
/** The store the environment names, read once per thread (again if the environment names another). */
function storeOf(): typeof store {
  const file = process.env[STORE_ENV];
  const reading = process.env[STORE_READ_ENV] !== '0';
  if (!file) return (store = undefined);
  if (store?.file !== file || store.reading !== reading) store = { file, reading, read: reading ? indexStore(file) : new Map(), saved: new Set() };
  return store;
}

/** What the store recorded for `key`, checked; a line that fails its check is dropped, so the answer solved instead is recorded. */
function storedFor(s: NonNullable<typeof store>, key: string): string | undefined {
  const l = s.read.get(key);
  if (l === undefined) return undefined;
  const out = storedOutput(l, key);
  if (out === undefined) s.read.delete(key);
  return out;
}

/** The profile buckets counting how each command was answered (cli/answer-store.ts reads them back). */
export const ANSWER_BUCKETS = {
  /** a command that needed a context: its session is solved from here on */
  solved: 'answers: solved',
  /** answered earlier in this catalogue */
  again: 'answers: already given (no solver call)',
  /** answered from the store */
  stored: 'answers: given in an earlier run (the store, no solver call)',
} as const;

/** Entries kept per thread (a command's output is small; the bound keeps a long process in check). */
const MAX_ENTRIES = 200_000;

const ANSWERED = new Map<string, string>();
/** entries added since the last `takeAnswered` (handed to the other threads by smt/parallel.ts) */
let fresh: Array<[string, string]> = [];

/** The key of `text` sent after the commands whose key is `before` ('' at the start of a session). */
export const commandKey = (before: string, text: string): string => hash('sha256', `${before}\0${text}`, 'base64');

/** Whether this thread's runs read the store now (a benchmark of solving turns it off; answers are still recorded). */
let storeRead = true;
export function readStoredAnswers(on: boolean): void {
  storeRead = on;
}

export function answered(key: string): string | undefined {
  const out = ANSWERED.get(key);
  if (out !== undefined) {
    record(ANSWER_BUCKETS.again, 0);
    return out;
  }
  const s = storeRead ? storeOf() : undefined;
  const stored = s ? storedFor(s, key) : undefined;
  record(stored === undefined ? ANSWER_BUCKETS.solved : ANSWER_BUCKETS.stored, 0);
  return stored;
}

/** Queues an entry for the store unless it has it, or this thread has queued it already. */
function toSave(s: NonNullable<typeof store>, key: string, output: string): void {
  if (s.saved.has(key) || storedFor(s, key) === output) return;
  s.saved.add(key);
  unsaved.push([key, output]);
}

export function remember(key: string, output: string): void {
  const s = storeOf();
  if (s) toSave(s, key, output);
  if (ANSWERED.size >= MAX_ENTRIES || ANSWERED.has(key)) return;
  ANSWERED.set(key, output);
  fresh.push([key, output]);
}

/** The version text of the z3 build, as the store recorded it: a run answered wholly from the store never loads the solver. */
export function storedVersion(): string | undefined {
  const s = storeOf();
  if (!s) return undefined;
  s.version ??= readStoreVersion(s.file) ?? storedFor(s, VERSION_KEY);
  return s.version;
}

/** Records the version text of the build beside the store, unless it is there already. */
export function rememberVersion(text: string): void {
  const s = storeOf();
  if (!s || storedVersion() === text) return;
  writeStoreVersion(s.file, text);
  s.version = text;
}

/** Appends the answers solved since the last call to the store, if there is one (smt/z3.ts calls it as a session closes). */
export function saveAnswers(): void {
  const s = storeOf();
  if (!s || !unsaved.length) return;
  const out = unsaved;
  unsaved = [];
  appendStore(s.file, out);
}

/** Entries learnt here since the last call (for other threads). */
export function takeAnswered(): Array<[string, string]> {
  const out = fresh;
  fresh = [];
  return out;
}

/** Forgets everything (the start of a catalogue: its answers depend on nothing run before it but the store). */
export function forgetAnswered(): void {
  ANSWERED.clear();
  fresh = [];
  saveAnswers();
  store = undefined; // read again: another process, or this one, may have added to it since
}

/** Entries learnt by another thread. */
export function learnAnswered(entries: Iterable<[string, string]>): void {
  for (const [k, v] of entries) if (ANSWERED.size < MAX_ENTRIES && !ANSWERED.has(k)) ANSWERED.set(k, v);
}
