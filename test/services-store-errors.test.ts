// The SRS's data on disk, as `serve` opens it: a damaged row of srs.db is refused with the
// database file, the table, the row and the column named, never with the stored text (which can be
// key material or a record's input); a srs.db that is no database, or a file where the objects'
// folder goes, is named the same way; the data directory is the service's alone (0700), since srs.db
// holds every principal's secret key in the srs-keys variant.
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { serve } from '../services/serve.js';
import { SqliteSrsStore } from '../services/srs-store.js';
import { tempDir } from './support/temp-dir.js';
import { thrown } from './support/thrown.js';

/** What Node's JSON parser would quote back from the broken texts below. */
const STORED = '5ec2e7ab';
const DAMAGED = '(the database is damaged)';

/** A store with one command and one stored response, then `sql` run on it directly. */
function damaged(sql: string, ...params: unknown[]): { dir: string; file: string } {
  const dir = tempDir('sesphr-store-errors-');
  const file = join(dir, 'srs.db');
  const store = new SqliteSrsStore(file);
  store.reset({ variant: 'srs-keys', policy: 'history' });
  const answer = { principal: 'bob', requestId: 'r-1', response: { status: 200, body: { ok: true } } };
  store.commit({ op: 'tick', input: {}, random: [] }, undefined, answer);
  store.close();
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
  return { dir, file };
}

/** The SRS alone, started as `sesphr serve --only srs` starts it. */
const serveSrs = (dataDir: string) =>
  serve({ host: '127.0.0.1', srsPort: 0, dataDir, variant: 'srs-keys', policy: 'history', only: 'srs' });

describe('a damaged row of the SRS database', () => {
  // each stored JSON column, broken so that Node's parser would quote STORED back
  it.each([
    { column: 'commands.input', sql: 'UPDATE commands SET input = ?', text: `{"user":"bob","a":x${STORED}}`,
      where: 'table commands, row seq 1, column input', read: (s: SqliteSrsStore) => s.commands() },
    { column: 'commands.random', sql: 'UPDATE commands SET random = ?', text: `[{"k":"s","v":x${STORED}}]`,
      where: 'table commands, row seq 1, column random', read: (s: SqliteSrsStore) => s.commands() },
    { column: 'responses.body', sql: 'UPDATE responses SET body = ?', text: `{"pk":x${STORED}}`,
      where: 'table responses, row (bob, r-1), column body', read: (s: SqliteSrsStore) => s.response('bob', 'r-1') },
  ])('in $column: names the file, table, row and column, not the stored text', ({ sql, text, where, read }) => {
    const { file } = damaged(sql, text);
    const store = new SqliteSrsStore(file);
    try {
      const e = thrown(() => read(store));
      expect(e.message).toBe(`${file}: ${where}: not valid JSON ${DAMAGED}`);
      expect(e.message).not.toContain(STORED);
    } finally {
      store.close();
    }
  });

  it('of the wrong JSON shape is refused the same way', () => {
    const { file } = damaged('UPDATE commands SET random = ?', '{"k":"s"}');
    const store = new SqliteSrsStore(file);
    try {
      expect(() => store.commands()).toThrow(`${file}: table commands, row seq 1, column random: not a JSON array ${DAMAGED}`);
    } finally {
      store.close();
    }
  });

  it('stops serve at start-up with that one line', async () => {
    const { dir, file } = damaged('UPDATE commands SET input = ?', `{"user":"bob","a":x${STORED}}`);
    const started = serveSrs(dir);
    await expect(started).rejects.toThrow(`${file}: table commands, row seq 1, column input: not valid JSON`);
    await expect(started).rejects.not.toThrow(STORED);
  });
});

describe('a data directory that holds something else where the services keep their data', () => {
  const serveBoth = (dataDir: string) =>
    serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir, variant: 'srs-keys', policy: 'history' });
  const dataDir = () => {
    const dir = tempDir('sesphr-data-other-');
    chmodSync(dir, 0o700);
    return dir;
  };

  it('srs.db not a database: named, with SQLite\'s reason and none of the file\'s text', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'srs.db'), `not a database ${STORED}`);
    const started = serveBoth(dir);
    await expect(started).rejects.toThrow(`${join(dir, 'srs.db')}: cannot be opened as the SRS's database (SQLITE_NOTADB: file is not a database)`);
    await expect(started).rejects.not.toThrow(STORED);
  });

  it('srs.db a folder: named', async () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'srs.db'));
    await expect(serveBoth(dir)).rejects.toThrow(`${join(dir, 'srs.db')}: cannot be opened as the SRS's database (SQLITE_CANTOPEN: `);
  });

  it('objects a file: named', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'objects'), 'x');
    await expect(serveBoth(dir)).rejects.toThrow(`${join(dir, 'objects')}: cannot be the cloud's folder of objects (a file is there, not a directory)`);
  });
});

describe('the data directory serve prepares', () => {
  const mode = (p: string) => statSync(p).mode & 0o777;

  it('is made with mode 0700, so srs.db is not readable by other local users', async () => {
    const dir = join(tempDir('sesphr-data-mode-'), 'data');
    const running = await serveSrs(dir);
    try {
      expect(mode(dir)).toBe(0o700);
    } finally {
      await running.close();
    }
  });

  it('already there with group or other access: refused, naming the folder and what to do', async () => {
    const dir = join(tempDir('sesphr-data-mode-'), 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const refused = `${dir}: data directory has mode 0755, open to other users (srs.db holds secret keys); run \`chmod 700 ${dir}\``;
    await expect(serveSrs(dir)).rejects.toThrow(refused);
    expect(mode(dir)).toBe(0o755);
  });

  it('already there and private: used as it is', async () => {
    const dir = tempDir('sesphr-data-mode-');
    chmodSync(dir, 0o700);
    const running = await serveSrs(dir);
    await running.close();
    expect(mode(dir)).toBe(0o700);
  });
});

describe('a database of the version before answers and keys recorded what they are', () => {
  it('is opened with its answers and keys kept, and new answers and bindings record what they are', () => {
    const file = join(tempDir('sesphr-srs-old-'), 'srs.db');
    const old = new Database(file);
    old.exec(`
      CREATE TABLE config (id INTEGER PRIMARY KEY CHECK (id = 1), variant TEXT NOT NULL, policy TEXT NOT NULL, seed TEXT);
      CREATE TABLE commands (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, input TEXT NOT NULL, random TEXT NOT NULL);
      CREATE TABLE principals (id TEXT PRIMARY KEY, signing_key TEXT NOT NULL);
      CREATE TABLE responses (principal TEXT NOT NULL, request_id TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (principal, request_id));
      INSERT INTO responses VALUES ('P', 'r1', 200, '{"ok":true}');
      INSERT INTO principals VALUES ('P', 'aa');
    `);
    old.close();
    const store = new SqliteSrsStore(file);
    try {
      expect(store.response('P', 'r1')).toEqual({ status: 200, body: { ok: true } });
      store.commit({ op: 'tick', input: {}, random: [] }, { principal: 'u', signingKey: 'bb', kind: 'user' }, { principal: 'P', requestId: 'r2', response: { status: 200, body: { ok: true }, request: 'POST /v1/x abc' } });
      expect(store.response('P', 'r2')).toEqual({ status: 200, body: { ok: true }, request: 'POST /v1/x abc' });
      // a key bound before: what it registered as is not known (the cloud then takes its C, as before)
      expect(store.principal('P')).toEqual({ signingKey: 'aa' });
      expect(store.principal('u')).toEqual({ signingKey: 'bb', kind: 'user' });
    } finally {
      store.close();
    }
  });
});
