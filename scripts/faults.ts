// Seeded faults for the mutation score: each is a set of party constructors
// (conformance/world.ts Makers) whose subclasses misbehave in ONE way. They live here, in script
// code, and reach into the parties' private state at runtime only where the fault needs it; the
// shipped implementation's normal paths are never edited.
import {
  Cloud, NONCE_BYTES, PatientClient, Srs, UserClient, computeRU, decodeKey, decodeRP, deterministicRandom, encodeKey, encodeGT, maskFor,
  membershipKey, partKey, rekeyFromPublic, rekeyFromSecrets, sealPartition, holding, type Holding, type RURequestOptions, type SrsOptions, type WindowSpec,
} from '../impl/index.js';
import { HONEST, type Makers } from '../conformance/world.js';

export interface Fault {
  readonly id: string;
  readonly describe: string;
  readonly make: Makers;
}

/** Runtime access to a party's private fields: only faults do this. */
const inner = (x: object) => x as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

class SkipAclSrs extends Srs {
  override requestRU(user: string, file: string, label: string, want?: RURequestOptions) {
    const res = super.requestRU(user, file, label, want);
    if (res.granted || res.code !== 'NOT_GRANTED') return res;
    const me = inner(this);
    const rec = me.parts.get(partKey(file, label));
    const rk = me.rks.get(membershipKey(rec.owner, user)) ?? me.rekeyFromSecrets(rec.owner, user);
    if (!rk) return res;
    return { granted: true as const, owner: rec.owner, file, label, version: rec.version, ru: encodeGT(computeRU(decodeRP(rec.rp, 'RP'), rk)) };
  }
}

class RevokeKeepsAclSrs extends Srs {
  override revoke(owner: string, user: string, generation?: number): void {
    const entry = inner(this).members.get(membershipKey(owner, user));
    super.revoke(owner, user, generation);
    if (entry) inner(this).members.set(membershipKey(owner, user), entry);
  }
}

class RevokeKeepsKeysSrs extends Srs {
  override revoke(owner: string, user: string, generation?: number): void {
    const me = inner(this);
    // the key pair is the user's, RK is per membership
    const kept = ([['sks', user], ['pks', user], ['rks', membershipKey(owner, user)]] as const).map(([k, key]) => [k, key, me[k].get(key)] as const);
    super.revoke(owner, user, generation);
    for (const [k, key, v] of kept) if (v !== undefined) me[k].set(key, v);
  }
}

class AadWithoutLabelPatient extends PatientClient {
  override encryptPartition(file: string, label: string): void {
    const p = inner(this).parts.get(partKey(file, label));
    if (!p || p.r === undefined || p.c) return super.encryptPartition(file, label);
    p.c = sealPartition(maskFor(p.r), { ...p.binding, label: '' }, p.phr, inner(this).rng.bytes(NONCE_BYTES));
  }
}

class KeyReusePatient extends PatientClient {
  override drawR(file: string, label: string): void {
    super.drawR(file, label);
    const parts = inner(this).parts as Map<string, { binding: { file: string; label: string }; r?: bigint }>;
    const first = [...parts.values()].find((p) => p.binding.file === file && p.binding.label !== label && p.r !== undefined);
    if (first) parts.get(partKey(file, label))!.r = first.r;
  }
}

// Keys or randomness that coincide where the model's are distinct atoms.

/** The r of another file's partition with the same label, when there is one. */
class RAcrossFilesPatient extends PatientClient {
  override drawR(file: string, label: string): void {
    super.drawR(file, label);
    const parts = inner(this).parts as Map<string, { binding: { file: string; label: string }; r?: bigint }>;
    const other = [...parts.values()].find((p) => p.binding.label === label && p.binding.file !== file && p.r !== undefined);
    if (other) parts.get(partKey(file, label))!.r = other.r;
  }
}

/** r from a generator seeded with a constant at each draw (a client that reseeds per upload). */
class FixedSeedRPatient extends PatientClient {
  override drawR(file: string, label: string): void {
    super.drawR(file, label);
    inner(this).parts.get(partKey(file, label)).r = deterministicRandom('sesphr/r').scalar();
  }
}

/** Owner-keys: every user client draws its key pair from the same fixed seed. */
class FixedSeedKeysUser extends UserClient {
  override genKey(): void {
    if (this.variant === 'owner-keys') inner(this).rng = deterministicRandom('sesphr/keys');
    super.genKey();
  }
}

/** srs-keys: the SRS hands each principal after the first the key pair it drew first. */
class SharedKeyPairSrs extends Srs {
  override genKey(x: string, generation?: number): void {
    super.genKey(x, generation);
    const me = inner(this);
    const [first] = me.sks.keys();
    if (first !== x) { me.sks.set(x, me.sks.get(first)); me.pks.set(x, me.pks.get(first)); }
  }
}

/** The SRS keeps the first RK it is given or forms and hands it for every later user. */
class SharedRkSrs extends Srs {
  constructor(o: SrsOptions) {
    super(o);
    const rks = inner(this).rks as Map<string, unknown>;
    const set = rks.set.bind(rks);
    let first: unknown;
    rks.set = (u: string, rk: unknown) => set(u, (first ??= rk));
  }
}

/** RK(u) formed for another principal: from its secret (srs-keys, at the SRS) or its public key
 *  (owner-keys, at the owner): the other user with keys, else the owner. */
class WrongUserRkSrs extends Srs {
  constructor(o: SrsOptions) {
    super(o);
    const me = inner(this);
    me.rekeyFromSecrets = (owner: string, user: string) => {
      const xP = me.sks.get(owner);
      const other = [...me.sks.keys()].find((x: string) => x !== user && x !== owner) ?? owner;
      return xP === undefined || !me.sks.has(user) ? undefined : rekeyFromSecrets(xP, me.sks.get(other));
    };
  }
}
class WrongUserRkPatient extends PatientClient {
  override approve(user: string, window?: WindowSpec, generation?: number): void {
    if (this.variant === 'srs-keys') return super.approve(user, window, generation);
    const srs = inner(this).srs as Srs;
    srs.checkApprove(this.id, user, generation);
    const pks = inner(srs).pks as Map<string, unknown>;
    const other = [...pks.keys()].find((x) => x !== user && x !== this.id) ?? this.id;
    const pk = other === this.id ? inner(this).pk : decodeKey(srs.publicKey(other), `pk(${other})`);
    srs.approve(this.id, user, encodeKey(rekeyFromPublic(pk, inner(this).secret())), window, generation);
  }
}

/** A cloud that keeps key material it is handed, and lists it. */
class KeyHoldingCloud extends Cloud {
  readonly keys = new Map<string, Uint8Array>();
  override holdings(): Holding[] {
    return [...super.holdings(), ...[...this.keys].map(([t, b]) => holding(t, b))];
  }
}
class KeyHandingPatient extends PatientClient {
  override sendC(file: string, label: string): void {
    super.sendC(file, label);
    const p = inner(this).parts.get(partKey(file, label));
    const cloud = inner(this).cloud;
    if (cloud instanceof KeyHoldingCloud) cloud.keys.set(`key(${file},${label})`, encodeGT(maskFor(p.r)));
  }
}

class NeverForgetsUser extends UserClient {
  override forget(): void {}
}

export const FAULTS: readonly Fault[] = [
  { id: 'srs-skips-acl', describe: 'the SRS issues R^U for partitions the ACL does not grant', make: { ...HONEST, srs: (o) => new SkipAclSrs(o) } },
  { id: 'revoke-keeps-acl', describe: 'revocation leaves the user\'s ACL entry (membership and labels)', make: { ...HONEST, srs: (o) => new RevokeKeepsAclSrs(o) } },
  { id: 'revoke-keeps-keys', describe: 'revocation leaves the user\'s keys and RK at the SRS', make: { ...HONEST, srs: (o) => new RevokeKeepsKeysSrs(o) } },
  { id: 'aad-omits-label', describe: 'the AEAD associated data omits the partition label', make: { ...HONEST, patient: (id, o) => new AadWithoutLabelPatient(id, o) } },
  { id: 'key-reused', describe: 'one partition key (one r) reused across the partitions of a file', make: { ...HONEST, patient: (id, o) => new KeyReusePatient(id, o) } },
  { id: 'cloud-gets-key', describe: 'the owner hands the cloud each partition key Z^r with C', make: { ...HONEST, cloud: () => new KeyHoldingCloud(), patient: (id, o) => new KeyHandingPatient(id, o) } },
  { id: 'from-join-date-ignored', describe: 'the SRS applies the history policy whatever was configured', make: { ...HONEST, srs: (o) => new Srs({ ...o, policy: 'history' }) } },
  { id: 'r-reused-across-files', describe: 'the owner reuses r for the same label across two files', make: { ...HONEST, patient: (id, o) => new RAcrossFilesPatient(id, o) } },
  { id: 'r-fixed-seed', describe: 'the owner draws every r from a generator reseeded with a constant', make: { ...HONEST, patient: (id, o) => new FixedSeedRPatient(id, o) } },
  { id: 'keys-fixed-seed', describe: 'owner-keys: every user client draws its key pair from the same fixed seed', make: { ...HONEST, user: (id, o) => new FixedSeedKeysUser(id, o) } },
  { id: 'srs-shared-key-pair', describe: 'srs-keys: the SRS hands later principals the first key pair it drew', make: { ...HONEST, srs: (o) => new SharedKeyPairSrs(o) } },
  { id: 'srs-shared-rk', describe: 'the SRS keeps one RK and uses it for every user', make: { ...HONEST, srs: (o) => new SharedRkSrs(o) } },
  { id: 'rk-wrong-user', describe: 'RK(u) is formed for another principal (its secret or public key)', make: { ...HONEST, srs: (o) => new WrongUserRkSrs(o), patient: (id, o) => new WrongUserRkPatient(id, o) } },
  { id: 'user-never-forgets', describe: 'an honest departure leaves the user client\'s bytes in place', make: { ...HONEST, user: (id, o) => new NeverForgetsUser(id, o) } },
];
