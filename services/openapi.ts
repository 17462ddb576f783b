// The wire protocol as OpenAPI 3 documents, generated from the routes' own schemas
// (@fastify/swagger), one per service: services/openapi/srs.json and cloud.json. A test
// regenerates them (openapi-documents.ts) and compares with the committed files, so the published
// protocol is the served one. Regenerate: node --import ./register.mjs scripts/gen-openapi.ts
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { HEADERS, TIME_WINDOW_MS } from './wire.js';

const SIGNING = `Every route except /v1/info, the SRS's /v1/directory and the inspection routes under /test is signed by its principal with Ed25519 (RFC 8032), the public key registered at registration (POST /v1/owners, POST /v1/users) and bound when that registration succeeds. Headers: ${Object.values(HEADERS).join(', ')}. Signed text, lines joined by "\\n": "SESPHR-REQUEST-V1", the method, the path with query, the principal, the timestamp (ms since 1970), the nonce (32 hex digits, fresh per request), the request id (the same on every retry of one operation: the SRS applies it at most once and answers a retry with the first answer; the id used again for another method, path or body is refused, 409 REQUEST_ID_REUSED), and the SHA-256 (hex) of the body. A timestamp more than ${TIME_WINDOW_MS / 1000} s from the server's clock, or from before the server started, is refused (401 STALE_REQUEST), as is a nonce seen before (401 REPLAYED), a signature that does not verify (401 BAD_SIGNATURE), an unknown principal (401 NOT_REGISTERED), and a request signed by a principal other than the one the operation acts for (403 WRONG_PRINCIPAL). Errors: {"error": {"code", "field", "message"}}. Routes under /test exist only on a server started with --inspection (conformance runs).`;

export async function describeRoutes(app: FastifyInstance, service: 'srs' | 'cloud'): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: service === 'srs' ? 'SeSPHR Setup and Re-encryption Server (SRS)' : 'SeSPHR cloud (sealed partitions)',
        version: '1',
        description: SIGNING,
      },
      tags: [{ name: service, description: service === 'srs' ? 'keys, ACL, R_P and R_U' : 'sealed partitions C(f,i)' }, { name: 'inspection', description: 'test-only (--inspection)' }],
    },
  });
}
