// JSON schemas of the wire protocol: the routes validate against them and the OpenAPI document
// (openapi.ts) is generated from them, so the published protocol is the one served.
import { WIRE_CODES } from './errors.js';
import { KEY_HEX_PATTERN } from './identity.js';

/** An id of a principal, file or label. The alphabet itself is checked by the implementation's checkId (400 naming the field). */
export const ID = { type: 'string', minLength: 1, maxLength: 64, description: 'an id: 1-64 characters of [A-Za-z0-9_.:@-]' } as const;
export const HEX_KEY = { type: 'string', pattern: KEY_HEX_PATTERN, description: 'Ed25519 public key, 32 bytes, hex' } as const;
const b64 = (bytes: number, what: string) => ({ type: 'string', maxLength: Math.ceil(bytes / 3) * 4 + 4, description: `${what}, base64` }) as const;
/** pk and RK (impl/scheme/placement.ts) */
export const G1 = b64(48, 'compressed G1 point (48 bytes)');
/** R_P */
export const G2 = b64(96, 'compressed G2 point (96 bytes)');
export const GT = b64(576, 'GT element (576 bytes)');
export const SCALAR = b64(32, 'scalar (32 bytes)');
const EPOCH = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
export const WINDOW = { type: 'object', additionalProperties: false, properties: { start: EPOCH, end: EPOCH }, description: 'epochs on the SRS clock; no end: open' } as const;
export const VERSION = { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 } as const;
/** a user's key generation: 1, then one more each time it re-joins after a revocation */
export const GENERATION = { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1, description: 'key generation (1 unless the user re-joined after a revocation)' } as const;

export const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, properties, required }) as const;

export const ERROR = obj({ error: obj({ code: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } }, ['code', 'message']) });
export const OK = obj({ ok: { type: 'boolean', const: true } });

type Status = keyof typeof WIRE_CODES;

/** Error responses of a route, each described by the codes it may carry. */
export function errors(statuses: readonly Status[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const s of statuses) out[s] = { ...ERROR, description: `error codes: ${WIRE_CODES[s].join(', ')}` };
  return out;
}

/** The id-typed properties of a schema's object: each one goes through checkId. */
export function idFields(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.entries(props).filter(([, s]) => s === ID).map(([k]) => k);
}
