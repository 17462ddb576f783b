// Parts already proved, by their canonical text (smt/canon.ts): the same verification problem
// up to renaming files, possibly met under another property or configuration. Only proofs are
// kept (a trace is always decoded and replayed on its own net). One map per thread: the
// catalogue's worker threads (smt/parallel.ts) are each handed exactly the proofs that the
// sequential order would have found before their run, so a run reuses the same parts, writes
// the same .smt2 files and reaches the same verdict on any number of threads.

export type ProofMethod = 'inductive-invariant' | 'chc-spacer';

const PROVED = new Map<string, ProofMethod>();

export const provedPart = (key: string): ProofMethod | undefined => PROVED.get(key);

export function rememberProof(key: string, method: ProofMethod): void {
  PROVED.set(key, method);
}

/** The proofs known for these keys (to hand to another thread). */
export function proofsFor(keys: Iterable<string>): Array<[string, ProofMethod]> {
  const out: Array<[string, ProofMethod]> = [];
  for (const k of keys) {
    const m = PROVED.get(k);
    if (m) out.push([k, m]);
  }
  return out;
}

/** Forgets every proof and knows exactly these (a worker before each run). */
export function resetProofs(entries: Iterable<[string, ProofMethod]>): void {
  PROVED.clear();
  for (const [k, m] of entries) PROVED.set(k, m);
}

/** Every proof this thread knows (a worker after a run, to hand back). */
export const allProofs = (): Array<[string, ProofMethod]> => [...PROVED];
