// The patient (PHR owner) client (Sec. 3.4): splits its PHR into partitions and, per partition,
// draws a fresh r (rule 25), seals C (26), computes R_P (27), sends C to the cloud (28) and R_P
// to the SRS (29). Each step is a method so a conformance adapter can apply the model's events
// one by one; upload() composes them. Also the owner's lifecycle actions (approve, grant, revoke).
import type { OwnerConfig } from './access.js';
import { sealPartition } from '../scheme/aead.js';
import { NONCE_BYTES, checkId, sealedLength, type Binding } from '../scheme/binding.js';
import { SesphrError } from '../errors.js';
import { encodeScalar } from '../group/group.js';
import { decodeKey, encodeKey, encodeRP } from '../scheme/placement.js';
import { digestHoldings, holding, partKey, tok, versionName, type Holding, type HoldsBytes } from '../holdings.js';
import { commit } from '../modules/merkle.js';
import { parsePHR, type PHRInput } from './phr.js';
import { Principal } from './principal.js';
import { computeRP, maskFor, rekeyFromPublic } from '../scheme/scheme.js';
import type { WindowSpec } from './srs.js';

/** One partition of the owner's latest upload of a file, as it moves through rules 25-29. */
interface Part {
  binding: Binding;
  phr: Uint8Array;
  r?: bigint;
  c?: Uint8Array;
  rp?: Uint8Array;
  sentC: boolean;
  sentRP: boolean;
}

export class PatientClient extends Principal implements HoldsBytes {
  private readonly parts = new Map<string, Part>();
  /** the latest version of each (file, label): a record update is a new version of a partition */
  private readonly versions = new Map<string, number>();

  protected override publicFace(): Record<string, unknown> {
    return { ...super.publicFace(), partitions: this.parts.size };
  }

  protected override withheld(): readonly string[] {
    return [...super.withheld(), 'PHR', 'r'];
  }

  /** Register(P) (Sec. 3.6): labels and default access per role go to the SRS. */
  register(config?: Partial<OwnerConfig>): void {
    this.srs.registerOwner(this.id, config);
  }

  /** Approve(u). owner-keys: RK = pk_U^(1/x_P) computed here (Eq. 14 without x_U).
   *  time module: an optional window bounds the membership on the SRS's clock. */
  approve(user: string, window?: WindowSpec, generation?: number): void {
    if (this.variant === 'srs-keys') return this.srs.approve(this.id, user, undefined, window, generation);
    this.srs.checkApprove(this.id, user, generation);
    const pkU = decodeKey(this.srs.publicKey(user), tok.pk(user));
    this.srs.approve(this.id, user, encodeKey(rekeyFromPublic(pkU, this.secret())), window, generation);
  }

  // Every action on a member may name the key generation it is meant for (a user who re-joined
  // is a new member): the SRS refuses it for any other.
  grant(user: string, label: string, window?: WindowSpec, generation?: number): void {
    this.srs.grant(this.id, user, label, window, generation);
  }

  /** time module: set or end (`{ end: srs.epoch }`) u's window, or one label's. */
  setWindow(user: string, window: WindowSpec, label?: string, generation?: number): void {
    this.srs.setWindow(this.id, user, window, label, generation);
  }

  revoke(user: string, generation?: number): void {
    this.srs.revoke(this.id, user, generation);
  }

  /** Ungrant(u,i): narrow u's access (the converse of grant). */
  ungrant(user: string, label: string, generation?: number): void {
    this.srs.ungrant(this.id, user, label, generation);
  }

  /** Except_Policy(u): u's backward access runs the other way than the SRS's policy. */
  except(user: string, generation?: number): void {
    this.srs.except(this.id, user, generation);
  }

  /** Starts a new version of each partition of `file` the input has (a record update when one was
   *  loaded before): parses and validates everything before keeping anything. `version` is the
   *  highest of the partitions' new versions (each partition counts its own). */
  loadPHR(file: string, input: PHRInput, opts?: { version?: number }): { version: number; labels: string[] } {
    checkId(file, 'file');
    // No key needed to load a document: rule 25 (Gen_ri) may run before the owner has keys;
    // Compt_Ri (rule 27) is the first step that needs sk(P).
    const partitions = parsePHR(input, this.srs.labelsOf(this.id));
    if (partitions.size === 0) throw new SesphrError('MALFORMED_PHR', 'PHR: no partitions', 'PHR');
    // a client that did not upload the earlier versions itself (a new process of the owner, another
    // machine) continues from the version the SRS holds (asked for every partition at once)
    const held = new Map(this.srs.partitions(file, [...partitions.keys()]).map((p) => [p.label, p]));
    const stored = (label: string) => {
      const p = held.get(label);
      return p && p.owner === this.id ? p.version : 0;
    };
    const nextOf = new Map([...partitions.keys()].map((label) => [label, Math.max(this.versions.get(partKey(file, label)) ?? 0, stored(label)) + 1]));
    const next = (label: string) => nextOf.get(label)!;
    // a caller that names the version it loads is refused unless it is each partition's next one
    for (const label of partitions.keys())
      if (opts?.version !== undefined && next(label) !== opts.version)
        // an older version is stale; a later one is out of order (its predecessor is not loaded yet)
        throw new SesphrError(opts.version < next(label) ? 'STALE_VERSION' : 'WRONG_STEP', `PHR(${file},${label}): the next version is ${next(label)}, not ${opts.version}`, tok.PHR(file, label));
    // an update follows a complete upload: the previous version is at the cloud and the SRS first
    for (const label of partitions.keys()) {
      const prev = this.parts.get(partKey(file, label));
      if (prev && !(prev.sentC && prev.sentRP))
        throw new SesphrError('WRONG_STEP', `PHR(${file},${label}): version ${prev.binding.version} is not uploaded yet (Send_C and Send_Ri first)`, tok.PHR(file, label));
    }
    // a partition the cloud would refuse is found before any is sent: an upload refused half-way
    // would leave the record's other partitions at their new version
    const limit = this.cloud.maxObjectBytes;
    if (limit !== undefined)
      for (const [label, phr] of partitions) {
        const bytes = sealedLength({ owner: this.id, file, label, version: next(label) }, phr.length);
        if (bytes > limit)
          throw new SesphrError('PARTITION_TOO_LARGE', `PHR(${file},${label}): sealed it is ${bytes} bytes, and the cloud takes at most ${limit} bytes a partition; nothing was sent`, tok.PHR(file, label));
      }
    this.srs.checkUploads(this.id, file, [...partitions.keys()].map((label) => ({ label, version: next(label) })));
    let version = 0;
    for (const [label, phr] of partitions) {
      const v = next(label);
      version = Math.max(version, v);
      this.versions.set(partKey(file, label), v);
      this.parts.set(partKey(file, label), { binding: { owner: this.id, file, label, version: v }, phr, sentC: false, sentRP: false });
    }
    return { version, labels: [...partitions.keys()] };
  }

  /** Gen_ri, rule 25: a fresh r for this partition of this version (never reused: once C is
   *  sealed, r is fixed; a new upload starts a new version with a new r). */
  drawR(file: string, label: string, version?: number): void {
    const p = this.part(file, label, version);
    if (p.c) throw new SesphrError('WRONG_STEP', `Gen_ri(${file},${label}): already encrypted`, tok.r(file, label));
    // R_P already binds this r: a new r would seal C under a key R_P no longer yields.
    if (p.rp) throw new SesphrError('WRONG_STEP', `Gen_ri(${file},${label}): R_P already computed from r`, tok.r(file, label));
    p.r = this.rng.scalar();
  }

  /** Encrypt_Pi, rule 26 (Eq. 6-9 adapted): C = AES-GCM under HKDF(Z^r, binding). */
  encryptPartition(file: string, label: string, version?: number): void {
    const p = this.part(file, label, version);
    if (p.r === undefined) throw new SesphrError('WRONG_STEP', `Encrypt_Pi(${file},${label}): Gen_ri first`, tok.C(file, label));
    if (p.c) throw new SesphrError('WRONG_STEP', `Encrypt_Pi(${file},${label}): already encrypted`, tok.C(file, label));
    p.c = sealPartition(maskFor(p.r), p.binding, p.phr, this.rng.bytes(NONCE_BYTES));
  }

  /** Compt_Ri, rule 27 (Eq. 10-13): R_P = g2^(r x_P). */
  computeRP(file: string, label: string, version?: number): void {
    const p = this.part(file, label, version);
    if (p.r === undefined) throw new SesphrError('WRONG_STEP', `Compt_Ri(${file},${label}): Gen_ri first`, tok.RP(file, label));
    p.rp = encodeRP(computeRP(p.r, this.secret()));
  }

  /** Send_C, rule 28. */
  sendC(file: string, label: string, version?: number): void {
    const p = this.part(file, label, version);
    if (!p.c) throw new SesphrError('WRONG_STEP', `Send_C(${file},${label}): Encrypt_Pi first`, tok.C(file, label));
    this.cloud.put({ owner: this.id, file, label, c: p.c });
    this.tpa?.record(this.id, file, label, commit(p.c));
    p.sentC = true;
  }

  /** Send_Ri, rule 29: only R_P and its coordinates go to the SRS. */
  sendRP(file: string, label: string, version?: number): void {
    const p = this.part(file, label, version);
    if (!p.rp) throw new SesphrError('WRONG_STEP', `Send_Ri(${file},${label}): Compt_Ri first`, tok.RP(file, label));
    this.srs.storeRP({ ...p.binding, rp: p.rp });
    p.sentRP = true;
  }

  /** Rules 25-29 for every partition of the document. */
  upload(file: string, input: PHRInput): { file: string; version: number; labels: string[] } {
    const { version, labels } = this.loadPHR(file, input);
    for (const label of labels) {
      this.drawR(file, label);
      this.encryptPartition(file, label);
      this.computeRP(file, label);
      this.sendC(file, label);
      this.sendRP(file, label);
    }
    return { file, version, labels };
  }

  /** The owner keeps its own PHR, r, C and R_P of the latest version of each partition. */
  holdings(): Holding[] {
    const out = this.keyHoldings();
    for (const p of this.parts.values()) {
      const { label: i } = p.binding;
      const f = versionName(p.binding.file, p.binding.version);
      out.push(holding(tok.PHR(f, i), p.phr));
      if (p.r !== undefined) out.push(holding(tok.r(f, i), encodeScalar(p.r)));
      if (p.c) out.push(holding(tok.C(f, i), p.c));
      if (p.rp) out.push(holding(tok.RP(f, i), p.rp));
    }
    return out;
  }

  stateDigest(): string {
    const held = digestHoldings(this.holdings());
    return JSON.stringify({ versions: [...this.versions], held });
  }

  /** The loaded partition; with `version`, only if that is the version loaded (an update replaced the older one). */
  private part(file: string, label: string, version?: number): Part {
    const p = this.parts.get(partKey(file, label));
    if (!p) throw new SesphrError('WRONG_STEP', `PHR(${file},${label}): no loaded partition (loadPHR first)`, tok.PHR(file, label));
    if (version !== undefined && p.binding.version !== version)
      // an older version is stale; a later one is not loaded yet
      throw new SesphrError(version < p.binding.version ? 'STALE_VERSION' : 'WRONG_STEP', `PHR(${versionName(file, version)},${label}): the loaded version is ${p.binding.version}`, tok.PHR(file, label));
    return p;
  }
}
