// A query's file is its header (with the method's symbols, outside Latin-1) and then the commands
// sent, byte for byte, whatever stood at that path before; a file that already holds exactly those
// bytes is left as it is.
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { propertyById } from '../model/properties.js';
import { small } from '../universes/index.js';
import { fileName, writeQuery } from '../smt/export.js';
import { slice } from '../smt/slice.js';
import { netSystem } from '../smt/system.js';

const dir = mkdtempSync(join(tmpdir(), 'sesphr-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeQuery', () => {
  const net = buildNet(small, { profile: 'extended', variant: 'srs-keys', policy: 'history' });
  const property = propertyById('paper.no-ungranted-R');
  const sl = slice(netSystem(net), []);
  const body = '(declare-const |a@0| Bool)\n(assert |a@0|)\n(check-sat)\n';

  it('writes the header and then the body, in UTF-8, over a longer file left at the same path', () => {
    const path = join(dir, fileName(net, property, 'inductive-invariant', 2));
    writeQuery(dir, net, property, 'inductive-invariant', sl, 'z3 test', ['sat'], 'x'.repeat(200_000), 2);
    expect(writeQuery(dir, net, property, 'inductive-invariant', sl, 'z3 test', ['sat', 'unsat'], body, 2)).toBe(path);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^; SeSPHR workbench: SMT-LIB2 query/);
    expect(lines).toContain('; answers of the in-process solver (z3 test), in order: sat unsat');
    expect(text).toContain('J ∧ T ⇒ J\'');
    expect(text.endsWith(`cvc5 --incremental FILE\n${body}`)).toBe(true);
    // the header's comment lines, then the body and nothing else
    const header = text.slice(0, text.length - body.length);
    expect(header.split('\n').filter((l) => l !== '' && !l.startsWith(';'))).toEqual([]);
    // the bytes on disk are that text in UTF-8, with nothing a decoder had to replace
    expect(readFileSync(path).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('leaves a file holding the same bytes as it is, and writes over one that differs in a byte or in length', () => {
    const path = join(dir, fileName(net, property, 'bmc', 3));
    writeQuery(dir, net, property, 'bmc', sl, 'z3 test', ['unsat'], body, 3);
    const written = readFileSync(path);
    const past = new Date('2020-01-01T00:00:00Z');
    const untouched = () => statSync(path).mtimeMs === past.getTime();
    utimesSync(path, past, past);
    writeQuery(dir, net, property, 'bmc', sl, 'z3 test', ['unsat'], body, 3);
    expect(untouched()).toBe(true);
    expect(readFileSync(path).equals(written)).toBe(true);
    // the same length, one byte of the body changed: written over
    writeFileSync(path, Buffer.concat([written.subarray(0, written.length - 3), Buffer.from('x)\n')]));
    utimesSync(path, past, past);
    writeQuery(dir, net, property, 'bmc', sl, 'z3 test', ['unsat'], body, 3);
    expect(untouched()).toBe(false);
    expect(readFileSync(path).equals(written)).toBe(true);
    // one byte of the header changed (another answer), the same length: written over
    writeQuery(dir, net, property, 'bmc', sl, 'z3 test', ['sat  '], body, 3);
    utimesSync(path, past, past);
    writeQuery(dir, net, property, 'bmc', sl, 'z3 test', ['unsat'], body, 3);
    expect(untouched()).toBe(false);
    expect(readFileSync(path).equals(written)).toBe(true);
    // shorter: written over
    writeFileSync(path, written.subarray(0, written.length - 1));
    writeQuery(dir, net, property, 'bmc', sl, 'z3 test', ['unsat'], body, 3);
    expect(readFileSync(path).equals(written)).toBe(true);
  });

  it('makes the universe folder it needs', () => {
    const fresh = join(dir, 'fresh');
    const path = writeQuery(fresh, net, property, 'bmc', sl, 'z3 test', [], body);
    expect(path).toBe(join(fresh, small.name, `${property.id}.extended.srs-keys.history.bmc.smt2`));
    expect(readFileSync(path, 'utf8').endsWith(body)).toBe(true);
  });

  it('refuses a folder it cannot write into with the path in the error', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    expect(() => writeQuery(blocker, net, property, 'bmc', sl, 'z3 test', [], body)).toThrow(/not-a-folder/);
  });
});
