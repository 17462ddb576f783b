// What a client sends and how it reads the answer, for both clients (client.ts, async; and
// remote-parties.ts, synchronous): an SRS operation by name becomes its route from the same
// table the server serves (srs-ops.ts), and a refusal becomes the implementation's own
// SesphrError (same code, message and field as in process) or a ServiceError for the wire's codes.
import { randomUUID } from 'node:crypto';
import { SesphrError, type ErrorCode } from '../impl/index.js';
import { IMPL_CODES } from './errors.js';
import type { SigningIdentity } from './identity.js';
import { SRS_OPS, type Input } from './srs-ops.js';
import { signRequest, type WireError } from './wire.js';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface WireResponse {
  /** 0: no answer (connection refused or reset) */
  status: number;
  contentType: string;
  body: Uint8Array;
  /** why there was no answer */
  error?: string;
  /** the answer's `Server-Timing` header, where it has one (inspection deployments: wire.ts `serverTimesOf`) */
  serverTiming?: string;
}

/** A refusal at the wire that is not one of the implementation's (authentication, bad input,
 *  routing): the servers' own error type, with the status it came with. */
export { HttpError as ServiceError } from './errors.js';
import { HttpError as ServiceError } from './errors.js';

/** Builds a request; signed when an identity is given. The path includes any query. */
export function buildRequest(base: string, method: string, path: string, body: Uint8Array | undefined, contentType: string | undefined, id: SigningIdentity | undefined, requestId: string): WireRequest {
  const headers: Record<string, string> = {};
  if (contentType && body) headers['content-type'] = contentType;
  if (id) Object.assign(headers, signRequest(id, method, path, body ?? new Uint8Array(), requestId));
  return { method, url: base + path, headers, ...(body && { body }) };
}

/** An SRS operation by name: its method, path and JSON body. */
export function srsRequest(op: string, x: Input): { method: string; path: string; body?: Uint8Array } {
  const o = SRS_OPS.find((d) => d.name === op);
  if (!o) throw new Error(`no SRS operation ${op}`);
  const path = o.url.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(x[k])));
  if (!o.body) return { method: o.method, path };
  const body: Record<string, unknown> = {};
  for (const k of Object.keys(o.body.properties)) if (x[k] !== undefined) body[k] = x[k];
  return { method: o.method, path, body: new TextEncoder().encode(JSON.stringify(body)) };
}

/** Should the same request (same request id, signed afresh) be sent again? No answer, or the
 *  service is restarting; once, a request signed just before the service (re)started. */
export function retryable(r: WireResponse, attempt: number): boolean {
  if (r.status === 0 || r.status === 502 || r.status === 503) return true;
  return attempt === 0 && r.status === 401 && new TextDecoder().decode(r.body).includes('"STALE_REQUEST"');
}

/** The answer's JSON, or the refusal thrown as the error it names. */
export function readJson(r: WireResponse): unknown {
  if (r.status >= 200 && r.status < 300) return r.body.length ? JSON.parse(new TextDecoder().decode(r.body)) : undefined;
  throw errorOf(r);
}

export function readBytes(r: WireResponse): Uint8Array {
  if (r.status >= 200 && r.status < 300) return r.body;
  throw errorOf(r);
}

export function errorOf(r: WireResponse): Error {
  if (r.status === 0) return new ServiceError(0, 'UNREACHABLE', `no answer from the service (${r.error ?? 'connection failed'})`);
  let e: WireError['error'] | undefined;
  try {
    e = (JSON.parse(new TextDecoder().decode(r.body)) as WireError).error;
  } catch {
    e = undefined;
  }
  if (!e) return new ServiceError(r.status, 'HTTP_' + r.status, `the service answered ${r.status}`);
  // The implementation's refusals come back as they are in process; the wire's own stay ServiceErrors.
  // (NOT_REGISTERED is both: the SRS does not know the principal that signed.)
  return IMPL_CODES.has(e.code) ? new SesphrError(e.code as ErrorCode, e.message, e.field) : new ServiceError(r.status, e.code, e.message, e.field);
}

export const newRequestId = (): string => randomUUID();
