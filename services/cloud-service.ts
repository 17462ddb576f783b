// The cloud as an HTTP service: sealed partitions C(f,i) as files (object-store.ts), the
// implementation's Cloud as the index that decides what may be stored (ids, one owner per file).
// Every request is signed by a principal the SRS has registered; the cloud learns signing keys
// from the SRS's public directory. An upload is acknowledged only after its file is durable.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Cloud, SesphrError, tok } from '../impl/index.js';
import { RequestVerifier, type KeyDirectory } from './auth.js';
import { HttpError } from './errors.js';
import type { TlsPair } from './exposure.js';
import { send } from './http-send.mjs';
import { createApp, timedWork } from './http.js';
import { describeRoutes } from './openapi.js';
import { ObjectStore } from './object-store.js';
import { ID, OK, errors, obj } from './schemas.js';
import { checkIds, type SrsOp } from './srs-ops.js';
import { b64, sha256Hex } from './wire.js';

export interface CloudServiceOptions {
  dataDir: string;
  /** where signing keys come from: the SRS's directory */
  keys: KeyDirectory & { clear?(): void };
  inspection?: boolean;
  /** collect the routes' schemas into an OpenAPI document (openapi.ts) */
  describe?: boolean;
  log?: NodeJS.WritableStream;
  /** largest C accepted, bytes (default 64 MiB) */
  maxObjectBytes?: number;
  /** serve over TLS with this certificate and key; none: clear HTTP */
  https?: TlsPair;
}

const PART = obj({ file: ID, label: ID });
const checkPart = (x: { file: string; label: string }) => checkIds({ params: PART } as unknown as SrsOp, x);
/** `?version=v`: only that version of C(f,i) (a record update replaces the previous one). A query
 *  string is text and the services coerce nothing: the digits are checked here, then read. */
const VERSION_QUERY = obj({ version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$', description: 'a version, 1 or more' } }, []);
/** A Buffer over the same bytes (a read object is sent as it was read, not copied first). */
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const OCTETS = { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };

/** The largest C (a PUT body) a cloud takes unless told otherwise: 64 MiB. */
export const MAX_OBJECT_BYTES = 64 * 2 ** 20;

export async function createCloudService(o: CloudServiceOptions): Promise<FastifyInstance> {
  const maxObjectBytes = o.maxObjectBytes ?? MAX_OBJECT_BYTES;
  const store = new ObjectStore(o.dataDir);
  // The index decides what may be stored and which version is there; C itself is on disk only.
  const indexOver = () => new Cloud({ bytes: { read: (file, label) => store.read(file, label)?.c }, maxObjectBytes });
  let cloud = indexOver();
  // each object was checked against its header's digest as it was read: the index keeps that one
  for (const x of store.all()) cloud.put(x, x.sha256);
  const verifier = new RequestVerifier(o.keys);
  const app = createApp({ bodyLimit: maxObjectBytes, log: o.log, serverTiming: o.inspection === true, https: o.https });
  if (o.describe) await describeRoutes(app, 'cloud');

  const signed = async (req: FastifyRequest) => {
    const x = req.params as { file: string; label: string };
    checkPart(x);
    await verifier.verify(req);
    return x;
  };

  app.put('/v1/objects/:file/:label', {
    schema: { summary: 'Send_C, rule 28: store (or replace with a newer upload) C(f,i); the owner is the signer, a principal registered as an owner', tags: ['cloud'], params: PART, response: { 200: obj({ ok: OK.properties.ok, sha256: { type: 'string' } }), ...errors([400, 401, 403, 409, 413]) } },
  }, async (req) => {
    const { file, label } = await signed(req);
    // Send_C is the owner's (rule 28): a user's upload would claim the file id before its owner
    if ((await o.keys.isOwner?.(req.principal!)) === false)
      throw new HttpError(403, 'NOT_AN_OWNER', `${req.principal} registered as a user: C is sent to the cloud by its owner`, 'x-sesphr-principal');
    const c = req.body;
    if (!(c instanceof Buffer)) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'body: C must be sent as application/octet-stream', 'content-type');
    // the body as it arrived, not a copy of it
    const obj = { owner: req.principal!, file, label, c: new Uint8Array(c.buffer, c.byteOffset, c.byteLength) };
    // the body is C byte for byte, so the signature check's hash of it is C's checksum (hashed once)
    const sha256 = req.rawBody === c && req.bodySha256 ? req.bodySha256 : sha256Hex(obj.c);
    cloud.put(obj, sha256);
    try {
      timedWork(req, 'durable', () => store.write(obj, sha256));
    } catch {
      // The index changed but the object is not durable: stop, so a restart serves only what is on disk.
      req.log.fatal({ file, label }, 'object write failed; stopping');
      setImmediate(() => process.exit(70));
      throw new HttpError(503, 'STORE_FAILED', 'the object could not be stored');
    }
    return { ok: true, sha256 };
  });

  const readC = (file: string, label: string, version?: number): Uint8Array => {
    const x = store.read(file, label);
    // the index knows which version each object's sealed header names: another one is not here
    if (version !== undefined && x) cloud.requireStored(file, label, version);
    if (!x) throw new SesphrError('NO_SUCH_PARTITION', `C(${file},${label}): not stored at the cloud`, tok.C(file, label));
    return x.c;
  };
  const versionOf = (req: FastifyRequest) => {
    const v = (req.query as { version?: string } | undefined)?.version;
    return v === undefined ? undefined : Number(v);
  };

  app.get('/v1/objects/:file/:label', {
    schema: { summary: 'D_C, rule 30: C(f,i), its SHA-256 checked on read; ?version=v: only that version', tags: ['cloud'], params: PART, querystring: VERSION_QUERY, response: { 200: { description: 'C(f,i)', ...OCTETS }, ...errors([400, 401, 404]), 500: { description: 'CLOUD_CORRUPT: the stored object fails its SHA-256 check' } } },
  }, async (req, reply) => {
    const { file, label } = await signed(req);
    return reply.type('application/octet-stream').send(asBuffer(readC(file, label, versionOf(req))));
  });

  app.get('/v1/files/:file/labels', {
    schema: { summary: 'The labels stored for a file: the manifest a reader walks', tags: ['cloud'], params: obj({ file: ID }), response: { 200: obj({ labels: { type: 'array', items: ID } }), ...errors([400, 401]) } },
  }, async (req) => {
    const { file } = req.params as { file: string };
    checkIds({ params: obj({ file: ID }) } as unknown as SrsOp, { file });
    await verifier.verify(req);
    return { labels: cloud.labels(file) };
  });

  app.get('/v1/info', { schema: { summary: 'The service (public)', tags: ['cloud'], response: { 200: obj({ service: { type: 'string' }, inspection: { type: 'boolean' }, maxObjectBytes: { type: 'integer', description: 'the largest C (a PUT body) this cloud takes' } }) } } }, async () => ({ service: 'cloud', inspection: o.inspection === true, maxObjectBytes }));

  if (o.inspection) {
    app.get('/test/holdings', { schema: { summary: 'TEST ONLY (--inspection): what the cloud holds, token by token', tags: ['inspection'], response: { 200: { type: 'array', items: obj({ token: { type: 'string' }, bytes: { type: 'string' } }) } } } }, async () =>
      cloud.holdings().map((h) => ({ token: h.token, bytes: b64(h.bytes) })),
    );
    app.get('/test/objects/:file/:label', { schema: { summary: 'TEST ONLY: a cloud insider hands C(f,i) to anyone (the adversarial Leak_C)', tags: ['inspection'], params: PART, querystring: VERSION_QUERY, response: { 200: { description: 'C(f,i)', ...OCTETS }, ...errors([400, 404]) } } }, async (req, reply) => {
      const { file, label } = req.params as { file: string; label: string };
      checkPart({ file, label });
      return reply.type('application/octet-stream').send(asBuffer(readC(file, label, versionOf(req))));
    });
    app.delete('/test/objects/:file/:label', { schema: { summary: 'TEST ONLY: the cloud loses C(f,i)', tags: ['inspection'], params: PART, response: { 200: OK, ...errors([400, 404]) } } }, async (req) => {
      const { file, label } = req.params as { file: string; label: string };
      checkPart({ file, label });
      cloud.deleteForTest(file, label);
      store.delete(file, label);
      return { ok: true };
    });
    app.post('/test/reset', { schema: { summary: 'TEST ONLY: start over, empty', tags: ['inspection'], response: { 200: OK } } }, async () => {
      store.clear();
      cloud = indexOver();
      o.keys.clear?.();
      return { ok: true };
    });
  }
  return app;
}

/** One GET of the SRS's directory: the answer's status and body; status 0, no answer, and why. */
type DirectoryGet = (path: string) => Promise<{ status: number; body: string; error?: string }>;

/** Signing keys from the SRS's public directory, with whether each principal is an owner, cached
 *  (a principal's key and what it registered as never change). */
function directory(get: DirectoryGet): KeyDirectory & { clear(): void } {
  const cache = new Map<string, { signingKey: string; owner?: boolean }>();
  const entry = async (p: string) => {
    const hit = cache.get(p);
    if (hit) return hit;
    const res = await get(`/v1/directory/${encodeURIComponent(p)}`);
    // the reason (ECONNREFUSED, a certificate not trusted here, ...) is the operator's clue
    const unreachable = (why: string) => new HttpError(503, 'SRS_UNREACHABLE', why, 'x-sesphr-principal');
    if (res.status === 0) throw unreachable(`the SRS directory cannot be reached to check the signature (${res.error ?? 'no answer'})`);
    if (res.status === 404) return undefined;
    if (res.status < 200 || res.status > 299) throw unreachable(`the SRS directory answered ${res.status}`);
    const { signingKey, owner } = JSON.parse(res.body) as { signingKey: string; owner?: boolean };
    const e = { signingKey, ...(typeof owner === 'boolean' && { owner }) };
    cache.set(p, e);
    return e;
  };
  return {
    clear: () => cache.clear(),
    signingKey: async (p: string) => (await entry(p))?.signingKey,
    isOwner: async (p: string) => (await entry(p))?.owner,
  };
}

/** The directory of the SRS at `srsUrl` (a cloud alone), over http: or https:; an https: SRS's
 *  certificate is checked against Node's CAs and those NODE_EXTRA_CA_CERTS adds at start. */
export function srsDirectory(srsUrl: string): KeyDirectory & { clear(): void } {
  return directory(async (path) => {
    const r = await send({ method: 'GET', url: srsUrl + path, headers: {} });
    return { status: r.status, body: new TextDecoder().decode(r.body), ...(r.error && { error: r.error }) };
  });
}

/** The directory of the SRS `serve` runs in this same process, asked without the network: the
 *  cloud then needs neither to trust the SRS's certificate nor to reach the address it listens on
 *  (0.0.0.0, or a name in its certificate that this machine may not resolve to itself). */
export function inProcessDirectory(srs: FastifyInstance): KeyDirectory & { clear(): void } {
  return directory(async (path) => {
    try {
      const r = await srs.inject({ method: 'GET', url: path });
      return { status: r.statusCode, body: r.body };
    } catch (e) {
      return { status: 0, body: '', error: String((e as { code?: string }).code ?? (e as Error).name) };
    }
  });
}
