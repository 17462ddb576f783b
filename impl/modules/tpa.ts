// The third-party auditor (tpa module; seeds 002/003): checks that the cloud still holds
// every uploaded sealed partition intact, holding no key. At upload the owner gives it a
// commitment per partition (impl/modules/merkle.ts: a Merkle root over 4 KiB blocks of C); a challenge
// draws k block indices at random (with replacement), the cloud answers with those blocks and
// their Merkle paths, and the TPA verifies them against the commitment. With c of n blocks
// corrupted, one challenge of k blocks detects it with probability 1 - (1 - c/n)^k; a deleted
// partition is always detected. The TPA keeps only commitments (no key, no block after checking),
// and what it is shown is ciphertext: it can read nothing.
import { SesphrError } from '../errors.js';
import { holding, partKey, tok, type Holding, type HoldsBytes } from '../holdings.js';
import { type BlockProof, type Commitment, verifyProof } from './merkle.js';
import type { RandomSource } from '../scheme/random.js';

/** What the TPA asks of the store it audits (the cloud): blocks of C with their Merkle paths. */
export interface BlockProver {
  prove(file: string, label: string, indices: readonly number[]): BlockProof[];
}

export interface ChallengeResult {
  readonly intact: boolean;
  /** block indices challenged, in the order drawn */
  readonly checked: readonly number[];
  /** what failed, when not intact */
  readonly problem?: string;
}

/** Token name of a commitment, as the model names it (model/terms.ts Com). */
const comToken = (f: string, i: string) => `Com(${f},${i})`;

/** Detection probability of one challenge of k blocks (drawn with replacement) when c of n blocks are bad. */
export const detectionProbability = (c: number, n: number, k: number) => 1 - (1 - c / n) ** k;

/** A uniform index in [0, n) from 4 random bytes, by rejection (no modulo bias). */
function index(rng: RandomSource, n: number): number {
  const limit = Math.floor(2 ** 32 / n) * n;
  for (;;) {
    const b = rng.bytes(4);
    const x = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
    if (x < limit) return x % n;
  }
}

export class Tpa implements HoldsBytes {
  private readonly coms = new Map<string, Commitment & { owner: string; file: string; label: string }>();

  /** At upload (Send_C with the tpa module): the owner's commitment to C(f,i). A newer upload replaces it. */
  record(owner: string, file: string, label: string, com: Commitment): void {
    this.coms.set(partKey(file, label), { ...com, owner, file, label });
  }

  commitment(file: string, label: string): Commitment | undefined {
    return this.coms.get(partKey(file, label));
  }

  /** Challenges `k` random blocks of C(f,i) (`'all'`: every block, a deterministic full audit). */
  challenge(cloud: BlockProver, file: string, label: string, k: number | 'all', rng: RandomSource): ChallengeResult {
    const com = this.coms.get(partKey(file, label));
    if (!com) throw new SesphrError('NO_SUCH_PARTITION', `TPA: no commitment for ${tok.C(file, label)}`, tok.C(file, label));
    if (k !== 'all' && (!Number.isSafeInteger(k) || k < 1)) throw new SesphrError('INVALID_CONFIG', `TPA: challenge size must be a whole number >= 1, got ${k}`, 'k');
    const checked = k === 'all' ? Array.from({ length: com.blocks }, (_, j) => j) : Array.from({ length: k }, () => index(rng, com.blocks));
    let answer;
    try {
      answer = cloud.prove(file, label, checked);
    } catch (e) {
      return { intact: false, checked, problem: `the cloud did not answer: ${(e as Error).message}` };
    }
    for (let j = 0; j < checked.length; j++) {
      if (!answer[j] || !verifyProof(com, checked[j], answer[j])) return { intact: false, checked, problem: `block ${checked[j]} does not verify against the commitment` };
    }
    return { intact: true, checked };
  }

  /** Only commitments: the TPA never receives a key, and keeps no block it was shown. */
  holdings(): Holding[] {
    return [...this.coms.values()].map((c) => holding(comToken(c.file, c.label), Buffer.from(c.root, 'hex')));
  }
}
