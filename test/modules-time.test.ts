// Time-bounded access (impl/parties/acl.ts windows on the SRS's clock): R is refused outside the window
// with OUTSIDE_WINDOW, allowed inside; an expired grant refuses new requests like a revocation,
// and the user keeps what it already holds.
import { describe, expect, it } from 'vitest';
import { isSesphrError, type Variant } from '../impl/index.js';
import { expectRefusedUnchanged, makeWorld, text } from './impl-fixtures.js';

const outcome = (u: ReturnType<ReturnType<typeof makeWorld>['join']>, f: string) =>
  Object.fromEntries(u.readAll(f).map((r) => [r.label, r.status === 'read' ? 'read' : r.code]));

describe.each(['srs-keys', 'owner-keys'] as Variant[])('time windows (%s)', (variant) => {
  /** A doctor approved with a window [start, end) on the SRS clock, and one upload. */
  function setup(window: { start?: number; end?: number }) {
    const w = makeWorld(variant);
    const doc = w.join('doc', 'doctor', { approve: false });
    const now = w.srs.epoch;
    w.owner.approve('doc', { start: window.start !== undefined ? now + window.start : undefined, end: window.end !== undefined ? now + window.end : undefined });
    w.owner.upload('f1', { medical: 'm1', personal: 'p1' });
    return { w, doc, now };
  }

  it('inside the window R is issued; after its end it is refused with OUTSIDE_WINDOW', () => {
    const { w, doc, now } = setup({ end: 20 });
    expect(w.srs.epoch).toBeLessThan(now + 20);
    expect(outcome(doc, 'f1')).toEqual({ medical: 'read', personal: 'read' });
    while (w.srs.epoch < now + 20) w.srs.tick();
    const r = doc.requestRU('f1', 'medical');
    expect(r).toMatchObject({ granted: false, code: 'OUTSIDE_WINDOW' });
    expect(!r.granted && r.reason).toMatch(/outside doc's window/);
  });

  it('before the window starts R is refused too, and allowed once the clock reaches the start', () => {
    const { w, doc, now } = setup({ start: 30 });
    expect(doc.requestRU('f1', 'medical')).toMatchObject({ granted: false, code: 'OUTSIDE_WINDOW' });
    while (w.srs.epoch < now + 30) w.srs.tick();
    expect(doc.requestRU('f1', 'medical')).toMatchObject({ granted: true });
  });

  it('an expired grant behaves for new requests like a revocation; what the user holds it keeps', () => {
    const { w, doc } = setup({ end: 20 });
    expect(outcome(doc, 'f1')).toEqual({ medical: 'read', personal: 'read' });
    w.owner.setWindow('doc', { end: w.srs.epoch + 1 }); // the owner ends it at the next epoch
    w.srs.tick();
    // new requests, for the old file and for a new upload, are refused
    w.owner.upload('f2', { medical: 'm2' });
    expect(outcome(doc, 'f2')).toEqual({ medical: 'OUTSIDE_WINDOW' });
    expect(doc.requestRU('f1', 'personal')).toMatchObject({ granted: false, code: 'OUTSIDE_WINDOW' });
    // but the R_U and plaintext obtained inside the window stay with the user (nothing is re-encrypted)
    expect(doc.holdings().map((h) => h.token)).toEqual(expect.arrayContaining(['RU(doc,f1,medical)', 'PHR(f1,medical)']));
    expect(text(doc.decrypt('f1', 'medical'))).toBe('m1');
    // expiry is final (as in the model): an ended window is not reopened
    expectRefusedUnchanged(w, () => w.owner.setWindow('doc', { end: w.srs.epoch + 100 }), 'OUTSIDE_WINDOW', 'ended');
  });

  it('a time-bounded grant of one label: that label expires, the rest of the membership does not', () => {
    const w = makeWorld(variant);
    const ins = w.join('ins', 'insurer');
    w.owner.grant('ins', 'medical', { end: w.srs.epoch + 5 });
    w.owner.upload('f1', { medical: 'm', insurance: 'i' });
    expect(outcome(ins, 'f1')).toEqual({ medical: 'read', insurance: 'read' });
    while (w.srs.epoch < 100) w.srs.tick();
    expect(outcome(ins, 'f1')).toEqual({ medical: 'OUTSIDE_WINDOW', insurance: 'read' });
  });

  it('without a window nothing changes: the default grant is unbounded', () => {
    const w = makeWorld(variant);
    const doc = w.join('doc', 'doctor');
    w.owner.upload('f1', { medical: 'm' });
    for (let k = 0; k < 50; k++) w.srs.tick();
    expect(outcome(doc, 'f1')).toEqual({ medical: 'read' });
  });

  it('bad windows are refused and change nothing', () => {
    const w = makeWorld(variant);
    w.join('doc', 'doctor', { approve: false });
    const e = w.srs.epoch;
    for (const bad of [{ start: e + 5, end: e + 5 }, { start: -1 }, { end: 1.5 }, { start: e + 9, end: e + 2 }])
      expectRefusedUnchanged(w, () => w.owner.approve('doc', bad), 'INVALID_CONFIG', 'window');
    w.owner.approve('doc');
    expectRefusedUnchanged(w, () => w.owner.setWindow('doc', { end: 0 }), 'INVALID_CONFIG', 'window');
    expectRefusedUnchanged(w, () => w.owner.setWindow('doc', { end: e + 50 }, 'insurance'), 'NOT_GRANTED');
    expectRefusedUnchanged(w, () => w.owner.setWindow('nobody', { end: e + 50 }), 'NOT_REGISTERED');
    let caught: unknown;
    try {
      w.owner.grant('doc', 'insurance', { start: e + 3, end: e + 1 });
    } catch (err) {
      caught = err;
    }
    expect(isSesphrError(caught, 'INVALID_CONFIG')).toBe(true);
  });
});
