// Who is asking: every request that reads or changes protocol state carries its principal's
// Ed25519 signature over wire.ts's signed text. Checks, in order: headers present (401
// UNSIGNED), timestamp within the window and not before this server started (401
// STALE_REQUEST: a request signed before a restart is never accepted after it, so the nonces
// a crash forgets cannot be replayed), the principal known (401 NOT_REGISTERED), the signature
// (401 BAD_SIGNATURE), the nonce unseen (401 REPLAYED), and the signer being the principal the
// operation acts for (403 WRONG_PRINCIPAL). A refused request reaches no handler.
import type { FastifyRequest } from 'fastify';
import { checkId } from '../impl/index.js';
import { HttpError } from './errors.js';
import { timedWork } from './http.js';
import { verifySignature } from './identity.js';
import { HEADERS, TIME_WINDOW_MS, sha256Hex, signedText } from './wire.js';

export interface KeyDirectory {
  /** the registered Ed25519 public key (hex) of a principal, if any */
  signingKey(principal: string): string | undefined | Promise<string | undefined>;
  /** whether a registered principal registered as an owner; undefined where that is not known */
  isOwner?(principal: string): boolean | undefined | Promise<boolean | undefined>;
}

export class RequestVerifier {
  private readonly startedAt = Date.now();
  private readonly nonces = new Map<string, number>();
  private lastPrune = 0;

  constructor(private readonly keys: KeyDirectory) {}

  /**
   * The verified principal. `selfKey`: on a registration the key arrives in the body and proves
   * itself by signing it (it is bound when the registration succeeds).
   */
  async verify(req: FastifyRequest, selfKey?: string): Promise<string> {
    const h = (name: string): string => {
      const v = req.headers[name];
      if (typeof v !== 'string' || v.length === 0 || v.length > 256) throw new HttpError(401, 'UNSIGNED', `missing or malformed header ${name}: every request must be signed`, name);
      return v;
    };
    const principal = h(HEADERS.principal);
    const timestamp = h(HEADERS.timestamp);
    const nonce = h(HEADERS.nonce);
    const requestId = h(HEADERS.requestId);
    const signature = h(HEADERS.signature);
    checkId(principal, HEADERS.principal);
    const ts = Number(timestamp);
    const now = Date.now();
    if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now - ts) > TIME_WINDOW_MS || ts < this.startedAt) {
      throw new HttpError(401, 'STALE_REQUEST', `${HEADERS.timestamp}: outside the accepted window (±${TIME_WINDOW_MS / 1000} s, and not before the server started)`, HEADERS.timestamp);
    }
    if (!/^[0-9a-f]{32}$/.test(nonce)) throw new HttpError(401, 'UNSIGNED', `${HEADERS.nonce}: expected 32 hex digits`, HEADERS.nonce);
    const known = await this.keys.signingKey(principal);
    const key = known ?? selfKey;
    if (key === undefined) throw new HttpError(401, 'NOT_REGISTERED', `${principal} has no registered signing key`, HEADERS.principal);
    if (known !== undefined && selfKey !== undefined && known !== selfKey) throw new HttpError(403, 'KEY_MISMATCH', `signingKey: ${principal} is registered with another key`, 'body.signingKey');
    const { bodySha256, valid } = timedWork(req, 'signature', () => {
      const h = sha256Hex(req.rawBody ?? new Uint8Array());
      return { bodySha256: h, valid: verifySignature(key, signedText({ method: req.method, path: req.url, principal, timestamp, nonce, requestId, bodySha256: h }), signature) };
    });
    if (!valid) throw new HttpError(401, 'BAD_SIGNATURE', `${HEADERS.signature}: does not verify for ${principal}`, HEADERS.signature);
    this.prune(now);
    const seen = `${principal}/${nonce}`;
    if (this.nonces.has(seen)) throw new HttpError(401, 'REPLAYED', `${HEADERS.nonce}: already used`, HEADERS.nonce);
    this.nonces.set(seen, ts + TIME_WINDOW_MS);
    req.principal = principal;
    req.requestId = requestId;
    req.bodySha256 = bodySha256;
    return principal;
  }

  private prune(now: number): void {
    if (now - this.lastPrune < 5_000) return;
    this.lastPrune = now;
    for (const [k, exp] of this.nonces) if (exp < now) this.nonces.delete(k);
  }
}

/** 403 unless the verified signer is the principal the operation acts for. */
export function requireSigner(req: FastifyRequest, actor: string, field: string): void {
  if (req.principal !== actor) throw new HttpError(403, 'WRONG_PRINCIPAL', `${field}: the request is signed by ${req.principal}, not by ${actor}`, field);
}
