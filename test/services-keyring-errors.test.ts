// A client's key file, as the keyring reads it back: a field of the wrong type, length or alphabet
// is refused naming the file and the field, never with the stored value (a secret key, or part
// of one); a file others may read is refused; a file is written whole, 0600, or not at all.
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryPath } from '../output/atomic-file.js';
import { Keyring } from '../services/keyring.js';
import { tempDir } from './support/temp-dir.js';
import { thrown } from './support/thrown.js';

const SIGNING = '11'.repeat(32);
const SK = '2a'.repeat(32);

/** A keyring whose bob.json holds `text`, and that file's path. */
function ringWith(text: string): { ring: Keyring; file: string } {
  const home = tempDir('sesphr-keyring-');
  const file = join(home, 'bob.json');
  writeFileSync(file, text, { mode: 0o600 });
  return { ring: new Keyring(home), file };
}

describe('a key file with a bad field', () => {
  it('sk stored as a number: the file and field, not the number', () => {
    const { ring, file } = ringWith(`{"principal":"bob","signing":"${SIGNING}","sk":12345678901234567890}`);
    const e = thrown(() => ring.secretKey('bob'));
    expect(e.message).toBe(`${file}: field "sk": expected 64 hex characters (0-9, a-f)`);
    expect(e.message).not.toMatch(/1234567890/);
  });

  it('sk one byte short: the file and field, not the hex', () => {
    const { ring, file } = ringWith(JSON.stringify({ principal: 'bob', signing: SIGNING, sk: SK.slice(2) }));
    const e = thrown(() => ring.secretKey('bob'));
    expect(e.message).toBe(`${file}: field "sk": expected 64 hex characters (0-9, a-f)`);
    expect(e.message).not.toContain('2a2a');
    expect(e.message).not.toMatch(/refused|INVALID_ENCODING/);
  });

  it('sk with a character that is not hex: the file and field, not the text', () => {
    const { ring, file } = ringWith(JSON.stringify({ principal: 'bob', signing: SIGNING, sk: 'zz' + SK.slice(2) }));
    const e = thrown(() => ring.secretKey('bob'));
    expect(e.message).toBe(`${file}: field "sk": expected 64 hex characters (0-9, a-f)`);
    expect(e.message).not.toContain('zz2a');
  });

  it('sk of the right length but not a scalar below the group order: the file and field', () => {
    const { ring, file } = ringWith(JSON.stringify({ principal: 'bob', signing: SIGNING, sk: 'ff'.repeat(32) }));
    const e = thrown(() => ring.secretKey('bob'));
    expect(e.message).toBe(`${file}: field "sk": not a secret key (a scalar in [1, q-1] expected)`);
    expect(e.message).not.toContain('ffff');
  });

  it('signing key missing or malformed: the file and field, on every read', () => {
    const { ring, file } = ringWith(JSON.stringify({ principal: 'bob', signing: 42 }));
    expect(() => ring.identity('bob')).toThrow(`${file}: field "signing": expected 64 hex characters (0-9, a-f)`);
    expect(() => ring.secretKey('bob')).toThrow(`${file}: field "signing": expected 64 hex characters (0-9, a-f)`);
  });

  it('principal other than the file\'s name, or the file not an object: the file and what was expected', () => {
    const other = ringWith(JSON.stringify({ principal: 'alice', signing: SIGNING }));
    expect(() => other.ring.identity('bob')).toThrow(`${other.file}: field "principal": expected "bob"`);
    const list = ringWith(JSON.stringify([SK]));
    const e = thrown(() => list.ring.secretKey('bob'));
    expect(e.message).toBe(`${list.file}: not a key file (a JSON object expected)`);
    expect(e.message).not.toContain('2a2a');
  });

  it('a good file still reads back', () => {
    const { ring } = ringWith(JSON.stringify({ principal: 'bob', signing: SIGNING, sk: SK }));
    expect(ring.secretKey('bob')).toBe(BigInt('0x' + SK));
    expect(ring.identity('bob').principal).toBe('bob');
  });
});

describe('a key file on disk', () => {
  it('open to other users: refused on every read, naming the file and what to do, its mode left as it is', () => {
    const { ring, file } = ringWith(JSON.stringify({ principal: 'bob', signing: SIGNING, sk: SK }));
    chmodSync(file, 0o644);
    const refused = `${file}: key file has mode 0644, open to other users; run \`chmod 600 ${file}\``;
    expect(() => ring.identity('bob')).toThrow(refused);
    expect(() => ring.secretKey('bob')).toThrow(refused);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('a rewrite that cannot finish leaves the old file as it was: the new text goes to a temporary file first', () => {
    const home = tempDir('sesphr-keyring-');
    const ring = new Keyring(home);
    const signing = ring.identity('dave').exportSecret();
    const file = join(home, 'dave.json');
    const before = readFileSync(file, 'utf8');
    // the temporary name taken by a folder: the write fails before anything replaces the file
    mkdirSync(temporaryPath(file));
    expect(() => ring.keepSecretKey('dave', BigInt('0x' + SK))).toThrow();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(ring.identity('dave').exportSecret()).toBe(signing);
  });

  it('written with mode 0600 from its creation, and nothing left beside it', () => {
    const home = tempDir('sesphr-keyring-');
    const ring = new Keyring(home);
    const signing = ring.identity('carol').exportSecret();
    ring.keepSecretKey('carol', BigInt('0x' + SK));
    const file = join(home, 'carol.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(home)).toEqual(['carol.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ principal: 'carol', signing, sk: SK });
    expect(ring.secretKey('carol')).toBe(BigInt('0x' + SK));
  });
});
