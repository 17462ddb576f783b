// The audit chain (impl/modules/audit.ts): every security-relevant SRS event is logged, the chain survives
// a restart, any change to the file is detected at the first bad line, and nothing secret is in it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog, AuditReadError, verifyLog, type AuditEntry } from '../impl/modules/audit.js';
import { Cloud, PatientClient, Srs, UserClient, deterministicRandom, encodeScalar, isSesphrError, type Variant } from '../impl/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sesphr-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `log-${n++}.jsonl`);
const lines = (p: string) => readFileSync(p, 'utf8').split('\n').filter((l) => l !== '');
const entries = (p: string) => lines(p).map((l) => JSON.parse(l) as AuditEntry);

/** A small world on an audited SRS: owner, a doctor and an insurer, one upload, reads and refusals. */
function auditedRun(path: string, variant: Variant = 'srs-keys') {
  const rng = (who: string) => deterministicRandom(`audit-test/${who}`);
  const srs = new Srs({ variant, policy: 'history', rng: rng('srs'), audit: AuditLog.open(path) });
  const cloud = new Cloud();
  const owner = new PatientClient('patient', { srs, cloud, rng: rng('patient') });
  owner.register();
  owner.genKey();
  owner.sendKeys();
  const join = (id: string, role: 'doctor' | 'insurer') => {
    const u = new UserClient(id, { srs, cloud, rng: rng(id) });
    u.register('patient', role);
    u.genKey();
    u.sendKeys();
    owner.approve(id);
    return u;
  };
  const doc = join('doc', 'doctor');
  const ins = join('ins', 'insurer');
  owner.upload('f1', { medical: 'blood pressure 120/80', insurance: 'policy 42' });
  const reads = [doc.readAll('f1'), ins.readAll('f1')];
  owner.grant('ins', 'medical');
  owner.revoke('doc');
  reads.push(doc.readAll('f1'));
  return { srs, cloud, owner, doc, ins, reads };
}

describe('the audit log records every security-relevant event', () => {
  it('registration, keys, approval, upload, each R granted or refused, grant, revocation: in order, with epochs', () => {
    const p = freshPath();
    const { reads } = auditedRun(p);
    const es = entries(p);
    expect(verifyLog(p)).toEqual({ ok: true, entries: es.length, head: es[es.length - 1].hash });
    const kinds = es.map((e) => e.event);
    expect(kinds[0]).toBe('srs-start');
    for (const k of ['register-owner', 'register', 'key-generated', 'key-issued', 'approve', 'rp-stored', 'r-granted', 'r-refused', 'grant', 'revoke'] as const) expect(kinds).toContain(k);
    // every R request the users made is there, granted or refused, with who and what
    const requests = es.filter((e) => e.event === 'r-granted' || e.event === 'r-refused');
    expect(requests.length).toBe(reads.flat().length);
    expect(requests.find((e) => e.actor === 'ins' && e.label === 'medical')).toMatchObject({ event: 'r-refused', code: 'NOT_GRANTED', file: 'f1' });
    // the doctor is not granted insurance by default; after its revocation both of its requests are refused
    expect(requests.filter((e) => e.actor === 'doc' && e.event === 'r-refused').map((e) => e.code)).toEqual(['NOT_GRANTED', 'REVOKED', 'REVOKED']);
    // epochs never go back, and the chain links each entry to the one before
    for (let k = 1; k < es.length; k++) {
      expect(es[k].epoch).toBeGreaterThanOrEqual(es[k - 1].epoch);
      expect(es[k].prev).toBe(es[k - 1].hash);
      expect(es[k].seq).toBe(k);
    }
  });

  it('is opt-in: an SRS without `audit` behaves and digests exactly as before', () => {
    const plain = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('x') });
    const audited = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('x'), audit: AuditLog.open(freshPath()) });
    for (const s of [plain, audited]) {
      s.registerOwner('patient');
      s.register('u', 'patient', 'doctor');
      s.genKey('patient');
    }
    expect(audited.stateDigest()).toBe(plain.stateDigest());
  });

  it('never contains a key, an R value or plaintext: only ids, labels, codes and epochs', () => {
    for (const variant of ['srs-keys', 'owner-keys'] as const) {
      const p = freshPath();
      const { srs, cloud, owner, doc, ins } = auditedRun(p, variant);
      const text = readFileSync(p, 'utf8');
      const secrets = [srs, cloud, owner, doc, ins].flatMap((x) => x.holdings()).map((h) => h.bytes).filter((b) => b.length >= 8);
      expect(secrets.length).toBeGreaterThan(10);
      for (const b of secrets) {
        const buf = Buffer.from(b);
        for (const form of [buf.toString('hex'), buf.toString('base64'), buf.toString('base64url'), buf.toString('utf8')]) expect(text.includes(form.slice(0, 24))).toBe(false);
      }
      expect(text).not.toContain('blood pressure');
      expect(text).not.toContain('policy 42');
      // and the log refuses to take anything that is not an id
      const log = AuditLog.open(p);
      const key = Buffer.from(encodeScalar(123456789n)).toString('base64');
      expect(() => log.append({ event: 'grant', epoch: 1, label: key })).toThrow(/label is not an id/);
      expect(() => log.append({ event: 'grant', epoch: 1, actor: 'x'.repeat(65) })).toThrow(/actor is not an id/);
      expect(verifyLog(p).ok).toBe(true);
    }
  });

  it('survives a restart: a new SRS reopens the same file and continues the chain', () => {
    const p = freshPath();
    auditedRun(p);
    const before = entries(p).length;
    const again = new Srs({ variant: 'srs-keys', policy: 'history', audit: AuditLog.open(p) });
    again.registerOwner('other');
    const es = entries(p);
    expect(es.length).toBe(before + 2);
    expect(es[before]).toMatchObject({ event: 'srs-start', seq: before, prev: es[before - 1].hash });
    expect(es[before + 1]).toMatchObject({ event: 'register-owner', actor: 'other' });
    expect(verifyLog(p)).toMatchObject({ ok: true, entries: before + 2 });
  });
});

describe('any change to the log is detected at the first bad entry', () => {
  const base = () => {
    const p = freshPath();
    auditedRun(p);
    return { p, ls: lines(p) };
  };
  const write = (p: string, ls: string[]) => writeFileSync(p, ls.map((l) => l + '\n').join(''));

  it('a modified entry: its own line, "modified"', () => {
    const { p, ls } = base();
    const e = JSON.parse(ls[7]);
    e.actor = e.actor === 'doc' ? 'ins' : 'doc';
    ls[7] = JSON.stringify(e);
    write(p, ls);
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 8, entries: 7, problem: expect.stringMatching(/modified/) });
  });

  it('a modified entry whose hash was recomputed breaks the next link', () => {
    const { p, ls } = base();
    const log = JSON.parse(ls[5]);
    log.code = 'REVOKED';
    // recompute its hash with the library's own canonical form: append the same facts to a scratch log
    const scratch = freshPath();
    write(scratch, ls.slice(0, 5));
    const { hash: _h, seq: _s, prev: _p, ...facts } = log;
    const forged = AuditLog.open(scratch).append(facts);
    ls[5] = lines(scratch)[5];
    expect(forged.seq).toBe(5);
    write(p, ls);
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 7, problem: expect.stringMatching(/previous-hash link/) });
  });

  it('a removed entry: the line after the gap', () => {
    const { p, ls } = base();
    ls.splice(4, 1);
    write(p, ls);
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 5, entries: 4, problem: expect.stringMatching(/sequence number 5 where 4/) });
  });

  it('two reordered entries: the first of them', () => {
    const { p, ls } = base();
    [ls[3], ls[4]] = [ls[4], ls[3]];
    write(p, ls);
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 4, entries: 3 });
  });

  it('an inserted entry (a copy of another): where it was inserted', () => {
    const { p, ls } = base();
    ls.splice(6, 0, ls[2]);
    write(p, ls);
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 7, entries: 6 });
  });

  it('removed entries at the end: detected against an anchor (the head published earlier), not without', () => {
    const { p, ls } = base();
    const head = { entries: ls.length, hash: JSON.parse(ls[ls.length - 1]).hash };
    expect(verifyLog(p, head)).toMatchObject({ ok: true });
    write(p, ls.slice(0, -2));
    expect(verifyLog(p)).toMatchObject({ ok: true, entries: ls.length - 2 });
    expect(verifyLog(p, head)).toMatchObject({ ok: false, line: ls.length - 1, problem: expect.stringMatching(/removed from the end/) });
  });

  it('a torn last line is detected (not dropped), and an SRS refuses to extend a torn or broken log', () => {
    const { p, ls } = base();
    const text = ls.map((l) => l + '\n').join('');
    writeFileSync(p, text + ls[0].slice(0, 30));
    expect(verifyLog(p)).toMatchObject({ ok: false, line: ls.length + 1, entries: ls.length, problem: expect.stringMatching(/torn/) });
    let caught: unknown;
    try {
      AuditLog.open(p);
    } catch (e) {
      caught = e;
    }
    expect(isSesphrError(caught, 'AUDIT_CORRUPT')).toBe(true);
    expect((caught as Error).message).toMatch(/line \d+: torn/);
    // a last line without its line end is torn even when it parses
    writeFileSync(p, text.slice(0, -1));
    expect(verifyLog(p)).toMatchObject({ ok: false, line: ls.length, problem: expect.stringMatching(/torn/) });
  });

  it('bad input: garbage is a bad log at line 1; a missing file or a directory is unreadable', () => {
    const p = freshPath();
    writeFileSync(p, '\u0000\u0001 not json\n');
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 1, problem: 'not a JSON entry' });
    writeFileSync(p, '[1,2]\n');
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 1, problem: 'not a JSON object' });
    writeFileSync(p, '{"seq":0,"epoch":0,"event":"explode","prev":"x","hash":"y"}\n');
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 1, problem: expect.stringMatching(/unknown event/) });
    // an event that is not text, nested deeper than the stack: named by its kind, never turned into text
    writeFileSync(p, `{"seq":0,"epoch":0,"event":${'['.repeat(100_000)}${']'.repeat(100_000)},"prev":"x","hash":"y"}\n`);
    expect(verifyLog(p)).toMatchObject({ ok: false, line: 1, problem: 'event is not a name (an array)' });
    writeFileSync(p, '');
    expect(verifyLog(p)).toMatchObject({ ok: true, entries: 0 });
    expect(() => verifyLog(join(dir, 'missing.jsonl'))).toThrow(AuditReadError);
    expect(() => verifyLog(dir)).toThrow(AuditReadError);
  });
});
