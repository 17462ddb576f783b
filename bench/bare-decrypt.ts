// Bare threads for Fig. 5: what this host gives the pool's split of a decryption with none of the
// pool's code. The record's partitions are split into equal ranges in order (bare-split-layout.ts
// `bareRange`), in the two rounds the pooled call makes: the SRS's pairings R_U = e(RK, R_P) (rule
// 31), then the user's validation of each R_U and R_U^(1/x_U) (rule 33). In each round the calling
// thread rings a doorbell, does its own range, and spins until every worker has done its range;
// the GT elements pass between the rounds as their bytes in shared memory, as the pool's pass as
// bytes in its messages. Then the calling thread derives each partition's key and opens the
// record with AES-GCM, as the pooled call does on its calling thread. The primitives are the
// floor's (floor.ts `decryptFloor`, on its operands): no claims, no messages, no checks, no wiping.
// Like bare-split.ts for Fig. 3, a reference beside the floor, not a floor (bench/README.md "Bare
// threads").
import { GT_BYTES, backend, encodeScalarInto } from '../impl/group/group.js';
import { HKDF_SALT, hkdfSha256 } from '../impl/index.js';
import { RP_BYTES, encodeKey, encodeRP } from '../impl/scheme/placement.js';
import { DEFAULT_SPIN_MS } from '../impl/tools/pool.js';
import { bareRange } from './bare-split-layout.js';
import { BARE_DONE, BARE_PARTS, BARE_ROUND, ROUND_CLOSE, ROUND_LOAD, ROUND_PAIR, ROUND_POW, bareDecryptBytes, bareDecryptLayout, decryptRange, type BareDecryptWorkerData } from './bare-decrypt-layout.js';
import { BareWorkers, checkBareSize } from './bare-threads.js';
import { gcmOpen, type DecryptOperands } from './floor.js';

export class BareDecrypt {
  private readonly workers: BareWorkers;
  private readonly control: Int32Array;
  private readonly rkBytes: Uint8Array;
  private readonly exponent: Uint8Array;
  private readonly rpBytes: Uint8Array;
  private readonly slots: Uint8Array;
  private record: { operands: DecryptOperands; infos: Uint8Array[] } | undefined;

  /** `threads` threads (the calling one and threads - 1 workers) for records of up to `maxParts`
   *  partitions, resolved once every worker waits for a round. */
  static async start(threads: number, maxParts: number, spinMs = DEFAULT_SPIN_MS): Promise<BareDecrypt> {
    const bare = new BareDecrypt(threads, maxParts, spinMs);
    await bare.workers.ready();
    return bare;
  }

  private constructor(
    readonly threads: number,
    readonly maxParts: number,
    spinMs: number,
  ) {
    checkBareSize('bare decryption', threads, 'maxParts', maxParts);
    const shared = new SharedArrayBuffer(bareDecryptBytes(maxParts));
    ({ control: this.control, rk: this.rkBytes, exponent: this.exponent, rps: this.rpBytes, slots: this.slots } = bareDecryptLayout(shared, maxParts));
    this.workers = new BareWorkers('bare decryption', './bare-decrypt-worker', import.meta.url, threads - 1, (index, bell): BareDecryptWorkerData => ({
      backend: backend().name, shared, bell, maxParts, threads, index, spinMs,
    }));
  }

  /** Hands the workers a record's operands (the floor's, floor.ts `decryptOperands`) and each
   *  partition's HKDF info; untimed, once a record, before its runs. */
  load(operands: DecryptOperands, infos: readonly Uint8Array[]): void {
    const parts = operands.rps.length;
    if (parts < 1 || parts > this.maxParts) throw new RangeError(`bare decryption: between 1 and ${this.maxParts} partitions a record, got ${parts}`);
    if (infos.length !== parts) throw new RangeError(`bare decryption: ${infos.length} HKDF infos for ${parts} partitions`);
    this.rkBytes.set(encodeKey(operands.rk));
    encodeScalarInto(operands.xU, this.exponent, 0);
    operands.rps.forEach((rp, i) => this.rpBytes.set(encodeRP(rp), i * RP_BYTES));
    Atomics.store(this.control, BARE_PARTS, parts);
    this.round(ROUND_LOAD, () => {});
    this.record = { operands, infos: [...infos] };
  }

  /** One decryption of the loaded record: the two rounds, then each partition's key and AES-GCM.
   *  Returns the keys, in the partitions' order. */
  run(): Uint8Array[] {
    if (this.record === undefined) throw new Error('bare decryption: no record loaded');
    const { operands, infos } = this.record;
    const { key, nonce, aads, sealed } = operands;
    const [, mine] = bareRange(operands.rps.length, this.threads, 0);
    this.round(ROUND_PAIR, () => decryptRange(ROUND_PAIR, 0, mine, operands, this.slots));
    this.round(ROUND_POW, () => decryptRange(ROUND_POW, 0, mine, operands, this.slots));
    const keys = infos.map((info, i) => hkdfSha256(this.slot(i), HKDF_SALT, info));
    gcmOpen(sealed, aads, key, nonce);
    return keys;
  }

  /** The calling thread's copy of partition i's GT slot, the bytes of its R_U^(x_U) (a view of
   *  shared memory is no input for node's crypto). */
  private slot(i: number): Uint8Array {
    return this.slots.slice(i * GT_BYTES, (i + 1) * GT_BYTES);
  }

  /** Rings `round` for the workers, does the calling thread's range (`mine`), and spins until every
   *  worker has done its own. */
  private round(round: number, mine: () => void): void {
    this.workers.check();
    if (this.workers.count) {
      Atomics.store(this.control, BARE_DONE, 0);
      Atomics.store(this.control, BARE_ROUND, round);
      this.workers.bell.ring();
    }
    mine();
    // spinning all the while, as a round's end is a few hundred microseconds away
    this.workers.waitAll(this.control, BARE_DONE, 'a round');
  }

  async close(): Promise<void> {
    Atomics.store(this.control, BARE_ROUND, ROUND_CLOSE);
    await this.workers.close();
  }
}
