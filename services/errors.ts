// Every refusal a service sends, in one shape ({error: {code, field, message}}) and with one
// status per kind: 400 bad input, 401 unauthenticated, 403 wrong principal, 404 unknown object,
// 409 a protocol step refused in the current state, 413 body too large, 500 never with details.
// Stack traces and request bodies never reach a response or a log line.
import type { FastifyError, FastifyInstance } from 'fastify';
import { isSesphrError, type ErrorCode } from '../impl/index.js';
import type { WireError } from './wire.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The HTTP status of each implementation refusal. */
const STATUS: Record<ErrorCode, number> = {
  INVALID_ENCODING: 400, NOT_ON_CURVE: 400, NOT_IN_SUBGROUP: 400, IDENTITY_ELEMENT: 400, INVALID_SCALAR: 400,
  MALFORMED_PHR: 400, UNKNOWN_LABEL: 400, DUPLICATE_LABEL: 400, INVALID_CONFIG: 400,
  UNKNOWN_OWNER: 404, NOT_REGISTERED: 404, NO_SUCH_PARTITION: 404, MISSING_KEY: 404,
  DUPLICATE_OWNER: 409, DUPLICATE_USER: 409, NOT_APPROVED: 409, ALREADY_APPROVED: 409, REVOKED: 409, OTHER_OWNER: 409,
  NOT_GRANTED: 409, BEFORE_JOIN: 409, WRONG_VARIANT: 409, WRONG_STEP: 409, STALE_VERSION: 409, FILE_OWNED_BY_OTHER: 409,
  OUTSIDE_WINDOW: 409, AUDIT_CORRUPT: 500, AUTH_FAILED: 400, CLOUD_CORRUPT: 500, PARTITION_TOO_LARGE: 413,
};

/** The implementation's refusal codes: a client turns these back into SesphrErrors. */
export const IMPL_CODES: ReadonlySet<string> = new Set(Object.keys(STATUS));

/** The codes a client may meet, for the OpenAPI document: the implementation's and the wire's own. */
export const WIRE_CODES = {
  400: ['BAD_REQUEST', 'INVALID_JSON', ...Object.keys(STATUS).filter((c) => STATUS[c as ErrorCode] === 400)],
  401: ['UNSIGNED', 'BAD_SIGNATURE', 'NOT_REGISTERED', 'STALE_REQUEST', 'REPLAYED'],
  403: ['WRONG_PRINCIPAL', 'KEY_MISMATCH', 'NOT_AN_OWNER'],
  404: ['UNKNOWN_ROUTE', ...Object.keys(STATUS).filter((c) => STATUS[c as ErrorCode] === 404)],
  409: ['REQUEST_ID_REUSED', ...Object.keys(STATUS).filter((c) => STATUS[c as ErrorCode] === 409)],
  413: ['BODY_TOO_LARGE', 'PARTITION_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  500: ['INTERNAL', 'CLOUD_CORRUPT'],
  503: ['STORE_FAILED', 'SRS_UNREACHABLE'],
} as const;

export const wireError = (code: string, message: string, field?: string): WireError => ({ error: { code, message, ...(field !== undefined && { field }) } });

/** Fastify's validation error names the field by its JSON path ("/body/user", "/params/file"). */
function validationField(e: FastifyError): string | undefined {
  const v = e.validation?.[0];
  if (!v) return undefined;
  const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
  const path = [e.validationContext, ...v.instancePath.split('/').filter(Boolean), ...(missing ? [missing] : [])].filter(Boolean);
  return path.join('.');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(wireError('UNKNOWN_ROUTE', `no route ${req.method} ${req.url.split('?')[0]}`, 'url'));
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send(wireError(err.code, err.message, err.field));
    if (isSesphrError(err)) return reply.code(STATUS[err.code] ?? 400).send(wireError(err.code, err.message, err.field));
    if (err.validation) {
      const field = validationField(err);
      return reply.code(400).send(wireError('BAD_REQUEST', `${field ?? 'request'}: ${err.validation[0]?.message ?? 'invalid'}`, field));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send(wireError('BODY_TOO_LARGE', `body: larger than this service takes (at most ${app.initialConfig.bodyLimit} bytes)`, 'body'));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(wireError('UNSUPPORTED_MEDIA_TYPE', err.message, 'content-type'));
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send(wireError('INVALID_JSON', 'body: not valid JSON', 'body'));
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(wireError('BAD_REQUEST', err.message, 'request'));
    }
    // Anything else is a defect: logged by code and route, answered without details.
    req.log.error({ code: err.code, name: err.name, route: req.routeOptions.url }, 'internal error');
    return reply.code(500).send(wireError('INTERNAL', 'internal error'));
  });
}
