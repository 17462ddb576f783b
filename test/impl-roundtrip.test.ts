// Real round trips through all four parties: whatever the owner uploads, an authorised user
// decrypts exactly (paper property 2), for random partition counts and sizes, in both variants.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VARIANTS, type Variant } from '../impl/index.js';
import { makeWorld, text } from './impl-fixtures.js';

/** Sizes that stress the edges: empty, one byte, odd lengths around AES blocks, a few KiB. */
const size = fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 2, max: 64 }).map((n) => 2 * n + 1), fc.integer({ min: 0, max: 5000 }));
const partitions = fc.array(size.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), { minLength: 1, maxLength: 6 });

function roundTrip(variant: Variant, parts: Uint8Array[]): void {
  const labels = parts.map((_, n) => `part${n}`);
  const w = makeWorld(variant, 'history', { labels, defaultAccess: { family: labels, friend: [], doctor: [labels[0]!], pharmacist: [], insurer: [], researcher: [] } });
  const fam = w.join('fam', 'family');
  const doctor = w.join('doc', 'doctor');
  w.owner.upload('f', Object.fromEntries(parts.map((p, n) => [labels[n]!, p])));
  const got = fam.readAll('f');
  expect(got.map((o) => o.status)).toEqual(labels.map(() => 'read'));
  got.forEach((o, n) => o.status === 'read' && expect(Buffer.from(o.bytes).equals(Buffer.from(parts[n]!))).toBe(true));
  // The doctor reads only part0; the others are refused as not granted.
  expect(doctor.readAll('f').map((o) => (o.status === 'read' ? 'read' : o.code))).toEqual(labels.map((_, n) => (n === 0 ? 'read' : 'NOT_GRANTED')));
}

describe.each(VARIANTS)('round trips: %s', (variant) => {
  it('fast-check: any partition count (1-6) and sizes (0, 1, odd, up to 5000 bytes)', () => {
    fc.assert(fc.property(partitions, (parts) => roundTrip(variant, parts)), { numRuns: 10 });
  });

  it('edge sizes explicitly: empty and one byte', () => {
    roundTrip(variant, [new Uint8Array(0), Uint8Array.of(0xff)]);
  });

  it('a several-MiB partition', () => {
    const big = new Uint8Array(randomBytes(4 * 1024 * 1024 + 3));
    roundTrip(variant, [big, Uint8Array.of(1, 2, 3)]);
  });

  it("the paper's four partitions from XML and from JSON, read per role's default access", () => {
    const w = makeWorld(variant);
    const roles = ['family', 'doctor', 'pharmacist', 'insurer', 'researcher'] as const;
    for (const r of roles) w.join(r, r);
    w.owner.upload('x', '<phr><personal>p</personal><medical>m</medical><insurance>i</insurance><prescription>rx</prescription></phr>');
    w.owner.upload('j', JSON.stringify({ personal: 'p', medical: 'm', insurance: 'i', prescription: 'rx' }));
    const readable = (u: string, f: string) => w.users.get(u)!.readAll(f).filter((o) => o.status === 'read').map((o) => o.label).sort();
    for (const f of ['x', 'j']) {
      expect(readable('family', f)).toEqual(['insurance', 'medical', 'personal', 'prescription']);
      expect(readable('doctor', f)).toEqual(['medical', 'personal', 'prescription']);
      expect(readable('pharmacist', f)).toEqual(['insurance', 'prescription']);
      expect(readable('insurer', f)).toEqual(['insurance']);
      expect(readable('researcher', f)).toEqual(['medical']);
    }
    const med = w.users.get('researcher')!.readAll('x').find((o) => o.label === 'medical')!;
    expect(med.status === 'read' && text(med.bytes)).toBe('<medical>m</medical>');
    const rx = w.users.get('family')!.readAll('j').find((o) => o.label === 'prescription')!;
    expect(rx.status === 'read' && text(rx.bytes)).toBe('"rx"');
  });

  it('each upload draws a fresh r: re-uploading the same bytes gives new R_P and new C', () => {
    const w = makeWorld(variant);
    w.owner.upload('f', { medical: 'same' });
    const rp1 = w.srs.holdings().find((h) => h.token === 'RP(f,medical)')!.bytes;
    const c1 = w.cloud.get('f', 'medical');
    w.owner.upload('f', { medical: 'same' });
    // the second upload is version 2 of the partition, named as the model names it
    expect(w.srs.holdings().map((h) => h.token)).not.toContain('RP(f,medical)');
    expect(Buffer.from(w.srs.holdings().find((h) => h.token === 'RP(f~2,medical)')!.bytes).equals(Buffer.from(rp1))).toBe(false);
    expect(Buffer.from(w.cloud.get('f', 'medical')).equals(Buffer.from(c1))).toBe(false);
    expect(w.srs.partition('f', 'medical')!.version).toBe(2);
  });

  it('answers an upload\'s look-up and checks for all its partitions at once, as one by one', () => {
    const w = makeWorld(variant);
    w.owner.upload('f', { medical: 'm', insurance: 'i' });
    const labels = ['personal', 'medical', 'insurance'];
    expect(w.srs.partitions('f', labels)).toEqual(labels.flatMap((l) => w.srs.partition('f', l) ?? []));
    expect(w.srs.partitions('f', labels).map((p) => p.label)).toEqual(['medical', 'insurance']);
    const refusal = (f: () => void) => {
      try {
        f();
        return 'accepted';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    // the first refusal in the batch's order is the one the checks one by one meet first
    const batch = [{ label: 'personal', version: 1 }, { label: 'medical', version: 1 }, { label: 'insurance', version: 3 }];
    expect(refusal(() => w.srs.checkUploads('patient', 'f', batch))).toBe('WRONG_STEP');
    expect(refusal(() => w.srs.checkUpload('patient', 'f', 'medical', 1))).toBe('WRONG_STEP');
    expect(refusal(() => w.srs.checkUploads('patient', 'f', [{ label: 'insurance', version: 3 }, { label: 'nope', version: 1 }]))).toBe('UNKNOWN_LABEL');
    expect(refusal(() => w.srs.checkUploads('patient', 'f', [{ label: 'personal', version: 1 }, { label: 'medical', version: 2 }]))).toBe('accepted');
  });
});
