// A file is written whole or not at all: it replaces what was there, leaves no temporary file, and
// a rename that fails leaves the old content and no temporary file behind.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../output/atomic-file.js';
import { tempDir } from './support/temp-dir.js';

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one, leaving only the file', () => {
    const dir = tempDir('sesphr-atomic-');
    const p = join(dir, 'a.json');
    writeFileAtomic(p, 'one');
    writeFileAtomic(p, Uint8Array.of(0x74, 0x77, 0x6f));
    expect(readFileSync(p, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('gives the new file its mode from its creation, and a durable write reads back the same', () => {
    const dir = tempDir('sesphr-atomic-');
    const p = join(dir, 'key.json');
    writeFileAtomic(p, 'secret', { mode: 0o600, durable: true });
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(readFileSync(p, 'utf8')).toBe('secret');
    expect(readdirSync(dir)).toEqual(['key.json']);
  });

  it('fails without touching what is there when the rename cannot happen', () => {
    const dir = tempDir('sesphr-atomic-');
    const p = join(dir, 'taken');
    mkdirSync(p);
    writeFileSync(join(p, 'inside'), 'kept');
    expect(() => writeFileAtomic(p, 'new')).toThrow();
    expect(readFileSync(join(p, 'inside'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
