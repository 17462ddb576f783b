// A cloud with a limit on the size of C (a service's limit on a request's body): an owner finds a
// partition over it before sending any of the record, so an upload is refused whole, never half
// sent, and the next upload of the record is its first version still.
import { describe, expect, it } from 'vitest';
import { Cloud, sealedLength } from '../impl/index.js';
import { expectRefusedUnchanged, makeWorld } from './impl-fixtures.js';

const LIMIT = 400;
const world = () => makeWorld('srs-keys', 'history', undefined, { maxObjectBytes: LIMIT });

describe('an upload to a cloud that takes C of at most a size', () => {
  const binding = (label: string) => ({ owner: 'patient', file: 'f1', label, version: 1 });
  // the largest plaintext of `medical` that seals within the limit
  const fits = LIMIT - sealedLength(binding('medical'), 0);

  it('is refused whole when one partition would seal past it, and nothing is sent', () => {
    const w = world();
    expectRefusedUnchanged(w, () => w.owner.upload('f1', { personal: 'p', medical: 'm'.repeat(fits + 1) }), 'PARTITION_TOO_LARGE', 'PHR(f1,medical)');
    expect(w.cloud.labels('f1')).toEqual([]);
    // the record goes up whole afterwards, as its first version
    expect(w.owner.upload('f1', { personal: 'p', medical: 'm'.repeat(fits) })).toEqual({ file: 'f1', version: 1, labels: ['personal', 'medical'] });
    expect(w.cloud.get('f1', 'medical').length).toBe(LIMIT);
  });

  it('is refused by the cloud itself too, for C sent past it', () => {
    const cloud = new Cloud({ maxObjectBytes: LIMIT });
    expect(() => cloud.put({ owner: 'patient', file: 'f1', label: 'medical', c: new Uint8Array(LIMIT + 1) })).toThrow(expect.objectContaining({ code: 'PARTITION_TOO_LARGE' }));
    expect(cloud.labels('f1')).toEqual([]);
  });
});
