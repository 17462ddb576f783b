// Reading C's header copies nothing of C: the cloud reads it on every upload and a user on every
// download, and a copy of the rest would be a second C held until the collector ran (for a 64 MB
// record, 16 MB a partition on top of the two copies a decryption must hold).
import { describe, expect, it } from 'vitest';
import { Cloud, sealedHeader } from '../impl/index.js';
import { makeWorld } from './impl-fixtures.js';

const MIB = 2 ** 20;
/** Bytes in ArrayBuffers now: what a copy of C adds, before any collection could take it back. */
const buffers = () => process.memoryUsage().arrayBuffers;

describe('sealedHeader: the binding C names, nothing copied', () => {
  const w = makeWorld('srs-keys');
  const reader = w.join('doctor', 'doctor');
  w.owner.upload('big', { medical: new Uint8Array(8 * MIB).fill(7) });
  const c = w.cloud.get('big', 'medical');

  it('reads the binding C was sealed under', () => {
    expect(sealedHeader(c, 'C')).toEqual({ version: 1, owner: w.owner.id, file: 'big', label: 'medical' });
  });

  it('a download holds one copy of C: the one the user keeps', () => {
    const before = buffers();
    reader.downloadC('big', 'medical');
    expect(buffers() - before).toBeLessThan(c.length + MIB);
  });

  it("the cloud's store holds one copy of C: the one it keeps", () => {
    const cloud = new Cloud();
    const before = buffers();
    cloud.put({ owner: w.owner.id, file: 'big', label: 'medical', c });
    expect(buffers() - before).toBeLessThan(c.length + MIB);
  });
});
