// The user client (Sec. 3.5): downloads C (rule 30), asks the SRS for R_U (rules 31/32), and
// decrypts (rule 33, Eq. 19-22) with its own secret key. It keeps exactly what it received; an
// honest departing user calls forget(), an adversarial revoked one simply keeps its bytes.
import type { Role } from './access.js';
import { openPartition, type Mask } from '../scheme/aead.js';
import type { Binding } from '../scheme/binding.js';
import { SesphrError, isSesphrError, type ErrorCode } from '../errors.js';
import { decodeGT, type GT } from '../group/group.js';
import { digestHoldings, holding, partKey, splitPartKey, tok, versionName, type Holding, type HoldsBytes } from '../holdings.js';
import { sealedHeader } from '../scheme/binding.js';
import { Principal } from './principal.js';
import { maskExponent, recoverMask } from '../scheme/scheme.js';
import type { GroupPool } from '../group/parallel.js';
import type { RUResponse } from './srs.js';

export type ReadOutcome =
  | { label: string; status: 'read'; bytes: Uint8Array; version: number }
  | { label: string; status: 'refused'; code: ErrorCode; reason: string };

export class UserClient extends Principal implements HoldsBytes {
  private readonly cs = new Map<string, Uint8Array>();
  /** R_U with the binding the SRS stated for it (owner, version): what decryption expects. */
  private readonly rus = new Map<string, { ru: Uint8Array; value?: GT; binding: Binding }>();
  private readonly plain = new Map<string, Uint8Array>();
  /** the version of each (file, label) this client last downloaded or was granted */
  private readonly latest = new Map<string, number>();

  protected override publicFace(): Record<string, unknown> {
    return { ...super.publicFace(), downloaded: this.cs.size, granted: this.rus.size };
  }

  protected override withheld(): readonly string[] {
    return [...super.withheld(), 'R_U', 'PHR'];
  }

  /** Register(u): join `owner`'s circle under `role`; the owner approves. Re-joining after a
   *  revocation is a registration of the next key generation (Srs.register). */
  register(owner: string, role: Role): void {
    this.generation = this.srs.register(this.id, owner, role, this.statedGeneration) ?? this.generation;
  }

  /** D_C, rule 30 (of one `version`, or of what the cloud stores now). Every version is kept apart. */
  downloadC(file: string, label: string, version?: number): void {
    const c = this.cloud.get(file, label, version);
    const v = version ?? sealedVersion(c);
    this.cs.set(partKey(versionName(file, v), label), c);
    this.latest.set(partKey(file, label), v);
  }

  /** D_R_S / D_R_F, rules 31/32 (of one `version`, or of the SRS's current one), stating this
   *  client's key generation: R_U is kept only if granted (and validated as a GT element). */
  requestRU(file: string, label: string, version?: number): RUResponse {
    const res = this.srs.requestRU(this.id, file, label, { generation: this.generation, ...(version !== undefined && { version }) });
    if (res.granted) this.keepRU(file, label, res);
    return res;
  }

  /** A granted R_U kept, validated as a GT element here unless a worker did (`validated`). */
  private keepRU(file: string, label: string, res: Extract<RUResponse, { granted: true }>, validated = false): void {
    const f = versionName(file, res.version);
    const value = validated ? undefined : decodeGT(res.ru, tok.RU(this.name, f, label));
    this.rus.set(partKey(f, label), { ru: res.ru, value, binding: { owner: res.owner, file, label, version: res.version } });
    this.latest.set(partKey(file, label), res.version);
  }

  /** Decrypt_ri, rule 33: Z^r = R_U^(1/x_U) (Eq. 19-20), then open C (Eq. 21-22); of one
   *  `version`, or of the one this client last downloaded or was granted. */
  decrypt(file: string, label: string, version?: number): Uint8Array {
    const k = partKey(versionName(file, version ?? this.latest.get(partKey(file, label)) ?? 1), label);
    const c = this.heldC(k, file, label);
    const got = this.rus.get(k);
    if (!got) throw new SesphrError('NOT_GRANTED', `Decrypt_ri(${file},${label}): no R_U held`, tok.RU(this.name, file, label));
    // an R_U validated by a worker (requestAndDecrypt) is kept as its bytes: validated again here
    const mask = recoverMask(got.value ?? decodeGT(got.ru, tok.RU(this.name, versionName(file, got.binding.version), label)), this.secret());
    return this.open(k, got.binding, c, mask);
  }

  private heldC(k: string, file: string, label: string): Uint8Array {
    const c = this.cs.get(k);
    if (!c) throw new SesphrError('WRONG_STEP', `Decrypt_ri(${file},${label}): no C downloaded`, tok.C(file, label));
    return c;
  }

  private open(k: string, binding: Binding, c: Uint8Array, mask: Mask): Uint8Array {
    const pt = openPartition(mask, binding, c);
    this.plain.set(k, pt);
    return pt;
  }

  /**
   * Rules 31-33 for `labels` of `file` (each of the SRS's current version, whose C this client has
   * downloaded), with the SRS's pairings and this client's validation of R_U and R_U^(1/x_U) spread
   * over a worker pool: in one process the SRS and the client share it, deployed each has its own.
   * The outcomes and every party's state afterwards are those of requestRU then decrypt per label.
   */
  async requestAndDecrypt(file: string, labels: readonly string[], pool: GroupPool): Promise<ReadOutcome[]> {
    const want = { generation: this.generation };
    const answers = await this.srs.requestRUBatch(labels.map((label) => ({ user: this.id, file, label, want })), pool);
    const granted = answers.flatMap((res, i) => (res.granted ? [{ res, label: labels[i]! }] : []));
    const outcome = new Map<string, ReadOutcome>();
    const refused = (label: string, e: unknown) => {
      if (!isSesphrError(e)) throw e;
      outcome.set(label, { label, status: 'refused', code: e.code, reason: e.message });
    };
    const sk = this.heldSecret();
    if (granted.length && sk === undefined) {
      // as decrypt per label: each R_U kept, then its C looked for, then the key found missing
      for (const { res, label } of granted) {
        try {
          this.keepRU(file, label, res);
          this.heldC(partKey(versionName(file, res.version), label), file, label);
          this.secret();
        } catch (e) {
          refused(label, e);
        }
      }
    }
    const open = sk === undefined ? [] : granted;
    const k = sk === undefined ? 0n : maskExponent(sk);
    const masks = await pool.powGT(open.map(({ res, label }) => ({ a: res.ru, field: tok.RU(this.name, versionName(file, res.version), label), k })));
    open.forEach(({ res, label }, i) => {
      const m = masks[i]!;
      if (!m.ok) return void outcome.set(label, { label, status: 'refused', code: m.code, reason: m.message });
      const key = partKey(versionName(file, res.version), label);
      const binding = { owner: res.owner, file, label, version: res.version };
      this.keepRU(file, label, res, true);
      try {
        outcome.set(label, { label, status: 'read', bytes: this.open(key, binding, this.heldC(key, file, label), m.value), version: res.version });
      } catch (e) {
        refused(label, e);
      }
    });
    return answers.map((res, i) => (res.granted ? outcome.get(labels[i]!)! : { label: labels[i]!, status: 'refused', code: res.code, reason: res.reason }));
  }

  /** Rules 30-33 for every partition the cloud stores for `file`: read, or refused with a reason. */
  readAll(file: string): ReadOutcome[] {
    return this.cloud.labels(file).map((label): ReadOutcome => {
      try {
        this.downloadC(file, label);
        const served = this.latest.get(partKey(file, label));
        const res = this.requestRU(file, label);
        if (!res.granted) return { label, status: 'refused', code: res.code, reason: res.reason };
        // The SRS binds R_U to its current version; C of another version (a cloud that rolled the
        // partition back, or a stale copy) cannot open under that binding.
        if (served !== res.version)
          throw new SesphrError('AUTH_FAILED', `Decrypt_ri(${file},${label}): the cloud served version ${served}, the SRS binds version ${res.version}`, tok.C(file, label));
        return { label, status: 'read', bytes: this.decrypt(file, label, res.version), version: res.version };
      } catch (e) {
        if (!isSesphrError(e)) throw e;
        return { label, status: 'refused', code: e.code, reason: e.message };
      }
    });
  }

  /** Honest departure: wipe keys, R_U, C and plaintexts. Leaving one owner's circle while staying in
   *  another's: wipe only that owner's `files` and keep the key pair the other circle still needs. */
  forget(only?: { readonly files: readonly string[]; readonly keepKeys: boolean }): void {
    if (!only?.keepKeys) {
      this.sk = undefined;
      this.pk = undefined;
    }
    const ofFiles = (f: string) => !only || only.files.includes(f) || only.files.includes(f.replace(/~\d+$/, ''));
    for (const m of [this.cs, this.rus, this.plain] as Map<string, unknown>[])
      for (const k of [...m.keys()]) if (ofFiles(splitPartKey(k)[0])) m.delete(k);
  }

  /** An honest member whose owner took label i back drops what it held of i (every version; of
   *  that owner's `files` only, when given: the same label of another owner stays). */
  forgetLabel(label: string, files?: readonly string[]): void {
    const ofFiles = (f: string) => !files || files.includes(f) || files.includes(f.replace(/~\d+$/, ''));
    for (const m of [this.cs, this.rus, this.plain] as Map<string, unknown>[])
      for (const k of [...m.keys()]) if (splitPartKey(k)[1] === label && ofFiles(splitPartKey(k)[0])) m.delete(k);
  }

  holdings(): Holding[] {
    const out = this.keyHoldings();
    for (const [k, c] of this.cs) out.push(holding(tok.C(...splitPartKey(k)), c));
    for (const [k, v] of this.rus) out.push(holding(tok.RU(this.name, ...splitPartKey(k)), v.ru));
    for (const [k, p] of this.plain) out.push(holding(tok.PHR(...splitPartKey(k)), p));
    return out;
  }

  stateDigest(): string {
    return JSON.stringify(digestHoldings(this.holdings()));
  }
}

/** The version C's sealed header names. */
function sealedVersion(c: Uint8Array): number {
  return sealedHeader(c, 'C').version;
}
