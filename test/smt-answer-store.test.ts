// The stored answers (smt/answer-store.ts): a second run of the same catalogue solves nothing and
// writes the same verdicts and the same .smt2 files; a line cut short or changed is skipped, so a
// damaged store costs solving time, never a wrong answer; `read: 0` solves everything.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ANSWER_BUCKETS, STORE_ENV, STORE_READ_ENV, commandKey } from '../smt/answered.js';
import { appendStore, compactStore, indexStore, readStore, readStoreVersion, storedOutput, storeFile, VERSION_KEY, versionFile } from '../smt/answer-store.js';
import { takeProfile } from '../smt/profile.js';
import { verifyCatalogue } from '../smt/catalogue.js';
import { shutdownZ3 } from '../smt/z3.js';
import { tempDir } from './support/temp-dir.js';

afterAll(shutdownZ3);
afterEach(() => {
  delete process.env[STORE_ENV];
  delete process.env[STORE_READ_ENV];
});

const tmp = () => tempDir('sesphr-answers-');
const files = (dir: string) => Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => [join(d.parentPath, d.name).slice(dir.length), readFileSync(join(d.parentPath, d.name), 'utf8')]));

describe('the store file', () => {
  it('reads back what was appended, the later line winning', () => {
    const f = storeFile(tmp(), 'z3 test build');
    appendStore(f, [['k1', 'sat\n'], ['k2', 'unsat\n']]);
    appendStore(f, [['k1', 'unsat\n']]);
    const r = readStore(f);
    expect([...r.entries]).toEqual([['k2', 'unsat\n'], ['k1', 'unsat\n']]);
    expect(r.repeated).toBe(1);
    expect(r.broken).toBe(0);
  });

  it('skips a line cut short and a line whose output was changed, and compaction removes them', () => {
    const f = storeFile(tmp(), 'z3 test build');
    appendStore(f, [['k1', 'sat\n'], ['k2', 'unsat\n'], ['k3', 'sat\n']]);
    const lines = readFileSync(f, 'utf8').split('\n');
    lines[1] = lines[1].replace('unsat', 'sat'); // changed by hand: the checksum no longer matches
    writeFileSync(f, `${lines.join('\n')}{"k":"k4","o":"sa`); // a crash in the middle of a line
    const r = readStore(f);
    expect([...r.entries.keys()]).toEqual(['k1', 'k3']);
    expect(r.broken).toBe(2);
    compactStore(f);
    expect(readStore(f)).toEqual({ entries: new Map([['k1', 'sat\n'], ['k3', 'sat\n']]), broken: 0, repeated: 0 });
  });

  it('is indexed by key with each line checked when asked for: the same outputs as read whole, nothing from a damaged line', () => {
    const f = storeFile(tmp(), 'z3 test build');
    appendStore(f, [['k1', 'sat\n'], ['k2', 'unsat\n'], ['k"3\\', '(error "x")\n'], ['k4', 'sat\n']]);
    appendStore(f, [['k1', 'unsat\n']]);
    const lines = readFileSync(f, 'utf8').split('\n');
    lines[1] = lines[1].replace('unsat', 'sat'); // k2 changed by hand
    writeFileSync(f, `${lines.join('\n')}{"k":"k5","o":"sa`); // cut short
    const whole = readStore(f).entries;
    const index = indexStore(f);
    expect([...index.keys()].sort()).toEqual(['k"3\\', 'k1', 'k2', 'k4', 'k5']);
    const checked = new Map([...index].flatMap(([k, l]) => {
      const o = storedOutput(l, k);
      return o === undefined ? [] : [[k, o] as const];
    }));
    expect(checked).toEqual(whole);
    expect(checked.get('k1')).toBe('unsat\n');
    expect(checked.has('k2')).toBe(false);
    // a line is the answer to its own key only
    expect(storedOutput(index.get('k1')!, 'k4')).toBeUndefined();
    expect(indexStore(join(tmp(), 'absent.jsonl')).size).toBe(0);
  });

  it('keeps the most recent entries within its bound', () => {
    const f = storeFile(tmp(), 'z3 test build');
    appendStore(f, Array.from({ length: 10 }, (_, k) => [`k${k}`, `${k}`] as const));
    expect([...compactStore(f, 3).entries.keys()]).toEqual(['k7', 'k8', 'k9']);
    expect(readStore(f).entries.size).toBe(3);
  });

  it('keys commands and checks lines as every earlier build did, so the stores they wrote still answer', () => {
    // the digests as they were first computed: SHA-256 of the parts fed one after the other
    const sha = (...parts: string[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('base64');
    const text = '(declare-const |Member(u1)@0| Bool)\n(check-sat)\n';
    expect(commandKey('', text)).toBe(sha('', '\0', text));
    const key = commandKey(commandKey('', text), '(get-value (|Member(u1)@0|))\n');
    expect(key).toBe(sha(sha('', '\0', text), '\0', '(get-value (|Member(u1)@0|))\n'));
    const f = storeFile(tmp(), 'z3 test build');
    const line = `${JSON.stringify({ k: key, o: 'sat\n', c: sha(key, '\0', 'sat\n').slice(0, 16) })}\n`;
    writeFileSync(f, line);
    expect(readStore(f).entries.get(key)).toBe('sat\n');
    expect(storedOutput(line.trimEnd(), key)).toBe('sat\n');
  });

  it('has one file per z3 build', () => {
    expect(storeFile('d', 'z3-solver 5.2.0')).not.toBe(storeFile('d', 'z3-solver 5.3.0'));
  });
});

describe('a catalogue run with the store', () => {
  // proved by inductive invariants (Houdini sessions), witnessed premises (BMC) and a violation with its trace
  const opts = { universe: 'small', properties: ['paper.no-ungranted-R', 'collusion.srs-cloud'], profiles: ['paper', 'adversarial'] as const, variants: ['srs-keys'] as const, policies: ['history'] as const, workers: 1 };
  const run = async (smtOut: string, storedAnswers?: boolean) => {
    takeProfile();
    const results = await verifyCatalogue({ ...opts, smtOut, storedAnswers });
    const p = takeProfile();
    const count = (b: string) => p[b]?.count ?? 0;
    return {
      verdicts: results.map((r) => `${r.property} ${r.profile} ${r.verdict.kind}`),
      solved: count(ANSWER_BUCKETS.solved),
      stored: count(ANSWER_BUCKETS.stored),
      files: files(smtOut),
      solver: results[0].solver,
    };
  };

  it('solves nothing the second time, with the same verdicts and files; a damaged store only costs solving', { timeout: 300_000 }, async () => {
    const dir = tmp();
    process.env[STORE_ENV] = storeFile(dir, 'z3 test build');
    const first = await run(join(dir, 'first'));
    expect(first.solved).toBeGreaterThan(0);
    expect(first.stored).toBe(0);
    expect(first.verdicts).toContain('collusion.srs-cloud adversarial violated');
    // each answer written once, and the build named beside the store
    expect(readStore(process.env[STORE_ENV]!).repeated).toBe(0);
    expect(readStoreVersion(process.env[STORE_ENV]!)).toBe(first.solver);

    const second = await run(join(dir, 'second'));
    expect(second.solved).toBe(0);
    expect(second.stored).toBeGreaterThan(0);
    expect(second.verdicts).toEqual(first.verdicts);
    expect(second.files).toEqual(first.files);

    // a benchmark of solving turns the store off for its own runs only
    const solving = await run(join(dir, 'solving'), false);
    expect(solving.stored).toBe(0);
    expect(solving.solved).toBe(first.solved);
    expect(solving.files).toEqual(first.files);
    expect((await run(join(dir, 'after'))).solved).toBe(0);

    // every recorded output changed by hand: no line passes its checksum, so everything is solved again
    const f = process.env[STORE_ENV]!;
    writeFileSync(f, readFileSync(f, 'utf8').replaceAll('"o":"', '"o":"sat\\n'));
    const third = await run(join(dir, 'third'));
    expect(third.stored).toBe(0);
    expect(third.solved).toBe(first.solved);
    expect(third.verdicts).toEqual(first.verdicts);
    expect(third.files).toEqual(first.files);
    // the answers solved in place of the damaged lines are recorded again
    expect((await run(join(dir, 'again'))).solved).toBe(0);

    process.env[STORE_READ_ENV] = '0';
    const fresh = await run(join(dir, 'fresh'));
    expect(fresh.stored).toBe(0);
    expect(fresh.solved).toBe(first.solved);
    expect(fresh.files).toEqual(first.files);
  });

  it('is the one the process names now on worker threads kept from an earlier catalogue', { timeout: 300_000 }, async () => {
    const dir = tmp();
    const two = { ...opts, workers: 2 };
    const counts = async () => {
      takeProfile();
      await verifyCatalogue(two);
      const p = takeProfile();
      return { solved: p[ANSWER_BUCKETS.solved]?.count ?? 0, stored: p[ANSWER_BUCKETS.stored]?.count ?? 0 };
    };
    // the workers start with no store named, and are kept for the next catalogue
    expect((await counts()).stored).toBe(0);
    process.env[STORE_ENV] = storeFile(dir, 'z3 test build');
    const first = await counts();
    expect(readStore(process.env[STORE_ENV]).entries.size).toBeGreaterThan(0);
    const second = await counts();
    expect(second.solved).toBe(0);
    expect(second.stored).toBeGreaterThan(0);
    process.env[STORE_READ_ENV] = '0';
    expect(await counts()).toEqual({ solved: first.solved, stored: 0 });
  });

  it('is written once on two threads: no line repeated, the build named once', { timeout: 300_000 }, async () => {
    const file = storeFile(tmp(), 'z3 test build');
    process.env[STORE_ENV] = file;
    const [r] = await verifyCatalogue({ ...opts, workers: 2 });
    const log = readFileSync(file, 'utf8');
    expect(readStore(file).repeated).toBe(0);
    expect(log).not.toContain(JSON.stringify(VERSION_KEY));
    expect(readStoreVersion(file)).toBe(r.solver);
    // a store of an earlier build names its build as a line of the log
    rmSync(versionFile(file));
    appendStore(file, [[VERSION_KEY, r.solver]]);
    expect((await verifyCatalogue({ ...opts, workers: 2 }))[0].solver).toBe(r.solver);
    expect(existsSync(versionFile(file))).toBe(false);
  });
});
