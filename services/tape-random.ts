// The SRS's randomness, recorded: live, each draw is passed through and written down, so the
// store can keep it with the operation that drew it; on replay the recorded draws come back in
// order, and the replayed Srs ends with exactly the keys it had acknowledged. A draw the store
// erased (its key was deleted) replays as a stand-in from a source of its own: the key it makes is
// deleted again later in the same replay, so the state replayed is the state acknowledged.
import { HoldsSecrets, deterministicRandom, type RandomSource } from '../impl/index.js';
import type { Draw } from './srs-store.js';

export class TapeRandom extends HoldsSecrets implements RandomSource {
  private recorded: Draw[] = [];
  private replay: Draw[] | undefined;
  private readonly standIn = deterministicRandom('SeSPHR SRS: stand-ins for erased draws');

  constructor(private readonly live: RandomSource) {
    super();
  }

  protected publicFace(): Record<string, unknown> {
    return { recorded: this.recorded.length, replaying: this.replay !== undefined };
  }

  /** the draws are the secret keys (srs-keys) and the randomness they were made from */
  protected withheld(): readonly string[] {
    return ['draws'];
  }

  bytes(n: number): Uint8Array {
    const d = this.next('b');
    if (d) return d.v === null ? this.standIn.bytes(n) : new Uint8Array(Buffer.from(d.v, 'hex'));
    const b = this.live.bytes(n);
    this.recorded.push({ k: 'b', v: Buffer.from(b).toString('hex') });
    return b;
  }

  scalar(): bigint {
    const d = this.next('s');
    if (d) return d.v === null ? this.standIn.scalar() : BigInt('0x' + d.v);
    const s = this.live.scalar();
    this.recorded.push({ k: 's', v: s.toString(16) });
    return s;
  }

  /** The draws made since the last call (live mode). */
  take(): Draw[] {
    const out = this.recorded;
    this.recorded = [];
    return out;
  }

  /** Runs `f` with `draws` as the source; every one must be used. */
  replaying<T>(draws: readonly Draw[], f: () => T): T {
    this.replay = [...draws];
    try {
      const r = f();
      if (this.replay.length) throw new Error(`replay: ${this.replay.length} recorded draws were not used`);
      return r;
    } finally {
      this.replay = undefined;
    }
  }

  private next(k: Draw['k']): Draw | undefined {
    if (!this.replay) return undefined;
    const d = this.replay.shift();
    if (!d || d.k !== k) throw new Error(`replay: expected a recorded ${k === 's' ? 'scalar' : 'byte string'} draw`);
    return d;
  }
}
