// The cloud service's object files, as a restarted cloud reads them back to index: one at a time
// (so that indexing holds one object's bytes, not every stored one), each checked against its
// header's SHA-256, a corrupted one left on disk for a read to refuse.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectStore, objectFileName } from '../services/object-store.js';
import { tempDir } from './support/temp-dir.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('the object store read back whole', () => {
  it('yields the objects one at a time, reading each file only when it comes', () => {
    const dir = tempDir('sesphr-objects-');
    const store = new ObjectStore(dir);
    for (const f of ['f1', 'f2', 'f3']) store.write({ owner: 'p', file: f, label: 'medical', c: bytes(`C of ${f}`) });
    const it = store.all();
    const first = it.next();
    expect(first.done).toBe(false);
    // the files not yet reached go: a store that read them all at once would still yield them
    const objects = join(dir, 'objects');
    const [firstName, ...rest] = readdirSync(objects).filter((n) => n.endsWith('.obj')).sort();
    expect(firstName).toBeDefined();
    for (const n of rest) rmSync(join(objects, n));
    expect([...it]).toEqual([]);
  });

  it('checks each against its digest and skips a corrupted one, which a read then refuses', () => {
    const dir = tempDir('sesphr-objects-');
    const store = new ObjectStore(dir);
    store.write({ owner: 'p', file: 'f1', label: 'medical', c: bytes('C one') });
    store.write({ owner: 'p', file: 'f2', label: 'medical', c: bytes('C two') });
    const objects = join(dir, 'objects');
    const f2 = objectFileName('f2', 'medical');
    // the same header, C changed by one byte: its SHA-256 no longer matches
    const whole = readFileSync(join(objects, f2));
    whole[whole.length - 1] ^= 1;
    writeFileSync(join(objects, f2), whole);
    expect([...store.all()].map((o) => [o.file, new TextDecoder().decode(o.c)])).toEqual([['f1', 'C one']]);
    expect(() => store.read('f2', 'medical')).toThrow(/corrupted/);
  });
});

describe('object file names', () => {
  it('are hex of the ids while that fits a file name, else the SHA-256 of both, each read back only for its own ids', () => {
    expect(objectFileName('f1', 'medical')).toBe(`${Buffer.from('f1').toString('hex')}_${Buffer.from('medical').toString('hex')}.obj`);
    const long = objectFileName('f'.repeat(64), 'l'.repeat(64));
    expect(long).toMatch(/^sha256-[0-9a-f]{64}\.obj$/);
    expect(objectFileName('f'.repeat(64), 'l'.repeat(63))).not.toBe(long);
    // every hex name that fits a file name is kept (255 bytes), so objects written before keep theirs
    expect(objectFileName('f'.repeat(64), 'l'.repeat(61))).toBe(`${Buffer.from('f'.repeat(64)).toString('hex')}_${Buffer.from('l'.repeat(61)).toString('hex')}.obj`);
    expect(objectFileName('f'.repeat(64), 'l'.repeat(62))).toMatch(/^sha256-/);
    // and such a name is written and read back: the temporary file beside it is named apart
    const fits = tempDir('sesphr-objects-');
    const at = new ObjectStore(fits);
    at.write({ owner: 'p', file: 'f'.repeat(64), label: 'l'.repeat(61), c: bytes('C') });
    expect(new TextDecoder().decode(at.read('f'.repeat(64), 'l'.repeat(61))?.c)).toBe('C');
    const dir = tempDir('sesphr-objects-');
    const store = new ObjectStore(dir);
    store.write({ owner: 'p', file: 'f'.repeat(64), label: 'l'.repeat(64), c: bytes('C') });
    const o = store.read('f'.repeat(64), 'l'.repeat(64));
    expect([o?.file, new TextDecoder().decode(o?.c)]).toEqual(['f'.repeat(64), 'C']);
    // a file moved under another pair's name is refused, not served as theirs
    const objects = join(dir, 'objects');
    writeFileSync(join(objects, objectFileName('g'.repeat(64), 'l'.repeat(64))), readFileSync(join(objects, long)));
    expect(() => store.read('g'.repeat(64), 'l'.repeat(64))).toThrow(/header names/);
  });
});
