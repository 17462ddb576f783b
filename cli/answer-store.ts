// The command line's side of the stored answers (smt/answer-store.ts): which file, whether it is
// read, and the one line that says how many answers a run took from it. The store is on by
// default: a second `sesphr verify` of an unchanged model solves nothing again, and after a
// change only the queries it touched are solved. `--fresh` solves every query (and records the
// answers for the next run).
import { AnswerStoreError, compactStore, storeFile } from '../smt/answer-store.js';
import { ANSWER_BUCKETS, STORE_ENV, STORE_READ_ENV } from '../smt/answered.js';
import { z3StoreBuild } from '../smt/z3.js';
import type { Profile } from '../smt/profile.js';
import { UsageError } from './options.js';
import { checkOutputDir } from './paths.js';

export const DEFAULT_ANSWERS_DIR = '.cache/z3-answers';

export interface AnswerStoreUse {
  readonly file: string;
  readonly fresh: boolean;
  /** entries the store held at the start */
  readonly entries: number;
  /** lines of the file skipped as broken (cut short or changed) */
  readonly broken: number;
}

/** Opens the store for this process and the worker threads it starts. */
export function useAnswerStore(dir: string, fresh: boolean): AnswerStoreUse {
  checkOutputDir('--answers', dir);
  // one store per build (smt/z3.ts z3StoreBuild): the two give the same outputs, but each .smt2
  // file names the build that solved it
  const file = storeFile(dir, z3StoreBuild());
  let read;
  try {
    read = fresh ? undefined : compactStore(file);
  } catch (e) {
    throw e instanceof AnswerStoreError ? new UsageError(`--answers: ${e.message}`) : e;
  }
  process.env[STORE_ENV] = file;
  process.env[STORE_READ_ENV] = fresh ? '0' : '1';
  return { file, fresh, entries: read?.entries.size ?? 0, broken: read?.broken ?? 0 };
}

/** The line a run prints about the store, from its profile's answer buckets. */
export function answerStoreLine(use: AnswerStoreUse, p: Profile): string {
  const n = (bucket: string) => p[bucket]?.count ?? 0;
  const stored = n(ANSWER_BUCKETS.stored);
  const solved = n(ANSWER_BUCKETS.solved);
  const again = n(ANSWER_BUCKETS.again);
  const broken = use.broken ? `; ${use.broken} broken line(s) of the store skipped and removed` : '';
  if (use.fresh) return `solver: ${solved} queries solved (--fresh: no stored answer read), ${again} commands answered as earlier in the same catalogue; answers recorded in ${use.file}${broken}`;
  return `solver: ${solved} queries solved; ${stored} commands answered from the store (${use.file}: what ${z3StoreBuild()} answered to the same commands before, in an earlier run or an earlier catalogue of this one), ${again} as earlier in the same catalogue; --fresh solves every query${broken}`;
}
