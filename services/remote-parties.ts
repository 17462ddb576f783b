// The SRS and the cloud of a running deployment, seen through objects with the in-process
// parties' methods: the implementation's PatientClient and UserClient run unchanged on top of
// them, talking only HTTP, each with its own signing identity. Calls are synchronous (the
// clients' and the conformance suite's calls are): each exchange runs in a worker thread while
// the caller waits (synckit). Inspection methods (holdings, stateDigest, tick, reset) use the
// test-only routes a server offers only when started with --inspection.
import { fileURLToPath } from 'node:url';
import { createSyncFn } from 'synckit';
import {
  SesphrError, type Holding, type KeyBundle, type OwnerConfig, type Policy, type RPMessage, type RURequestOptions, type RUResponse, type Role, type Srs, type Variant, type WindowSpec,
} from '../impl/index.js';
import type { SigningIdentity } from './identity.js';
import { ServiceError, buildRequest, newRequestId, readBytes, readJson, retryable, srsRequest, type WireRequest, type WireResponse } from './requests.js';
import type { Input } from './srs-ops.js';
import { b64, serverTimesOf, unb64 } from './wire.js';

export interface Deployment {
  readonly srsUrl: string;
  readonly cloudUrl: string;
  /** how long to keep retrying an unanswered request (ms): a restarting service is waited for */
  readonly retryMs?: number;
  /** counts every request sent to either service, a retry included (the bench's exchanges per operation) */
  readonly tally?: ExchangeTally;
}

export interface ExchangeTally {
  exchanges: number;
  /** the servers' own time on them, ms, summed where the answers say it (`Server-Timing`: a
   *  deployment with its inspection routes) */
  serverMs: number;
  /** of which their durable writes and their checks of the requests' signatures (wire.ts SERVER_TIMING) */
  durableMs: number;
  signatureMs: number;
  /** the client's own signing of the requests (the body's SHA-256 and Ed25519), ms */
  signingMs: number;
  /** when present, each exchange as well, in the order sent (bench/services-steps.ts) */
  log?: ExchangeRecord[];
}

/** One exchange as the synchronous client saw it: its request line, its whole time at the client
 *  (the hand-off to the worker, the round trip, the servers' work) and the parts the tally sums. */
export interface ExchangeRecord {
  /** the service's base url */
  base: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  serverMs: number;
  durableMs: number;
  signatureMs: number;
  signingMs: number;
}

/** A tally at zero. */
export const newTally = (): ExchangeTally => ({ exchanges: 0, serverMs: 0, durableMs: 0, signatureMs: 0, signingMs: 0 });

/** The worker is plain JavaScript beside this file, in the sources and in dist/ (tsc copies it: allowJs). */
const workerPath = (): string => fileURLToPath(new URL('./sync-send-worker.mjs', import.meta.url));

type SyncSend = (req: WireRequest & { timeoutMs: number }) => WireResponse;
let syncSend: SyncSend | undefined;

/** One synchronous exchange, retried with the same request id while unanswered. */
export function exchangeSync(d: Deployment, base: string, method: string, path: string, id: SigningIdentity | undefined, body?: Uint8Array, contentType?: string): WireResponse {
  syncSend ??= createSyncFn(workerPath(), { timeout: 60_000 }) as SyncSend;
  const requestId = newRequestId();
  const deadline = Date.now() + (d.retryMs ?? 10_000);
  for (let attempt = 0, wait = 10; ; attempt++, wait = Math.min(wait * 2, 200)) {
    const t0 = performance.now();
    const req = buildRequest(base, method, path, body, contentType, id, requestId);
    const signing = id ? performance.now() - t0 : 0;
    const res = syncSend({ ...req, timeoutMs: 30_000 });
    if (d.tally) {
      const s = serverTimesOf(res.serverTiming);
      d.tally.exchanges++;
      d.tally.signingMs += signing;
      if (s) {
        d.tally.serverMs += s.app;
        d.tally.durableMs += s.durable;
        d.tally.signatureMs += s.signature;
      }
      d.tally.log?.push({
        base, method, path, status: res.status, ms: performance.now() - t0,
        serverMs: s?.app ?? 0, durableMs: s?.durable ?? 0, signatureMs: s?.signature ?? 0, signingMs: signing,
      });
    }
    if (!retryable(res, attempt) || Date.now() > deadline) return res;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  }
}

const json = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));
const partPath = (file: string, label: string) => `/v1/objects/${encodeURIComponent(file)}/${encodeURIComponent(label)}`;

/** The SRS of a deployment, as one principal (or, without an identity, as the test inspector) sees it. */
export class RemoteSrs {
  constructor(
    private readonly d: Deployment,
    private readonly id: SigningIdentity | undefined,
    readonly variant: Variant,
    readonly policy: Policy,
  ) {}

  private call(op: string, x: Input): unknown {
    const r = srsRequest(op, x);
    return readJson(exchangeSync(this.d, this.d.srsUrl, r.method, r.path, this.id, r.body, 'application/json'));
  }

  private signingKey(): string {
    if (!this.id) throw new Error('registration needs a signing identity');
    return this.id.publicKey;
  }

  registerOwner(owner: string, config?: Partial<OwnerConfig>): void {
    this.call('registerOwner', { owner, signingKey: this.signingKey(), ...(config && { config }) });
  }
  register(user: string, owner: string, role: Role, generation?: number): number {
    return (this.call('register', { user, owner, role, signingKey: this.signingKey(), generation }) as { generation: number }).generation;
  }
  genKey(x: string, generation?: number): void {
    this.call('genKey', { x, generation });
  }
  sendKeys(x: string, generation?: number): KeyBundle {
    const k = this.call('sendKeys', { x, generation }) as { principal: string; sk: string; pk: string };
    return { principal: k.principal, sk: unb64(k.sk), pk: unb64(k.pk) };
  }
  receivePublicKey(x: string, pk: Uint8Array, generation?: number): void {
    this.call('receivePublicKey', { x, pk: b64(pk), generation });
  }
  publicKey(x: string): Uint8Array {
    return unb64((this.call('publicKey', { x }) as { pk: string }).pk);
  }
  // Every owner action may name the key generation it is meant for (undefined fields are not sent).
  approve(owner: string, user: string, rk?: Uint8Array, window?: WindowSpec, generation?: number): void {
    this.call('approve', { owner, user, ...(rk && { rk: b64(rk) }), ...(window && { window }), generation });
  }
  grant(owner: string, user: string, label: string, window?: WindowSpec, generation?: number): void {
    this.call('grant', { owner, user, label, ...(window && { window }), generation });
  }
  ungrant(owner: string, user: string, label: string, generation?: number): void {
    this.call('ungrant', { owner, user, label, generation });
  }
  except(owner: string, user: string, generation?: number): void {
    this.call('except', { owner, user, generation });
  }
  setWindow(owner: string, user: string, window: WindowSpec, label?: string, generation?: number): void {
    this.call('setWindow', { owner, user, window, ...(label !== undefined && { label }), generation });
  }
  revoke(owner: string, user: string, generation?: number): void {
    this.call('revoke', { owner, user, generation });
  }
  checkApprove(owner: string, user: string, generation?: number): void {
    this.call('checkApprove', { owner, user, generation });
  }
  checkUpload(owner: string, file: string, label: string, version: number): void {
    this.call('checkUpload', { owner, file, label, version });
  }
  checkUploads(owner: string, file: string, uploads: readonly { label: string; version: number }[]): void {
    this.call('checkUploads', { owner, file, checks: uploads.map(({ label, version }) => ({ label, version })) });
  }
  storeRP(msg: RPMessage): void {
    this.call('storeRP', { owner: msg.owner, file: msg.file, label: msg.label, version: msg.version, rp: b64(msg.rp) });
  }
  requestRU(user: string, file: string, label: string, want?: RURequestOptions): RUResponse {
    try {
      const r = this.call('requestRU', { user, file, label, generation: want?.generation, version: want?.version }) as RUResponse & { ru?: string };
      return r.granted ? { ...r, ru: unb64(r.ru as unknown as string) } : r;
    } catch (e) {
      // The SRS not knowing the signer is its refusal NOT_REGISTERED, as in process (rule 32).
      if (e instanceof SesphrError && e.code === 'NOT_REGISTERED') return { granted: false, code: e.code, reason: e.message };
      throw e;
    }
  }
  partitions(file: string, labels: readonly string[]): ReturnType<Srs['partitions']> {
    return (this.call('partitions', { file, labels }) as { partitions: ReturnType<Srs['partitions']> }).partitions;
  }
  labelsOf(owner: string): string[] {
    return (this.call('labelsOf', { owner }) as { labels: string[] }).labels;
  }
  partition(file: string, label: string): { owner: string; file: string; label: string; version: number; uploadEpoch: number } | undefined {
    try {
      return this.call('partition', { file, label }) as { owner: string; file: string; label: string; version: number; uploadEpoch: number };
    } catch (e) {
      if (e instanceof SesphrError && e.code === 'NO_SUCH_PARTITION') return undefined;
      throw e;
    }
  }

  // ---- inspection (test-only routes) -----------------------------------------------------------
  private inspect(method: string, path: string, body?: unknown): unknown {
    const res = exchangeSync(this.d, this.d.srsUrl, method, path, undefined, body === undefined ? undefined : json(body), 'application/json');
    if (res.status === 404) throw new ServiceError(404, 'NO_INSPECTION', `the SRS at ${this.d.srsUrl} has no inspection routes: start it with --inspection`);
    return readJson(res);
  }
  holdings(): Holding[] {
    return (this.inspect('GET', '/test/holdings') as Array<{ token: string; bytes: string }>).map((h) => ({ token: h.token, bytes: unb64(h.bytes) }));
  }
  stateDigest(): string {
    return (this.inspect('GET', '/test/state') as { digest: string }).digest;
  }
  get epoch(): number {
    return (this.inspect('GET', '/test/state') as { epoch: number }).epoch;
  }
  tick(): number {
    return (this.inspect('POST', '/test/tick') as { epoch: number }).epoch;
  }
  reset(seed?: string): void {
    this.inspect('POST', '/test/reset', { variant: this.variant, policy: this.policy, ...(seed !== undefined && { seed }) });
  }
}

/** The cloud of a deployment. `insider`: reads go through the test-only route by which a cloud
 *  insider hands C to anyone (the adversarial Leak_C), for outsiders who never registered.
 *  `leakedWhenUnknown`: a read the cloud refuses because the signer is not registered yet is
 *  handed over by the insider instead (Leak_C reaches any user, registered or not). */
export class RemoteCloud {
  constructor(
    private readonly d: Deployment,
    private readonly id: SigningIdentity | undefined,
    private readonly insider = false,
    private readonly leakedWhenUnknown = false,
  ) {}

  private limit?: number;
  /** The largest C the cloud takes, as its /v1/info says (asked once): an owner checks every
   *  partition against it before sending any. */
  get maxObjectBytes(): number | undefined {
    this.limit ??= (readJson(exchangeSync(this.d, this.d.cloudUrl, 'GET', '/v1/info', undefined)) as { maxObjectBytes?: number }).maxObjectBytes;
    return this.limit;
  }

  put(obj: { owner: string; file: string; label: string; c: Uint8Array }): void {
    if (this.id?.principal !== obj.owner) throw new SesphrError('OTHER_OWNER', `put: ${obj.owner}'s object must be sent by ${obj.owner}`, 'owner');
    readJson(exchangeSync(this.d, this.d.cloudUrl, 'PUT', partPath(obj.file, obj.label), this.id, obj.c, 'application/octet-stream'));
  }
  /** C(f,i), or only its `version` (a version the cloud no longer or not yet stores is refused). */
  get(file: string, label: string, version?: number): Uint8Array {
    const q = version === undefined ? '' : `?version=${version}`;
    const leaked = () => readBytes(exchangeSync(this.d, this.d.cloudUrl, 'GET', '/test' + partPath(file, label).slice(3) + q, undefined));
    if (this.insider) return leaked();
    try {
      return readBytes(exchangeSync(this.d, this.d.cloudUrl, 'GET', partPath(file, label) + q, this.id));
    } catch (e) {
      if (this.leakedWhenUnknown && (e as { code?: string }).code === 'NOT_REGISTERED') return leaked();
      throw e;
    }
  }
  labels(file: string): string[] {
    return (readJson(exchangeSync(this.d, this.d.cloudUrl, 'GET', `/v1/files/${encodeURIComponent(file)}/labels`, this.id)) as { labels: string[] }).labels;
  }

  // ---- inspection (test-only routes) -----------------------------------------------------------
  holdings(): Holding[] {
    return (readJson(exchangeSync(this.d, this.d.cloudUrl, 'GET', '/test/holdings', undefined)) as Array<{ token: string; bytes: string }>).map((h) => ({ token: h.token, bytes: unb64(h.bytes) }));
  }
  deleteForTest(file: string, label: string): void {
    readJson(exchangeSync(this.d, this.d.cloudUrl, 'DELETE', '/test' + partPath(file, label).slice(3), undefined));
  }
  reset(): void {
    const res = exchangeSync(this.d, this.d.cloudUrl, 'POST', '/test/reset', undefined);
    if (res.status === 404) throw new ServiceError(404, 'NO_INSPECTION', `the cloud at ${this.d.cloudUrl} has no inspection routes: start it with --inspection`);
    readJson(res);
  }
}
