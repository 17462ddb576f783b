// A cloud whose bytes live in a store of their own (the cloud service's files): it keeps no copy of
// C, yet its rules answer as the cloud that keeps C in memory does. A read goes to the store and is
// checked against the digest taken on receipt; the version comes from C's sealed header, read once.
import { describe, expect, it } from 'vitest';
import { Cloud, PatientClient, Srs, UserClient, deterministicRandom, isSesphrError, type CloudBytes } from '../impl/index.js';

/** A byte store the test can change behind the cloud's back. */
function store(): CloudBytes & { files: Map<string, Uint8Array>; reads: number } {
  const files = new Map<string, Uint8Array>();
  const s = {
    files,
    reads: 0,
    read: (file: string, label: string) => {
      s.reads++;
      return files.get(`${file}/${label}`);
    },
  };
  return s;
}

/** A cloud over `bytes` that writes each C there as it stores it, as the cloud service writes its files. */
class StoringCloud extends Cloud {
  constructor(private readonly bytes: ReturnType<typeof store>) {
    super({ bytes });
  }

  override put(o: { owner: string; file: string; label: string; c: Uint8Array }, sha256?: string): void {
    super.put(o, sha256);
    this.bytes.files.set(`${o.file}/${o.label}`, Uint8Array.from(o.c));
  }
}

/** An owner's upload of two partitions to `cloud`; a reader approved. */
function uploaded(cloud: Cloud) {
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('cloud-bytes/S') });
  const owner = new PatientClient('patient', { srs, cloud, rng: deterministicRandom('cloud-bytes/P') });
  owner.register();
  owner.genKey();
  owner.sendKeys();
  const reader = new UserClient('reader', { srs, cloud });
  reader.register('patient', 'family');
  reader.genKey();
  reader.sendKeys();
  owner.approve('reader');
  owner.upload('f', { medical: 'the first version', personal: 'p1' });
  return { owner, reader };
}

describe('a cloud whose bytes are kept elsewhere', () => {
  it('answers get, labels, versions, holdings and its digest as the cloud that keeps C does', () => {
    const memory = new Cloud();
    const outside = new StoringCloud(store());
    uploaded(memory);
    uploaded(outside);
    expect(outside.labels('f')).toEqual(memory.labels('f'));
    for (const l of ['medical', 'personal']) {
      expect(outside.get('f', l)).toEqual(memory.get('f', l));
      expect(outside.get('f', l, 1)).toEqual(memory.get('f', l, 1));
      outside.requireStored('f', l, 1);
      for (const c of [memory, outside]) expect(() => c.requireStored('f', l, 2)).toThrow(/not stored at the cloud \(it stores version 1\)/);
    }
    expect(outside.holdings()).toEqual(memory.holdings());
    expect(outside.stateDigest()).toEqual(memory.stateDigest());
  });

  it('reads C from its store, not from a copy of its own', () => {
    const bytes = store();
    const cloud = new StoringCloud(bytes);
    const { reader } = uploaded(cloud);
    const before = bytes.reads;
    expect(reader.readAll('f').map((r) => r.status)).toEqual(['read', 'read']);
    expect(bytes.reads).toBeGreaterThan(before);
    // what the store holds is what the cloud serves: a byte changed there is refused by the digest taken on receipt
    const c = bytes.files.get('f/medical')!;
    c[c.length - 1]! ^= 1;
    expect(() => cloud.get('f', 'medical')).toThrow(/SHA-256 mismatch/);
    bytes.files.delete('f/personal');
    try {
      cloud.get('f', 'personal');
      expect.unreachable();
    } catch (e) {
      expect(isSesphrError(e, 'CLOUD_CORRUPT')).toBe(true);
    }
    expect(() => cloud.corruptForTest('f', 'medical', 0)).toThrow(/byte store/);
  });
});
