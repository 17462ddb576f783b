// What the patient client and the user client share: a principal id and its key pair, obtained
// either from the SRS (srs-keys, rules 23-24 as printed) or made locally with only the public key
// sent to the SRS (owner-keys).
import type { Variant } from './access.js';
import { SesphrError } from '../errors.js';
import { HoldsSecrets } from '../secrets.js';
import { decodeScalar, encodeScalar } from '../group/group.js';
import { decodeKey, encodeKey, keyGroup, type KeyPoint } from '../scheme/placement.js';
import { generationName, holding, tok, type Holding } from '../holdings.js';
import { systemRandom, type RandomSource } from '../scheme/random.js';
import { keyGen, publicKeyOf } from '../scheme/scheme.js';
import type { Srs } from './srs.js';
import type { Cloud } from './cloud.js';
import type { Tpa } from '../modules/tpa.js';

export interface ClientOptions {
  srs: Srs;
  cloud: Cloud;
  /** Randomness for keys (owner-keys), r and nonces. Defaults to the operating system's. */
  rng?: RandomSource;
  /** tpa module: the owner's client gives this auditor a commitment to each C it uploads */
  tpa?: Tpa;
  /** the key generation this client holds (default 1): a user who re-joins after a revocation
   *  does so with a fresh key pair, generation 2, 3, ... (Srs.register) */
  generation?: number;
}

export abstract class Principal extends HoldsSecrets {
  readonly variant: Variant;
  protected readonly srs: Srs;
  protected readonly cloud: Cloud;
  protected readonly rng: RandomSource;
  protected readonly tpa: Tpa | undefined;
  protected sk: bigint | undefined;
  protected pk: KeyPoint | undefined;
  /** the key generation of this client's key pair (1 unless it re-joined); a client not told its
   *  generation takes the one the SRS gives it at registration */
  generation: number;
  protected readonly statedGeneration: number | undefined;

  constructor(
    readonly id: string,
    opts: ClientOptions,
  ) {
    super();
    this.srs = opts.srs;
    this.cloud = opts.cloud;
    this.variant = opts.srs.variant;
    this.rng = opts.rng ?? systemRandom();
    this.tpa = opts.tpa;
    this.generation = opts.generation ?? 1;
    this.statedGeneration = opts.generation;
  }

  /** The name this client's keys and R^U carry: its id, with the key generation from the second on. */
  get name(): string {
    return generationName(this.id, this.generation);
  }

  /** Gen_Key(x), rule 23: at the SRS in srs-keys, here in owner-keys. */
  genKey(): void {
    if (this.variant === 'srs-keys') return this.srs.genKey(this.id, this.statedGeneration);
    if (this.sk !== undefined) throw new SesphrError('WRONG_STEP', `Gen_Key(${this.id}): keys already generated`, this.id);
    const kp = keyGen(this.rng);
    this.sk = kp.sk;
    this.pk = kp.pk;
  }

  /** Send_Keys(x), rule 24: srs-keys receives sk/pk from the SRS; owner-keys deposits pk there. */
  sendKeys(): void {
    if (this.variant === 'srs-keys') {
      const b = this.srs.sendKeys(this.id, this.statedGeneration);
      const sk = decodeScalar(b.sk, tok.sk(this.id));
      const pk = decodeKey(b.pk, tok.pk(this.id));
      // A key pair that does not match is refused rather than stored (g1^sk must equal pk).
      if (!keyGroup.eq(keyGroup.mul(sk), pk)) throw new SesphrError('MISSING_KEY', `Send_Keys(${this.id}): pk does not match sk`, tok.pk(this.id));
      this.sk = sk;
      this.pk = pk;
      return;
    }
    if (this.pk === undefined) throw new SesphrError('MISSING_KEY', `Send_Keys(${this.id}): Gen_Key must run first`, this.id);
    this.srs.receivePublicKey(this.id, encodeKey(this.pk), this.statedGeneration);
  }

  /** A secret key kept outside the client (a key file) let back in; its public key recomputed. */
  restore(sk: bigint): void {
    this.pk = publicKeyOf(sk);
    this.sk = sk;
  }

  /** The secret key held now, for a key store to keep (never logged). */
  heldSecret(): bigint | undefined {
    return this.sk;
  }

  /** The public key held now, encoded (what Send_Keys deposits in owner-keys), to compare with the SRS's. */
  heldPublicKey(): Uint8Array | undefined {
    return this.pk && encodeKey(this.pk);
  }

  protected secret(): bigint {
    if (this.sk === undefined) throw new SesphrError('MISSING_KEY', `sk(${this.id}): ${this.id} holds no secret key`, tok.sk(this.id));
    return this.sk;
  }

  protected publicFace(): Record<string, unknown> {
    return { id: this.id, variant: this.variant, generation: this.generation, keys: this.sk === undefined ? 'none' : 'held' };
  }

  protected withheld(): readonly string[] {
    return ['sk'];
  }

  protected keyHoldings(): Holding[] {
    const out: Holding[] = [];
    if (this.sk !== undefined) out.push(holding(tok.sk(this.name), encodeScalar(this.sk)));
    if (this.pk !== undefined) out.push(holding(tok.pk(this.name), encodeKey(this.pk)));
    return out;
  }
}
