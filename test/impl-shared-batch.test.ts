// The shared batch the pool's threads claim items from: every item is claimed once, the claims
// shrink near the end, a stop ends every wait. (How scalars cross memory: group.ts encodeScalarInto,
// test/impl-scheme.test.ts.)
import { describe, expect, it } from 'vitest';
import { FAILED, OK, PENDING, SharedBatch, workOn } from '../impl/tools/shared-batch.js';

describe('SharedBatch', () => {
  it('hands out every item exactly once, in claims that shrink to one near the end', () => {
    const b = SharedBatch.create(100, 4, 8, 2);
    b.publish(100);
    const claims: [number, number][] = [];
    for (let c = b.claim(); c; c = b.claim()) claims.push(c);
    expect(claims.flatMap(([s, e]) => Array.from({ length: e - s }, (_, i) => s + i))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(claims[0]).toEqual([0, 8]);
    expect(claims.at(-1)).toEqual([99, 100]);
    expect(Math.max(...claims.map(([s, e]) => e - s))).toBe(8);
  });

  it('a worker writes each result before its status; a failed item is marked for the caller', () => {
    const b = SharedBatch.create(5, 2, 2, 2);
    b.publish(5);
    workOn(new SharedBatch(b.buffers), (i) => {
      if (i === 3) throw new Error('boom');
      return i === 1 ? undefined : Uint8Array.of(i, i + 1);
    });
    expect([0, 1, 2, 3, 4].map((i) => b.statusOf(i))).toEqual([OK, FAILED, OK, FAILED, OK]);
    expect(b.read(4)).toEqual(Uint8Array.of(4, 5));
    expect(b.done).toBe(5);
    expect(b.waitDone(0)).toBe(true);
  });

  it('waitDone gives up after its time when items are still held', () => {
    const b = SharedBatch.create(3, 1, 1, 2);
    b.publish(3);
    b.claim();
    const t0 = performance.now();
    expect(b.waitDone(20)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    expect(b.statusOf(0)).toBe(PENDING);
    // a batch whose waits spin first gives up at the same time: the spin is part of the wait
    const spun = SharedBatch.create(3, 1, 1, 2, 500);
    spun.publish(3);
    spun.claim();
    const t1 = performance.now();
    expect(spun.waitDone(20)).toBe(false);
    expect(performance.now() - t1).toBeLessThan(400);
  });

  it('holds the control words, statuses, results and inputs in one buffer, none overlapping', () => {
    const b = SharedBatch.create(3, 5, 1, 2, 0, 7);
    const other = new SharedBatch(b.buffers);
    expect(b.buffers.shared.byteLength).toBe(4 * 4 + 3 * 4 + 3 * 5 + 3 * 7);
    // the input a caller writes is what another thread's view reads, and no result or status moves
    b.input.set(Uint8Array.from({ length: 21 }, (_, i) => 0xa0 + i));
    expect(other.input).toEqual(b.input);
    expect([0, 1, 2].map((i) => other.statusOf(i))).toEqual([PENDING, PENDING, PENDING]);
    other.write(2, Uint8Array.of(1, 2, 3, 4, 5));
    expect(b.read(2)).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    expect(b.read(1)).toEqual(new Uint8Array(5));
    expect(b.input[0]).toBe(0xa0);
    expect(b.input[20]).toBe(0xa0 + 20);
    b.publish(3);
    expect(other.claim()).toEqual([0, 1]);
    expect(b.done).toBe(0);
    // a batch without inputs has an empty input view
    expect(SharedBatch.create(4, 2, 1, 2).input.length).toBe(0);
  });

  it('a claim takes only published items, and a stopped batch hands out none', () => {
    const b = SharedBatch.create(10, 1, 4, 2);
    b.publish(10);
    expect(b.claim()).toEqual([0, 2]);
    const c = SharedBatch.create(10, 1, 4, 2);
    c.stop();
    expect(c.claim()).toBeUndefined(); // stopped before anything was published: no wait
  });
});
