// The cloud (Sec. 3.1): an untrusted store of sealed partitions by (file, label). It never holds a
// key or control data. Each object is kept with its SHA-256 so storage corruption is detected on
// read; this is not a defence against a malicious cloud (it could recompute the digest) - that is
// the AEAD's job, which the reader checks against the SRS's record.
import { sha256Hex } from '../digest.js';
import { checkId, sealedHeader } from '../scheme/binding.js';
import { SesphrError } from '../errors.js';
import { holding, partKey, tok, versionName, type Holding, type HoldsBytes } from '../holdings.js';
import { levels, prove, type BlockProof } from '../modules/merkle.js';

interface StoredObject {
  owner: string;
  file: string;
  label: string;
  /** the version C's sealed header names, read on receipt */
  version: number;
  sha256: string;
  /** C itself, where this cloud keeps the bytes (not with CloudOptions.bytes) */
  c?: Uint8Array;
  /** tpa module: the Merkle tree of C computed on receipt, from which challenges are answered */
  tree?: Uint8Array[][];
}

/** Where a cloud's bytes live when not in its own memory: a service's files. */
export interface CloudBytes {
  /** C(f,i) as stored now; undefined when there is none */
  read(file: string, label: string): Uint8Array | undefined;
}

/** The version C's sealed header names (1 for bytes that are no sealed partition: a test's garbage). */
function sealedVersion(c: Uint8Array): number {
  try {
    return sealedHeader(c, 'C').version;
  } catch {
    return 1;
  }
}

export interface CloudOptions {
  /** tpa module: keep each object's Merkle tree, computed on receipt, to answer TPA challenges */
  merkleTrees?: boolean;
  /** C is kept there, and this cloud keeps only what its rules read (ids, owner, sealed version,
   *  digest): a service that stores C durably holds no second copy of every object in memory */
  bytes?: CloudBytes;
  /** the largest C this cloud takes (a service's limit on a request's body); none: any */
  maxObjectBytes?: number;
}

export class Cloud implements HoldsBytes {
  private readonly objects = new Map<string, StoredObject>();
  /** each file's owner and its labels in the order first stored: a put's ownership check and a
   *  manifest read cost the same however many objects the cloud holds */
  private readonly files = new Map<string, { owner: string; labels: Set<string> }>();
  private readonly trees: boolean;
  private readonly source?: CloudBytes;
  /** the largest C this cloud takes, if it has a limit: an owner checks every partition against it before sending any */
  readonly maxObjectBytes?: number;

  constructor(opts: CloudOptions = {}) {
    this.trees = opts.merkleTrees ?? false;
    this.source = opts.bytes;
    this.maxObjectBytes = opts.maxObjectBytes;
  }

  /** Send_C, rule 28: store (or replace with a newer upload) C(f,i). `sha256`: C's digest where the
   *  caller computed it from the same bytes already (a service checking the request's signature). */
  put(obj: { owner: string; file: string; label: string; c: Uint8Array }, sha256?: string): void {
    checkId(obj.owner, 'owner');
    checkId(obj.file, 'file');
    checkId(obj.label, 'label');
    if (this.maxObjectBytes !== undefined && obj.c.length > this.maxObjectBytes)
      throw new SesphrError('PARTITION_TOO_LARGE', `${tok.C(obj.file, obj.label)}: ${obj.c.length} bytes; this cloud takes at most ${this.maxObjectBytes} bytes a partition`, tok.C(obj.file, obj.label));
    const f = this.files.get(obj.file);
    if (f && f.owner !== obj.owner) throw new SesphrError('FILE_OWNED_BY_OTHER', `file ${obj.file} belongs to another owner`, obj.file);
    const o: StoredObject = {
      owner: obj.owner, file: obj.file, label: obj.label, version: sealedVersion(obj.c), sha256: sha256 ?? sha256Hex(obj.c),
      c: this.source ? undefined : Uint8Array.from(obj.c), tree: this.trees ? levels(obj.c) : undefined,
    };
    this.objects.set(partKey(obj.file, obj.label), o);
    if (f) f.labels.add(obj.label);
    else this.files.set(obj.file, { owner: obj.owner, labels: new Set([obj.label]) });
  }

  /** C(f,i)'s bytes as stored now: this cloud's copy, or what its byte store holds. */
  private bytesOf(o: StoredObject): Uint8Array {
    const b = o.c ?? this.source?.read(o.file, o.label);
    if (!b) throw new SesphrError('CLOUD_CORRUPT', `${tok.C(o.file, o.label)}: the stored object is gone`, tok.C(o.file, o.label));
    return b;
  }

  /** D_C, rule 30: anyone may download C (it is ciphertext); a corrupted object is refused. A
   *  reader may ask for one version: a version the cloud no longer (or does not yet) store is not there. */
  get(file: string, label: string, version?: number): Uint8Array {
    const o = this.stored(file, label, version);
    const c = this.bytesOf(o);
    if (sha256Hex(c) !== o.sha256) throw new SesphrError('CLOUD_CORRUPT', `C(${file},${label}): stored object is corrupted (SHA-256 mismatch)`, tok.C(file, label));
    return Uint8Array.from(c);
  }

  /** Throws what get() throws when C(f,i), or that version of it, is not stored here; reads nothing
   *  else (a service serving C from its own files asks only this). */
  requireStored(file: string, label: string, version?: number): void {
    this.stored(file, label, version);
  }

  private stored(file: string, label: string, version?: number): StoredObject {
    const o = this.objects.get(partKey(file, label));
    if (o && version !== undefined && o.version !== version)
      throw new SesphrError('NO_SUCH_PARTITION', `C(${versionName(file, version)},${label}): not stored at the cloud (it stores version ${o.version})`, tok.C(file, label));
    if (!o) throw new SesphrError('NO_SUCH_PARTITION', `C(${file},${label}): not stored at the cloud`, tok.C(file, label));
    return o;
  }

  /** The labels stored for a file: the manifest a reader walks. */
  labels(file: string): string[] {
    return [...(this.files.get(file)?.labels ?? [])];
  }

  /** Fault injection for tests and adversarial scenarios: flips one stored byte behind the digest. */
  corruptForTest(file: string, label: string, index: number): void {
    const o = this.objects.get(partKey(file, label));
    if (!o) throw new SesphrError('NO_SUCH_PARTITION', `C(${file},${label}): not stored at the cloud`);
    if (!o.c) throw new Error('corruptForTest: C is kept in the byte store, not here');
    o.c[index % o.c.length] ^= 0x01;
  }

  /** tpa module: the stored blocks at `indices` with their Merkle paths, from whatever is stored now. */
  prove(file: string, label: string, indices: readonly number[]): BlockProof[] {
    const o = this.objects.get(partKey(file, label));
    if (!o) throw new SesphrError('NO_SUCH_PARTITION', `C(${file},${label}): not stored at the cloud`, tok.C(file, label));
    // With merkleTrees the tree was built from C as received: a block corrupted since then fails its
    // own proof while every intact block still proves (one challenge of k catches c bad of n blocks
    // with probability 1-(1-c/n)^k). Without it the paths come from the bytes now, so any
    // corruption fails every proof: detection is then certain, and the stated rate a lower bound.
    const c = this.bytesOf(o);
    return prove(c, indices, o.tree ?? levels(c));
  }

  /** Fault injection for tests and the tpa module's Corrupt_C: the cloud loses the object. */
  deleteForTest(file: string, label: string): void {
    if (!this.objects.delete(partKey(file, label))) throw new SesphrError('NO_SUCH_PARTITION', `C(${file},${label}): not stored at the cloud`, tok.C(file, label));
    const f = this.files.get(file)!;
    f.labels.delete(label);
    // a file with nothing stored is no one's: as before any object of it was stored
    if (f.labels.size === 0) this.files.delete(file);
  }

  holdings(): Holding[] {
    return [...this.objects.values()].map((o) => holding(tok.C(versionName(o.file, o.version), o.label), this.bytesOf(o)));
  }

  stateDigest(): string {
    return JSON.stringify([...this.objects.values()].map((o) => [o.owner, o.file, o.label, o.sha256, sha256Hex(this.bytesOf(o))]));
  }
}
