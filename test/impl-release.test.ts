import { describe, expect, it } from 'vitest';
import { createCipheriv, randomBytes } from 'node:crypto';
import { releaseNow } from '../impl/scheme/release.js';

describe('releaseNow: a slice buffer freed at once', () => {
  it('frees a cipher output, which owns its whole ArrayBuffer', () => {
    const c = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
    const out = c.update(randomBytes(1 << 16));
    expect(out.buffer.byteLength).toBe(1 << 16);
    expect(releaseNow(out)).toBe(true);
    expect(out.buffer.byteLength).toBe(0); // detached: its memory is gone
  });

  it('leaves alone what shares its ArrayBuffer: a view, node\'s pool of small buffers, an empty one', () => {
    const whole = new Uint8Array(64).fill(7);
    const view = whole.subarray(8, 16);
    expect(releaseNow(view)).toBe(false);
    expect(whole.buffer.byteLength).toBe(64);
    expect(whole[10]).toBe(7);

    const pooled = Buffer.from('a small buffer from the shared pool');
    const neighbour = Buffer.from('another one from the same pool');
    expect(pooled.buffer).toBe(neighbour.buffer);
    expect(releaseNow(pooled)).toBe(false);
    expect(neighbour.toString()).toBe('another one from the same pool');

    expect(releaseNow(new Uint8Array(0))).toBe(false);
  });
});
