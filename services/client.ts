// The services' HTTP client, asynchronous: every request signed by its principal, a retry
// (connection lost, service restarting) sent with the same request id so the SRS applies the
// operation at most once. Used by the tests and the benchmark; the CLI's client verbs use the
// synchronous parties of remote-parties.ts, which send through the same http-send.mjs.
import { send } from './http-send.mjs';
import type { SigningIdentity } from './identity.js';
import { buildRequest, newRequestId, readBytes, readJson, retryable, srsRequest, type WireResponse } from './requests.js';
import type { Input } from './srs-ops.js';

export interface ClientOptions {
  srsUrl: string;
  cloudUrl: string;
  identity?: SigningIdentity;
  /** how long to keep retrying an unanswered request (ms, default 10 s) */
  retryMs?: number;
}

export class ServiceClient {
  constructor(readonly o: ClientOptions) {}

  /** One exchange, retried with the same request id while unanswered (bounded by retryMs). */
  async exchange(base: string, method: string, path: string, body?: Uint8Array, contentType?: string, requestId = newRequestId()): Promise<WireResponse> {
    const deadline = Date.now() + (this.o.retryMs ?? 10_000);
    for (let attempt = 0, wait = 20; ; attempt++, wait = Math.min(wait * 2, 500)) {
      const res = await send(buildRequest(base, method, path, body, contentType, this.o.identity, requestId));
      if (!retryable(res, attempt) || Date.now() > deadline) return res;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** An SRS operation by its name in srs-ops.ts, e.g. srs('grant', { owner, user, label }). */
  async srs<T = unknown>(op: string, x: Input, requestId?: string): Promise<T> {
    const r = srsRequest(op, x);
    return readJson(await this.exchange(this.o.srsUrl, r.method, r.path, r.body, 'application/json', requestId)) as T;
  }

  async putC(file: string, label: string, c: Uint8Array): Promise<{ sha256: string }> {
    return readJson(await this.exchange(this.o.cloudUrl, 'PUT', `/v1/objects/${encodeURIComponent(file)}/${encodeURIComponent(label)}`, c, 'application/octet-stream')) as { sha256: string };
  }

  async getC(file: string, label: string): Promise<Uint8Array> {
    return readBytes(await this.exchange(this.o.cloudUrl, 'GET', `/v1/objects/${encodeURIComponent(file)}/${encodeURIComponent(label)}`));
  }

  async labels(file: string): Promise<string[]> {
    return ((await readJson(await this.exchange(this.o.cloudUrl, 'GET', `/v1/files/${encodeURIComponent(file)}/labels`))) as { labels: string[] }).labels;
  }
}
