// The Setup and Re-encryption Server (Sec. 3.1, 3.4-3.7): keys (srs-keys) or public keys only
// (owner-keys), the ACL, the owners' R_P values, the logical clock, and R_U on request.
// Its API takes only strings and validated group elements (pk and RK 48 bytes, R_P 96): there is no
// method through which a sealed partition C or plaintext could reach it.
import { checkConfig, checkRole, type OwnerConfig, type Policy, type Role, type Variant } from './access.js';
import { decide, type Member, type PartitionRecord, type Window } from './acl.js';
import type { AuditFacts, AuditLog } from '../modules/audit.js';
import { checkId } from '../scheme/binding.js';
import { SesphrError, type ErrorCode } from '../errors.js';
import { checkScalar, encodeGT, encodeScalar } from '../group/group.js';
import { KEY_GROUP, decodeKey, decodeRP, encodeKey, type KeyPoint, type RPPoint } from '../scheme/placement.js';
import type { GroupPool } from '../group/parallel.js';
import { sha256Hex } from '../digest.js';
import { HoldsSecrets } from '../secrets.js';
import { digestHoldings, generationName, holding, partKey, tok, versionName, type Holding, type HoldsBytes } from '../holdings.js';
import { systemRandom, type RandomSource } from '../scheme/random.js';
import { computeRU, keyGen, rekeyFromSecrets } from '../scheme/scheme.js';

export interface SrsOptions {
  variant: Variant;
  policy: Policy;
  /** Key generation randomness (srs-keys). Defaults to the operating system's. */
  rng?: RandomSource;
  /** audit module: every security-relevant event is appended here. Off by default. */
  audit?: AuditLog;
}

/** A time-bounded grant (time module): epochs on this SRS's clock; start defaults to now, end to none. */
export interface WindowSpec {
  start?: number;
  end?: number;
}

/** Rule 24 in srs-keys: what the SRS sends to party x (the public parameters g1, g2, Z are fixed). */
export interface KeyBundle {
  principal: string;
  sk: Uint8Array;
  pk: Uint8Array;
}

/** Rule 29's message: R_P of one partition, never C. */
export interface RPMessage {
  owner: string;
  file: string;
  label: string;
  version: number;
  rp: Uint8Array;
}

/** What a client states about the request: the key generation it holds and the version of the
 *  partition it asks for (both optional: absent, the current ones). */
export interface RURequestOptions {
  generation?: number;
  version?: number;
}

export type RUResponse =
  | { granted: true; owner: string; file: string; label: string; version: number; ru: Uint8Array }
  | { granted: false; code: ErrorCode; reason: string };

export class Srs extends HoldsSecrets implements HoldsBytes {
  readonly variant: Variant;
  readonly policy: Policy;
  private readonly rng: RandomSource;
  private readonly audit: AuditLog | undefined;
  private clock = 0;
  private readonly owners = new Map<string, OwnerConfig>();
  /** one membership per (owner, user): a user may be in several owners' circles (the doctor of two patients) */
  private readonly members = new Map<string, Member>();
  /** the same memberships by user, then owner, each user's in registration order: whether x is a
   *  member anywhere, and of which circles, without a look through every owner or every member */
  private readonly circles = new Map<string, Map<string, Member>>();
  /** for each user, the owners that revoked it (until it re-joins them): "revoked by this owner"
   *  and "revoked by some owner" both without a walk over the owners or the pairs, which grow
   *  with the patients an SRS serves */
  private readonly revokedBy = new Map<string, Set<string>>();
  /** each user's current key generation (absent: 1): it grows when a revoked user re-joins */
  private readonly generations = new Map<string, number>();
  private readonly sks = new Map<string, bigint>();
  /** public keys as their bytes: the SRS hands them out and never computes with them */
  private readonly pks = new Map<string, Uint8Array>();
  /** RK_{owner->user} by (owner, user) */
  private readonly rks = new Map<string, KeyPoint>();
  private readonly parts = new Map<string, PartitionRecord>();
  private readonly fileOwner = new Map<string, string>();
  /** R_P decoded and validated once, at storeRP: requests pair the stored point directly. */
  private readonly rpPoints = new WeakMap<PartitionRecord, RPPoint>();

  constructor(opts: SrsOptions) {
    super();
    this.variant = opts.variant;
    this.policy = opts.policy;
    this.rng = opts.rng ?? systemRandom();
    this.audit = opts.audit;
    // A restart shows in the chain: the new SRS's first entry, at its epoch 0.
    this.audit?.append({ event: 'srs-start', epoch: 0, code: `${this.variant}.${this.policy}` });
  }

  /** The logical clock: advances by one on every state-changing SRS event. */
  get epoch(): number {
    return this.clock;
  }
  /** Lets tests and scenarios separate events in time without any other effect. */
  tick(): number {
    return ++this.clock;
  }

  // ---- registration and keys (rules 23, 24; Sec. 3.6) ------------------------------------------

  /** Register(P): the patient's partitions, labels and default access per role. */
  registerOwner(owner: string, config?: Partial<OwnerConfig>): void {
    checkId(owner, 'owner');
    if (this.owners.has(owner) || this.circles.has(owner)) throw new SesphrError('DUPLICATE_OWNER', `owner: ${owner} is already registered`, owner);
    const cfg = checkConfig(config);
    this.log({ event: 'register-owner', actor: owner });
    this.owners.set(owner, cfg);
    this.tick();
  }

  /**
   * Register(u): a user asks to join an owner's circle under a role; the owner approves later.
   * A user this owner revoked may join again (re-joining), as a new member with a fresh key pair:
   * its key generation grows by one, which needs the previous pair retired (the user a member of
   * no circle any more). A client may state the generation it registers with (`generation`); a
   * registration for any other generation than the SRS would give is refused.
   */
  register(user: string, owner: string, role: Role, generation?: number): number {
    checkId(user, 'user');
    checkRole(role);
    this.ownerConfig(owner);
    if (this.members.has(membershipKey(owner, user)) || this.owners.has(user)) throw new SesphrError('DUPLICATE_USER', `user: ${user} is already registered`, user);
    const current = this.generationOf(user);
    const rejoin = this.isRevoked(owner, user);
    if (generation !== undefined && generation > current && !rejoin)
      throw new SesphrError('WRONG_STEP', `register: key generation ${generation} of ${user} joins only after ${owner} revoked generation ${current}`, user);
    const gen = rejoin ? current + 1 : current;
    // a generation that registered with this owner already is a duplicate, whatever else holds
    if (generation !== undefined && generation !== gen)
      throw new SesphrError(generation < gen ? 'DUPLICATE_USER' : 'WRONG_STEP', `register: ${user}'s next registration with ${owner} is key generation ${gen}, not ${generation}`, user);
    if (rejoin) {
      const still = this.membershipsOf(user).find((m) => m.approved);
      if (still) throw new SesphrError('WRONG_STEP', `register: ${user} re-joins with a fresh key pair, but its current one still serves ${still.owner}`, user);
    }
    this.log({ event: 'register', actor: user, subject: owner, code: role });
    const member: Member = { user, owner, role, approved: false, joinEpoch: undefined, labels: new Set(), generation: gen };
    this.members.set(membershipKey(owner, user), member);
    const circles = this.circles.get(user);
    if (circles) circles.set(owner, member);
    else this.circles.set(user, new Map([[owner, member]]));
    this.unmarkRevoked(owner, user);
    if (gen > 1) this.generations.set(user, gen);
    this.tick();
    return gen;
  }

  /** A client stating its key generation is served only for the current one: an earlier one was
   *  revoked, a later one has not registered. */
  private checkGeneration(x: string, generation: number | undefined): void {
    const gen = this.generationOf(x);
    if (generation === undefined || generation === gen) return;
    if (generation < gen) throw new SesphrError('REVOKED', `${x}'s key generation ${generation} was revoked`, x);
    throw new SesphrError('NOT_REGISTERED', `${x} has not registered key generation ${generation}`, x);
  }

  /** Whether the SRS holds x's secret key (srs-keys): a store that keeps what it drew can erase
   *  it once this turns false. */
  holdsSecretKey(x: string): boolean {
    return this.sks.has(x);
  }

  /** u's current key generation (1 unless it re-joined after a revocation). */
  generationOf(user: string): number {
    return this.generations.get(user) ?? 1;
  }

  /** Gen_Key(x), rule 23, srs-keys only: the SRS draws x's key pair and keeps it. */
  genKey(x: string, generation?: number): void {
    this.requireVariant('srs-keys', 'Gen_Key at the SRS');
    // a generation not registered yet is refused as such before x's standing is looked at
    this.checkGeneration(x, generation);
    this.principal(x);
    if (this.sks.has(x)) throw new SesphrError('WRONG_STEP', `Gen_Key(${x}): keys already generated`, x);
    const kp = keyGen(this.rng);
    this.log({ event: 'key-generated', subject: x });
    this.sks.set(x, kp.sk);
    this.pks.set(x, encodeKey(kp.pk));
    this.tick();
  }

  /**
   * Gen_Key for many principals, the multiplications spread over a pool's threads (tools/pool.ts).
   * Every check runs first (nothing changes if one fails); then the keys are drawn in order from
   * the same source, so the SRS ends exactly as after genKey on each in order.
   */
  async genKeys(xs: readonly string[], pool: GroupPool): Promise<void> {
    this.requireVariant('srs-keys', 'Gen_Key at the SRS');
    const seen = new Set<string>();
    for (const x of xs) {
      this.principal(x);
      if (this.sks.has(x) || seen.has(x)) throw new SesphrError('WRONG_STEP', `Gen_Key(${x}): keys already generated`, x);
      seen.add(x);
    }
    // Drawn in order from the SRS's source while the pool's workers multiply the first ones; then
    // this thread multiplies beside them
    const sks: bigint[] = [];
    const pks = await pool.mulBase(KEY_GROUP, xs.length, () => {
      const sk = this.rng.scalar();
      checkScalar(sk, 'sk');
      sks.push(sk);
      return sk;
    });
    for (const x of xs) if (this.sks.has(x)) throw new SesphrError('WRONG_STEP', `Gen_Key(${x}): keys already generated`, x);
    xs.forEach((x, i) => {
      this.log({ event: 'key-generated', subject: x });
      this.sks.set(x, sks[i]!);
      this.pks.set(x, pks[i]!);
      this.tick();
    });
  }

  /** Send_Keys(x), rule 24, srs-keys: sk and pk go to x (the SRS keeps its copy, as printed). */
  sendKeys(x: string, generation?: number): KeyBundle {
    this.requireVariant('srs-keys', 'Send_Keys from the SRS');
    // a stranger is refused as one (over the wire it cannot even sign); for anyone the SRS knows,
    // rule 24 tests only that the SRS holds the pair of that generation
    if (!this.known(x)) throw new SesphrError('NOT_REGISTERED', `${x} is neither a registered owner nor user`, x);
    const sk = this.sks.get(x);
    if (sk === undefined) throw new SesphrError('MISSING_KEY', `Send_Keys(${x}): no key generated yet`, x);
    if (generation !== undefined && generation !== this.generationOf(x)) throw new SesphrError('MISSING_KEY', `Send_Keys(${x}): no key of generation ${generation}`, x);
    this.principal(x);
    this.log({ event: 'key-issued', subject: x });
    this.tick();
    return { principal: x, sk: encodeScalar(sk), pk: Uint8Array.from(this.pks.get(x)!) };
  }

  /** Send_Keys(x), rule 24, owner-keys: x deposits its own public key g1^x. */
  receivePublicKey(x: string, pk: Uint8Array, generation?: number): void {
    this.requireVariant('owner-keys', 'depositing a public key');
    this.checkGeneration(x, generation);
    this.principal(x);
    decodeKey(pk, tok.pk(x));
    if (this.pks.has(x)) throw new SesphrError('WRONG_STEP', `Send_Keys(${x}): public key already deposited`, x);
    this.log({ event: 'public-key-deposited', actor: x });
    this.pks.set(x, Uint8Array.from(pk));
    this.tick();
  }

  /** Public keys are public: the owner fetches pk_U here to compute RK in owner-keys. */
  publicKey(x: string): Uint8Array {
    const pk = this.pks.get(x);
    if (!pk) throw new SesphrError('MISSING_KEY', `pk(${x}): not known to the SRS`, x);
    return Uint8Array.from(pk);
  }

  // ---- lifecycle (Sec. 3.6, 3.7) -----------------------------------------------------------------

  /** Throws what approve would for who u is, without changing anything: an owner-keys client asks
   *  before it fetches pk_U, so an unregistered user is refused as such and not for a missing key. */
  checkApprove(owner: string, user: string, generation?: number): void {
    this.approvable(owner, user, generation);
  }

  private approvable(owner: string, user: string, generation?: number): Member {
    const m = this.memberOf(owner, user, generation);
    if (m.approved) throw new SesphrError('ALREADY_APPROVED', `approve: ${user} is already approved`, user);
    return m;
  }

  /** Approve(u): membership with the role's default access from this epoch on. srs-keys computes
   *  RK from both secrets (Eq. 14); owner-keys takes the RK the owner computed from pk_U. */
  approve(owner: string, user: string, rk?: Uint8Array, window?: WindowSpec, generation?: number): void {
    const m = this.approvable(owner, user, generation);
    const win = window && this.window(window, this.clock + 1);
    let key: KeyPoint | undefined;
    if (this.variant === 'srs-keys') {
      // Sec. 3.6: "the owner approves; the SRS generates the keys": approval may precede Gen_Key.
      // RK is formed from both secrets as soon as the SRS has them (here, or on the first request).
      key = this.rekeyFromSecrets(owner, user);
    } else {
      if (!this.pks.has(user)) throw new SesphrError('MISSING_KEY', `approve(${user}): ${user} has not deposited its public key`, user);
      if (!rk) throw new SesphrError('MISSING_KEY', `approve(${user}): owner-keys needs the RK the owner computed`, this.rkName(owner, user));
      key = decodeKey(rk, this.rkName(owner, user));
    }
    this.log({ event: 'approve', actor: owner, subject: user, ...(win && { start: win.start, end: win.end === Infinity ? null : win.end }) });
    const epoch = this.tick();
    if (key) this.rks.set(membershipKey(owner, user), key);
    if (win) m.window = win;
    m.approved = true;
    m.joinEpoch = epoch;
    m.labels = new Set(this.ownerConfig(owner).defaultAccess[m.role]);
  }

  /** Grant(u,i): the owner extends u's access beyond its role's default. */
  grant(owner: string, user: string, label: string, window?: WindowSpec, generation?: number): void {
    const m = this.memberOf(owner, user, generation);
    if (!m.approved) throw new SesphrError('NOT_APPROVED', `grant: ${user} is not approved`, user);
    if (!this.ownerConfig(owner).labels.includes(label)) throw new SesphrError('UNKNOWN_LABEL', `grant: unknown partition label "${label}"`, label);
    const win = window && this.window(window, this.clock + 1);
    this.log({ event: 'grant', actor: owner, subject: user, label, ...(win && { start: win.start, end: win.end === Infinity ? null : win.end }) });
    m.labels.add(label);
    if (win) (m.labelWindows ??= new Map()).set(label, win);
    this.tick();
  }

  /** Ungrant(u,i): the owner narrows u's access: label i leaves its ACL entry (nothing is re-keyed
   *  or re-encrypted; what u already holds it keeps, as with a revocation). */
  ungrant(owner: string, user: string, label: string, generation?: number): void {
    const m = this.memberOf(owner, user, generation);
    if (!m.approved) throw new SesphrError('NOT_APPROVED', `ungrant: ${user} is not approved`, user);
    if (!m.labels.has(label)) throw new SesphrError('NOT_GRANTED', `ungrant: ${user} is not granted ${label}`, label);
    this.log({ event: 'ungrant', actor: owner, subject: user, label });
    m.labels.delete(label);
    m.labelWindows?.delete(label);
    this.tick();
  }

  /** Except_Policy(u) (Sec. 3.6, "unless specified otherwise by the PHR owner"): u's backward
   *  access runs the other way than this SRS's policy, for u alone, until u departs. */
  except(owner: string, user: string, generation?: number): void {
    const m = this.memberOf(owner, user, generation);
    if (!m.approved) throw new SesphrError('NOT_APPROVED', `except: ${user} is not approved`, user);
    if (m.excepted) throw new SesphrError('WRONG_STEP', `except: ${user}'s backward access is already excepted`, user);
    this.log({ event: 'except', actor: owner, subject: user });
    m.excepted = true;
    this.tick();
  }

  /** time module: the owner sets (or ends: `{ end: srs.epoch }`) u's window, or one label's. */
  setWindow(owner: string, user: string, window: WindowSpec, label?: string, generation?: number): void {
    const m = this.memberOf(owner, user, generation);
    if (!m.approved) throw new SesphrError('NOT_APPROVED', `setWindow: ${user} is not approved`, user);
    if (label !== undefined && !m.labels.has(label)) throw new SesphrError('NOT_GRANTED', `setWindow: ${user} is not granted ${label}`, label);
    const current = label === undefined ? m.window : m.labelWindows?.get(label);
    // Expiry is final, like a revocation: an ended window is not reopened or moved.
    if (current && this.clock >= current.end) throw new SesphrError('OUTSIDE_WINDOW', `setWindow: ${user}'s window${label ? ` for ${label}` : ''} ended at epoch ${current.end}`, user);
    const win = this.window(window, current?.start ?? m.joinEpoch ?? this.clock);
    this.log({ event: 'window', actor: owner, subject: user, label, start: win.start, end: win.end === Infinity ? null : win.end });
    if (label === undefined) m.window = win;
    else (m.labelWindows ??= new Map()).set(label, win);
    this.tick();
  }

  /** Revoke(u) (Sec. 3.7 departing): delete u's keys, RK and ACL entries; touch nothing else. */
  revoke(owner: string, user: string, generation?: number): void {
    this.memberOf(owner, user, generation);
    this.log({ event: 'revoke', actor: owner, subject: user });
    this.members.delete(membershipKey(owner, user));
    const circles = this.circles.get(user)!;
    circles.delete(owner);
    if (circles.size === 0) this.circles.delete(user);
    // one key pair serves every owner the user is a member of: it goes with the last membership
    if (!this.membershipsOf(user).some((m) => m.approved)) {
      this.sks.delete(user);
      this.pks.delete(user);
    }
    this.rks.delete(membershipKey(owner, user));
    this.markRevoked(owner, user);
    this.tick();
  }

  // ---- R_P and R_U (rules 29, 31, 32) --------------------------------------------------------------

  /** Throws exactly what storeRP would, without changing anything: clients validate first. */
  checkUpload(owner: string, file: string, label: string, version: number): void {
    checkId(file, 'file');
    const cfg = this.ownerConfig(owner);
    if (!cfg.labels.includes(label)) throw new SesphrError('UNKNOWN_LABEL', `RP(${file},${label}): unknown partition label for ${owner}`, label);
    const holder = this.fileOwner.get(file);
    if (holder !== undefined && holder !== owner) throw new SesphrError('FILE_OWNED_BY_OTHER', `file ${file} belongs to another owner`, file);
    const prev = this.parts.get(partKey(file, label));
    // the same version again is a once-only step repeated; an older one is stale
    if (prev && version === prev.version) throw new SesphrError('WRONG_STEP', `RP(${file},${label}): version ${version} is already stored`, tok.RP(file, label));
    if (prev && version < prev.version) throw new SesphrError('STALE_VERSION', `RP(${file},${label}): version ${version} is not newer than ${prev.version}`, tok.RP(file, label));
  }

  /** Throws what checkUpload throws for the first of `uploads` it would refuse, in their order,
   *  without changing anything: a client checks a whole upload before it sends any of it. */
  checkUploads(owner: string, file: string, uploads: readonly { label: string; version: number }[]): void {
    for (const u of uploads) this.checkUpload(owner, file, u.label, u.version);
  }

  /** Send_Ri, rule 29: store R_P with file id and label, recording the upload epoch. */
  storeRP(msg: RPMessage): void {
    const { owner, file, label, version } = msg;
    this.checkUpload(owner, file, label, version);
    const point = decodeRP(msg.rp, tok.RP(file, label));
    this.log({ event: 'rp-stored', actor: owner, file, label, version });
    const uploadEpoch = this.tick();
    this.fileOwner.set(file, owner);
    const rec: PartitionRecord = { owner, file, label, version, rp: Uint8Array.from(msg.rp), uploadEpoch };
    this.parts.set(partKey(file, label), rec);
    this.rpPoints.set(rec, point);
  }

  /** D_R_S (rule 31) if the ACL grants and the policy allows: R_U = e(RK, R_P) (Eq. 15-18);
   *  otherwise D_R_F (rule 32): a refusal with its reason, and nothing changes. */
  requestRU(user: string, file: string, label: string, want?: RURequestOptions): RUResponse {
    const d = this.prepareRU(user, file, label, want);
    if (!d.ok) return d.refusal;
    return this.grantedRU(d.rec, file, label, encodeGT(computeRU(d.rp, d.rk)));
  }

  /**
   * Many R_U requests at once, the pairings spread over a worker pool (tools/pool.ts): the answers and
   * the SRS's state afterwards are exactly those of calling requestRU on each, in order.
   */
  async requestRUBatch(requests: readonly { user: string; file: string; label: string; want?: RURequestOptions }[], pool: GroupPool): Promise<RUResponse[]> {
    const prepared = requests.map((r) => this.prepareRU(r.user, r.file, r.label, r.want));
    const jobs = prepared.flatMap((d) => (d.ok ? [{ p: d.rk, q: d.rp }] : []));
    const rus = await pool.pair(jobs);
    let k = 0;
    return prepared.map((d, i) => (d.ok ? this.grantedRU(d.rec, requests[i]!.file, requests[i]!.label, rus[k++]!) : d.refusal));
  }

  /** Rule 31's decision and the operands of its pairing, or rule 32's refusal. */
  private prepareRU(
    user: string,
    file: string,
    label: string,
    want?: RURequestOptions,
  ): { ok: true; rec: PartitionRecord; rp: RPPoint; rk: KeyPoint } | { ok: false; refusal: RUResponse } {
    const stored = this.parts.get(partKey(file, label));
    // a version other than the stored one (replaced by an update, or not uploaded yet) is not at the SRS
    const rec = want?.version !== undefined && stored && stored.version !== want.version ? undefined : stored;
    const refuse = (code: ErrorCode, reason: string): { ok: false; refusal: RUResponse } => {
      // Ids only: a refused request names who asked for what, never a value.
      this.log({ event: 'r-refused', actor: safeId(user), file: safeId(file), label: safeId(label), code }, this.clock);
      return { ok: false, refusal: { granted: false, code, reason } };
    };
    // with several owners, a partition never stored has no owner whose circle could be checked
    if (!rec && this.owners.size > 1) return refuse('NO_SUCH_PARTITION', `no partition ${label} of file ${file} at the SRS`);
    // the request is to the partition's owner; for an unknown partition (one owner), the user's circle
    const owner = rec?.owner ?? this.membershipsOf(user)[0]?.owner;
    // a key generation the SRS has moved past was revoked; one it has not reached never registered
    const gen = this.generationOf(user);
    if (want?.generation !== undefined && want.generation < gen) return refuse('REVOKED', `${user}'s key generation ${want.generation} was revoked`);
    if (want?.generation !== undefined && want.generation > gen) return refuse('NOT_REGISTERED', `${user} has not registered key generation ${want.generation}`);
    const member = owner === undefined ? undefined : this.members.get(membershipKey(owner, user));
    const elsewhere = member ? undefined : this.membershipsOf(user)[0];
    const d = elsewhere && rec && !this.isRevoked(rec.owner, user)
      ? { ok: false as const, code: 'OTHER_OWNER' as const, reason: `${user} is a member of ${elsewhere.owner}, not of ${rec.owner}` }
      : decide(user, member, owner !== undefined ? this.isRevoked(owner, user) : this.revokedBySome(user), rec, { file, label }, this.policy, this.clock);
    if (!d.ok) return refuse(d.code, d.reason);
    const rk = this.rks.get(membershipKey(rec!.owner, user)) ?? this.rekeyFromSecrets(rec!.owner, user);
    if (!rk) return refuse('MISSING_KEY', `no RK(${user}) yet: Gen_Key has not run for ${user} or its owner`);
    // Fail closed: no R_U leaves the SRS without its log entry written first.
    this.log({ event: 'r-granted', actor: user, file, label, version: rec!.version }, this.clock);
    if (!this.rks.has(membershipKey(rec!.owner, user))) this.rks.set(membershipKey(rec!.owner, user), rk);
    const rp = this.rpPoints.get(rec!) ?? decodeRP(rec!.rp, tok.RP(file, label));
    return { ok: true, rec: rec!, rp, rk };
  }

  private grantedRU(rec: PartitionRecord, file: string, label: string, ru: Uint8Array): RUResponse {
    return { granted: true, owner: rec.owner, file, label, version: rec.version, ru };
  }

  /** Control data a reader may query: the version and owner the SRS holds for a partition. */
  partition(file: string, label: string): Omit<PartitionRecord, 'rp'> | undefined {
    const rec = this.parts.get(partKey(file, label));
    return rec && { owner: rec.owner, file, label, version: rec.version, uploadEpoch: rec.uploadEpoch };
  }

  /** `partition` for each of `labels` of `file` the SRS holds, in their order (none for the others). */
  partitions(file: string, labels: readonly string[]): Omit<PartitionRecord, 'rp'>[] {
    return labels.flatMap((label) => this.partition(file, label) ?? []);
  }

  /** Owner labels for a client that wants to validate before uploading. */
  labelsOf(owner: string): string[] {
    return [...this.ownerConfig(owner).labels];
  }

  /** u's membership of `owner` (default: its first circle) */
  member(user: string, owner?: string): Readonly<Omit<Member, 'labels'> & { labels: string[] }> | undefined {
    const m = owner === undefined ? this.membershipsOf(user)[0] : this.members.get(membershipKey(owner, user));
    return m && { ...m, labels: [...m.labels].sort() };
  }

  holdings(): Holding[] {
    const out: Holding[] = [];
    for (const [x, sk] of this.sks) out.push(holding(tok.sk(generationName(x, this.generationOf(x))), encodeScalar(sk)));
    for (const [x, pk] of this.pks) out.push(holding(tok.pk(generationName(x, this.generationOf(x))), pk));
    for (const [k, rk] of this.rks) {
      const m = unpair(k);
      out.push(holding(this.rkName(m.owner, m.user), encodeKey(rk)));
    }
    for (const rec of this.parts.values()) out.push(holding(tok.RP(versionName(rec.file, rec.version), rec.label), rec.rp));
    return out;
  }

  /** Every piece of control state, canonically: tests assert a failed call leaves it unchanged. */
  stateDigest(): string {
    const members = [...this.members.values()].map((m) => ({ ...m, labels: [...m.labels].sort(), labelWindows: m.labelWindows && [...m.labelWindows].sort() }));
    const parts = [...this.parts.values()].map((p) => ({ ...p, rp: sha256Hex(p.rp) }));
    const held = digestHoldings(this.holdings());
    return JSON.stringify({ clock: this.clock, owners: [...this.owners], generations: [...this.generations].sort(), members, revoked: [...this.revokedBy].flatMap(([user, owners]) => [...owners].map((o) => membershipKey(o, user))).sort(), parts, files: [...this.fileOwner], held });
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** Appends an entry when audit is on, before the change it records (default epoch: the one the change ticks to). */
  private log(facts: Omit<AuditFacts, 'epoch'>, epoch = this.clock + 1): void {
    this.audit?.append({ ...facts, epoch } as AuditFacts);
  }

  /** A window from a spec: whole epochs, start before end; start defaults to `from`. */
  private window(spec: WindowSpec, from: number): Window {
    const start = spec.start ?? from;
    const end = spec.end ?? Infinity;
    const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
    if (!whole(start) || !(end === Infinity || whole(end)) || end <= start)
      throw new SesphrError('INVALID_CONFIG', `window: expected whole epochs with start < end, got [${start}, ${end})`, 'window');
    return { start, end };
  }

  /** srs-keys, Eq. 14: RK = g1^(x_U/x_P) when the SRS holds both secrets, else undefined. */
  protected publicFace(): Record<string, unknown> {
    return { variant: this.variant, policy: this.policy, epoch: this.clock, owners: this.owners.size, members: this.members.size, partitions: this.parts.size };
  }

  /** RK is no secret from the SRS, which makes or receives it, but it is kept from everyone else. */
  protected withheld(): readonly string[] {
    return this.variant === 'srs-keys' ? ['sk', 'RK'] : ['RK'];
  }

  private rekeyFromSecrets(owner: string, user: string): KeyPoint | undefined {
    if (this.variant !== 'srs-keys') return undefined;
    const xP = this.sks.get(owner);
    const xU = this.sks.get(user);
    return xP === undefined || xU === undefined ? undefined : rekeyFromSecrets(xP, xU);
  }

  private requireVariant(v: Variant, what: string): void {
    if (this.variant !== v) throw new SesphrError('WRONG_VARIANT', `${what} belongs to ${v}, this SRS runs ${this.variant}`);
  }

  private ownerConfig(owner: string): OwnerConfig {
    const cfg = this.owners.get(owner);
    if (!cfg) throw new SesphrError('UNKNOWN_OWNER', `owner: ${owner} is not a registered owner`, owner);
    return cfg;
  }

  /** Whether x is an owner or a member (registered or approved) of some owner. */
  private registered(x: string): boolean {
    return this.owners.has(x) || this.circles.has(x);
  }

  private isRevoked(owner: string, user: string): boolean {
    return this.revokedBy.get(user)?.has(owner) ?? false;
  }

  private markRevoked(owner: string, user: string): void {
    const owners = this.revokedBy.get(user);
    if (owners) owners.add(owner);
    else this.revokedBy.set(user, new Set([owner]));
  }

  /** A user revoked by no owner has no entry, so that `revokedBySome` is whether it has one. */
  private unmarkRevoked(owner: string, user: string): void {
    const owners = this.revokedBy.get(user);
    if (owners?.delete(owner) && owners.size === 0) this.revokedBy.delete(user);
  }

  /** Whether some owner revokes x now. */
  private revokedBySome(x: string): boolean {
    return this.revokedBy.has(x);
  }

  /** Whether x ever registered here: registered now, or revoked. */
  private known(x: string): boolean {
    return this.registered(x) || this.revokedBySome(x);
  }

  private principal(x: string): void {
    if (this.registered(x)) return;
    // a user every owner of it has revoked is refused as revoked, not as a stranger
    if (this.revokedBySome(x)) throw new SesphrError('REVOKED', `${x} was revoked and is no registered user`, x);
    throw new SesphrError('NOT_REGISTERED', `${x} is neither a registered owner nor user`, x);
  }

  /** Every circle u is in (registered or approved), in registration order. */
  private membershipsOf(user: string): Member[] {
    const circles = this.circles.get(user);
    return circles ? [...circles.values()] : [];
  }

  /** RK's token name: `RK(u)` while the SRS serves one owner (the paper's setting), `RK(P,u)` with several. */
  private rkName(owner: string, user: string): string {
    const u = generationName(user, this.generationOf(user));
    return this.owners.size > 1 ? tok.RK(u, owner) : tok.RK(u);
  }

  /** u's membership of `owner`; with `generation`, only if it is that key generation's (the owner
   *  acts on the member it approved: an earlier generation was revoked, a later one never joined). */
  private memberOf(owner: string, user: string, generation?: number): Member {
    this.ownerConfig(owner);
    const m = this.members.get(membershipKey(owner, user));
    const gen = m?.generation ?? this.generationOf(user);
    if (generation !== undefined && generation < gen) throw new SesphrError('REVOKED', `${user}'s key generation ${generation} was revoked`, user);
    if (generation !== undefined && generation > gen) throw new SesphrError('NOT_REGISTERED', `${user} has not registered key generation ${generation}`, user);
    if (m) return m;
    if (this.isRevoked(owner, user)) throw new SesphrError('REVOKED', `${user} is not a registered user`, user);
    const other = this.membershipsOf(user)[0];
    if (other) throw new SesphrError('OTHER_OWNER', `${user} is a member of ${other.owner}, not of ${owner}`, user);
    throw new SesphrError('NOT_REGISTERED', `${user} is not a registered user`, user);
  }
}

/** The key of one membership (and of its RK): ids never contain a NUL. */
export const membershipKey = (owner: string, user: string) => `${owner}\u0000${user}`;
const unpair = (k: string) => {
  const [owner, user] = k.split('\u0000');
  return { owner: owner!, user: user! };
};

/** An id as given, or a fixed placeholder when it is not a valid id (a refused request may name anything). */
function safeId(s: string): string {
  try {
    return checkId(s, 'id');
  } catch {
    return 'invalid-id';
  }
}
