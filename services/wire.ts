// The wire protocol's shared pieces: what a signed request carries, the exact bytes signed, and
// the error body. The servers (auth.ts) and the client (client.ts) both build the signed text
// here, so the two can never disagree on it.
import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../impl/digest.js';
import type { SigningIdentity } from './identity.js';

export const HEADERS = {
  principal: 'x-sesphr-principal',
  timestamp: 'x-sesphr-timestamp',
  nonce: 'x-sesphr-nonce',
  requestId: 'x-sesphr-request-id',
  signature: 'x-sesphr-signature',
} as const;

/** The metrics of the `Server-Timing` header an inspection deployment answers with (http.ts):
 *  the server's time on the request from its arrival to its answer's send, and within it the time
 *  spent on the work the request cannot go without: the writes its acknowledgement waits for (the
 *  cloud's fsynced object, the SRS's commit) and the check of its signature (the body's SHA-256
 *  and Ed25519). */
export const SERVER_TIMING = { app: 'app', durable: 'durable', signature: 'sig' } as const;

export interface ServerTimes {
  app: number;
  durable: number;
  signature: number;
}

/** One metric's duration in a `Server-Timing` value, each pattern compiled once: every exchange of
 *  the bench reads them. */
const DUR = Object.fromEntries(Object.entries(SERVER_TIMING).map(([k, m]) => [k, new RegExp(`(?:^|,)\\s*${m}\\s*;\\s*dur=([0-9.]+)`)])) as Record<keyof ServerTimes, RegExp>;

/** The server's times in ms from a `Server-Timing` header value (`app;dur=0.812, durable;dur=0.3,
 *  sig;dur=0.06`), if it has the `app` metric; a metric it leaves out is 0. */
export function serverTimesOf(header: string | null | undefined): ServerTimes | undefined {
  const app = header ? DUR.app.exec(header) : null;
  if (!header || !app) return undefined;
  const of = (k: keyof ServerTimes) => Number(DUR[k].exec(header)?.[1] ?? 0);
  return { app: Number(app[1]), durable: of('durable'), signature: of('signature') };
}

/** The header value the servers answer with (http.ts), read back by `serverTimesOf`. */
export function serverTimingHeader(t: ServerTimes): string {
  return (Object.keys(SERVER_TIMING) as (keyof ServerTimes)[]).map((k) => `${SERVER_TIMING[k]};dur=${t[k].toFixed(3)}`).join(', ');
}

/** How far a request's timestamp may be from the server's clock (ms), either way. */
export const TIME_WINDOW_MS = 60_000;

/** The body's hash in a signed request, as the implementation names bytes (impl/digest.ts). */
export { sha256Hex };

/** The signed text: method, path with query, the principal, timestamp, nonce, request id and the body's SHA-256. */
export function signedText(p: { method: string; path: string; principal: string; timestamp: string; nonce: string; requestId: string; bodySha256: string }): Uint8Array {
  return new TextEncoder().encode(['SESPHR-REQUEST-V1', p.method.toUpperCase(), p.path, p.principal, p.timestamp, p.nonce, p.requestId, p.bodySha256].join('\n'));
}

/** Headers of one signed request. A retry passes the same requestId (idempotency) and gets a fresh nonce. */
export function signRequest(id: SigningIdentity, method: string, path: string, body: Uint8Array | string, requestId: string = randomUUID(), now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('hex');
  const signature = id.sign(signedText({ method, path, principal: id.principal, timestamp, nonce, requestId, bodySha256: sha256Hex(body) }));
  return { [HEADERS.principal]: id.principal, [HEADERS.timestamp]: timestamp, [HEADERS.nonce]: nonce, [HEADERS.requestId]: requestId, [HEADERS.signature]: signature };
}

/** Every refusal at the wire: a stable code, the field or header it is about, a message (never a value that is secret). */
export interface WireError {
  error: { code: string; field?: string; message: string };
}

export const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
export const unb64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
