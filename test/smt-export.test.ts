// A query's file is its header (with the method's symbols, outside Latin-1) and then the commands
// sent, byte for byte, whatever stood at that path before.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
