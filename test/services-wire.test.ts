// The services at the wire, in this process: signed requests only (unsigned, forged, replayed,
// stale and wrong-principal requests refused and changing nothing), idempotent retries, bad
// input answered 4xx naming the field without a stack trace or a state change, durable state
// across a restart, the SHA-256 check on read, no secret in the log, and the OpenAPI documents
// equal to what the routes generate.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRP, rpGroup } from '../impl/index.js';
import { ServiceClient } from '../services/client.js';
import { newIdentity, type SigningIdentity } from '../services/identity.js';
import { ObjectStore, objectFileName } from '../services/object-store.js';
import { openapiDocuments } from '../services/openapi-documents.js';
import { serve, type Running } from '../services/serve.js';
import { SRS_OPS } from '../services/srs-ops.js';
import { b64, serverTimesOf, signRequest } from '../services/wire.js';

let dir: string;
let running: Running;
let logText = '';
const log = new Writable({ write(c, _e, cb) { logText += String(c); cb(); } });
const P = newIdentity('P');
const d = newIdentity('d');
const secrets: string[] = [];
let owner: ServiceClient;
let doctor: ServiceClient;

const start = () => serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir: dir, variant: 'srs-keys', policy: 'history', inspection: true, log });
const state = async () => (await (await fetch(`${running.srsUrl}/test/state`)).json()) as { digest: string; epoch: number };

async function raw(method: string, path: string, body: string | Uint8Array | undefined, headers: Record<string, string>, base = running.srsUrl!) {
  const res = await fetch(base + path, { method, headers: { ...(body !== undefined && { 'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream' }), ...headers }, body });
  const text = await res.text();
  return { status: res.status, text, json: (() => { try { return JSON.parse(text) as { error?: { code: string; field?: string; message: string } }; } catch { return {}; } })() };
}
const signed = (id: SigningIdentity, method: string, path: string, body: string, requestId?: string) => raw(method, path, body, signRequest(id, method, path, body, requestId));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesphr-wire-'));
  running = await start();
  owner = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: P });
  doctor = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: d });
  await owner.srs('registerOwner', { owner: 'P', signingKey: P.publicKey });
  await doctor.srs('register', { user: 'd', owner: 'P', role: 'doctor', signingKey: d.publicKey });
  await owner.srs('approve', { owner: 'P', user: 'd' });
  for (const [c, x] of [[owner, 'P'], [doctor, 'd']] as const) {
    await c.srs('genKey', { x });
    const k = await c.srs<{ sk: string }>('sendKeys', { x });
    secrets.push(k.sk, Buffer.from(k.sk, 'base64').toString('hex'));
  }
  secrets.push(P.exportSecret(), d.exportSecret());
}, 60_000);

afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('authentication', () => {
  const grantBody = JSON.stringify({ user: 'd', label: 'insurance' });
  const path = '/v1/owners/P/grants';

  it('refuses an unsigned request with 401 UNSIGNED and changes nothing', async () => {
    const before = await state();
    const r = await raw('POST', path, grantBody, {});
    expect(r.status).toBe(401);
    expect(r.json.error?.code).toBe('UNSIGNED');
    expect(await state()).toEqual(before);
  });

  it('refuses a forged signature (another key claiming P) with 401 BAD_SIGNATURE', async () => {
    const before = await state();
    const r = await signed(newIdentity('P'), 'POST', path, grantBody);
    expect([r.status, r.json.error?.code]).toEqual([401, 'BAD_SIGNATURE']);
    expect(await state()).toEqual(before);
  });

  it('refuses a request signed by another principal with 403 WRONG_PRINCIPAL', async () => {
    const before = await state();
    const r = await signed(d, 'POST', path, grantBody);
    expect([r.status, r.json.error?.code, r.json.error?.field]).toEqual([403, 'WRONG_PRINCIPAL', 'owner']);
    expect(await state()).toEqual(before);
  });

  it('refuses an unknown principal, a stale timestamp and a replayed request', async () => {
    const before = await state();
    expect((await signed(newIdentity('stranger'), 'POST', '/v1/users/stranger/ru', JSON.stringify({ file: 'f1', label: 'medical' }))).json.error?.code).toBe('NOT_REGISTERED');
    const old = signRequest(P, 'POST', path, grantBody, undefined, Date.now() - 120_000);
    expect((await raw('POST', path, grantBody, old)).json.error?.code).toBe('STALE_REQUEST');
    expect(await state()).toEqual(before);
    const h = signRequest(P, 'POST', path, grantBody);
    expect((await raw('POST', path, grantBody, h)).status).toBe(200);
    const after = await state();
    expect(after.epoch).toBe(before.epoch + 1);
    const again = await raw('POST', path, grantBody, h);
    expect([again.status, again.json.error?.code]).toEqual([401, 'REPLAYED']);
    expect(await state()).toEqual(after);
  });

  it('applies a retry with the same request id once and answers it as the first', async () => {
    const before = await state();
    const body = JSON.stringify({ user: 'd', label: 'prescription' });
    const a = await signed(P, 'POST', path, body, 'retry-1');
    const b = await signed(P, 'POST', path, body, 'retry-1');
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.text).toBe(a.text);
    expect((await state()).epoch).toBe(before.epoch + 1);
  });

  it('refuses a request id used again for another request, and changes nothing', async () => {
    const body = JSON.stringify({ user: 'd', label: 'insurance' });
    expect((await signed(P, 'POST', path, body, 'reused-1')).status).toBe(200);
    const before = await state();
    // another body, then another operation, under the same id
    for (const [p, b] of [[path, JSON.stringify({ user: 'd', label: 'personal' })], ['/v1/owners/P/revocations', JSON.stringify({ user: 'd' })]] as const) {
      const r = await signed(P, 'POST', p, b, 'reused-1');
      expect([r.status, r.json.error?.code, r.json.error?.field]).toEqual([409, 'REQUEST_ID_REUSED', 'x-sesphr-request-id']);
    }
    expect(await state()).toEqual(before);
    // the first request sent again is still a retry, answered as before
    expect((await signed(P, 'POST', path, body, 'reused-1')).status).toBe(200);
  });
});

describe('bad input at the wire', () => {
  const cases: Array<[string, () => Promise<{ status: number; json: { error?: { code: string; field?: string } }; text: string }>, number, string, string | undefined]> = [
    ['malformed JSON', () => signed(P, 'POST', '/v1/owners/P/grants', '{"user": "d",'), 400, 'INVALID_JSON', 'body'],
    ['a wrong type', () => signed(P, 'POST', '/v1/owners/P/upload-checks', JSON.stringify({ file: 'f1', label: 'medical', version: '1' })), 400, 'BAD_REQUEST', 'body.version'],
    ['a missing field', () => signed(P, 'POST', '/v1/owners/P/grants', JSON.stringify({ user: 'd' })), 400, 'BAD_REQUEST', 'body.label'],
    ['an unknown field', () => signed(P, 'POST', '/v1/owners/P/revocations', JSON.stringify({ user: 'd', extra: 1 })), 400, 'BAD_REQUEST', 'body'],
    ['an oversized body', () => signed(P, 'POST', '/v1/owners/P/grants', JSON.stringify({ user: 'd', label: 'x'.repeat(100_000) })), 413, 'BODY_TOO_LARGE', 'body'],
    ['an unknown route', () => signed(P, 'POST', '/v1/owners/P/nothing', '{}'), 404, 'UNKNOWN_ROUTE', 'url'],
    ['an id outside the alphabet', () => signed(P, 'POST', '/v1/owners/P/partitions', JSON.stringify({ file: 'f 1', label: 'medical', version: 1, rp: b64(encodeRP(rpGroup.base())) })), 400, 'INVALID_CONFIG', 'file'],
    ['an id outside the alphabet in the path', () => signed(P, 'POST', '/v1/owners/P%2F..%2Fx/grants', JSON.stringify({ user: 'd', label: 'medical' })), 400, 'INVALID_CONFIG', 'owner'],
    ['a label outside the alphabet in a batch of checks', () => signed(P, 'POST', '/v1/owners/P/upload-checks/batches', JSON.stringify({ file: 'f1', checks: [{ label: 'medical', version: 9 }, { label: 'x y', version: 1 }] })), 400, 'INVALID_CONFIG', 'body.checks.label'],
    ['an empty batch of checks', () => signed(P, 'POST', '/v1/owners/P/upload-checks/batches', JSON.stringify({ file: 'f1', checks: [] })), 400, 'BAD_REQUEST', 'body.checks'],
    ['a label outside the alphabet in a look-up', () => signed(P, 'POST', '/v1/partition-lookups', JSON.stringify({ file: 'f1', labels: ['medical', '../x'] })), 400, 'INVALID_CONFIG', 'body.labels'],
    ['an invalid group element', () => signed(P, 'POST', '/v1/owners/P/partitions', JSON.stringify({ file: 'f1', label: 'medical', version: 1, rp: b64(new Uint8Array(96).fill(0xff)) })), 400, '', 'RP(f1,medical)'],
    ['a group element of the wrong length', () => signed(P, 'POST', '/v1/owners/P/partitions', JSON.stringify({ file: 'f1', label: 'medical', version: 1, rp: b64(new Uint8Array(12)) })), 400, 'INVALID_ENCODING', 'RP(f1,medical)'],
  ];
  for (const [what, send, status, code, field] of cases) {
    it(`answers ${what} with ${status}, names the field, shows no stack and changes nothing`, async () => {
      const before = await state();
      const r = await send();
      expect(r.status).toBe(status);
      if (code) expect(r.json.error?.code).toBe(code);
      expect(r.json.error?.field).toBe(field);
      expect(r.text).not.toMatch(/\n\s+at |stack/);
      expect(await state()).toEqual(before);
    });
  }
});

describe('durability and the cloud', () => {
  it('stores C, serves it to a signed reader, refuses an unsigned one, and detects corruption on read', async () => {
    const c = new Uint8Array(70_000).map((_, i) => i & 0xff);
    // the checksum the cloud answers and keeps is C's own (taken from the signature check's hash)
    const sha256 = createHash('sha256').update(c).digest('hex');
    expect(await owner.putC('f9', 'medical', c)).toEqual({ ok: true, sha256 });
    // read back from disk with the digest its header holds, which a restarted cloud's index keeps
    expect(new ObjectStore(dir).read('f9', 'medical')).toMatchObject({ owner: 'P', file: 'f9', label: 'medical', sha256 });
    expect(Buffer.from(await doctor.getC('f9', 'medical')).equals(Buffer.from(c))).toBe(true);
    expect((await raw('GET', '/v1/objects/f9/medical', undefined, {}, running.cloudUrl)).json.error?.code).toBe('UNSIGNED');
    expect(await doctor.labels('f9')).toEqual(['medical']);
    // Another owner cannot take the file over.
    const Q = newIdentity('Q');
    const q = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: Q });
    await q.srs('registerOwner', { owner: 'Q', signingKey: Q.publicKey });
    await expect(q.putC('f9', 'medical', c)).rejects.toMatchObject({ code: 'FILE_OWNED_BY_OTHER' });
    // a user cannot claim a file id before its owner: the cloud takes C from owners only
    await expect(doctor.putC('f7', 'medical', c)).rejects.toMatchObject({ status: 403, code: 'NOT_AN_OWNER' });
    expect(new ObjectStore(dir).read('f7', 'medical')).toBeUndefined();
    expect(await owner.putC('f7', 'medical', c)).toMatchObject({ ok: true });
    expect(await (await fetch(`${running.srsUrl}/v1/directory/d`)).json()).toMatchObject({ principal: 'd', owner: false });
    expect(await (await fetch(`${running.srsUrl}/v1/directory/P`)).json()).toMatchObject({ principal: 'P', owner: true });
    await owner.putC('f8', 'medical', c);
    const objects = join(dir, 'objects');
    const f8 = objectFileName('f8', 'medical');
    const bytes = readFileSync(join(objects, f8));
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(join(objects, f8), bytes);
    const r = await raw('GET', '/v1/objects/f8/medical', undefined, signRequest(d, 'GET', '/v1/objects/f8/medical', ''), running.cloudUrl);
    expect([r.status, r.json.error?.code]).toEqual([500, 'CLOUD_CORRUPT']);
  });

  it('stores an object whose ids are the longest allowed, and stays up', async () => {
    // 64 characters each: as hex, more than the 255 bytes a file name may hold
    const label = 'l'.repeat(64), c = new Uint8Array([1, 2, 3]);
    const files = ['f'.repeat(64), 'g'.repeat(64)];
    for (const f of files) {
      expect(await owner.putC(f, label, c)).toMatchObject({ ok: true });
      expect([...(await doctor.getC(f, label))]).toEqual([1, 2, 3]);
      expect(new ObjectStore(dir).read(f, label)).toMatchObject({ owner: 'P', file: f, label });
    }
    expect([...new ObjectStore(dir).all()].filter((o) => o.label === label).map((o) => o.file).sort()).toEqual(files);
    expect((await fetch(`${running.cloudUrl}/v1/info`)).ok).toBe(true);
  });

  it('keeps every acknowledged operation and object across a restart', async () => {
    const before = await state();
    const holdings = await (await fetch(`${running.srsUrl}/test/holdings`)).text();
    await running.close();
    running = await start();
    owner = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: P });
    doctor = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: d });
    expect(await state()).toEqual(before);
    expect(await (await fetch(`${running.srsUrl}/test/holdings`)).text()).toBe(holdings);
    expect((await doctor.getC('f9', 'medical')).length).toBe(70_000);
    // Signing keys survive too: the doctor is still known, its membership intact.
    expect(await doctor.srs('requestRU', { user: 'd', file: 'nofile', label: 'medical' })).toMatchObject({ granted: false, code: 'NO_SUCH_PARTITION' });
  }, 60_000);
});

describe('the servers\' own time', () => {
  it('is said in a Server-Timing header by an inspection deployment only', async () => {
    for (const base of [running.srsUrl!, running.cloudUrl!]) {
      const header = (await fetch(`${base}/v1/info`)).headers.get('server-timing');
      expect(header).toMatch(/^app;dur=\d+\.\d{3}, durable;dur=0\.000, sig;dur=0\.000$/);
      expect(serverTimesOf(header)!.app).toBeGreaterThanOrEqual(0);
    }
    const plainDir = mkdtempSync(join(tmpdir(), 'sesphr-wire-plain-'));
    const plain = await serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir: plainDir, variant: 'srs-keys', policy: 'history' });
    try {
      for (const base of [plain.srsUrl!, plain.cloudUrl!]) expect((await fetch(`${base}/v1/info`)).headers.get('server-timing')).toBeNull();
    } finally {
      await plain.close();
      rmSync(plainDir, { recursive: true, force: true });
    }
    expect(serverTimesOf('cache;dur=2, app;dur=0.812, sig;dur=0.05')).toEqual({ app: 0.812, durable: 0, signature: 0.05 });
    expect(serverTimesOf('cache;dur=2, durable;dur=1')).toBeUndefined();
    expect(serverTimesOf(null)).toBeUndefined();
  });
});

describe('logs and the protocol document', () => {
  it('writes no secret key, signing key or plaintext into the log', () => {
    expect(logText.length).toBeGreaterThan(0);
    for (const s of secrets) expect(logText).not.toContain(s);
    expect(logText).not.toMatch(/"(sk|rp|ru|signingKey|signature)"/);
  });

  it('publishes every route, body and error code, as generated from the routes', async () => {
    const docs = await openapiDocuments();
    for (const name of ['srs', 'cloud'] as const) {
      expect(JSON.parse(readFileSync(`services/openapi/${name}.json`, 'utf8')), `services/openapi/${name}.json is stale: run scripts/gen-openapi.ts`).toEqual(JSON.parse(JSON.stringify(docs[name])));
    }
    const paths = (docs.srs as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> }).paths;
    for (const op of SRS_OPS) {
      const route = paths[op.url.replace(/:(\w+)/g, '{$1}')]?.[op.method.toLowerCase()];
      expect(route, `${op.method} ${op.url}`).toBeDefined();
      for (const s of op.errors) expect(route!.responses[String(s)]?.description).toMatch(/error codes: /);
    }
  });
});
