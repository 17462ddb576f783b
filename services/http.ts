// What both services share as HTTP servers: fastify with its schema validation, bodies kept raw
// for the signature check (JSON parsed after hashing; octet-stream left as bytes), one error
// shape (errors.ts), and a logger that writes ids and status codes only: no bodies, no headers.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { installErrorHandling } from './errors.js';
import type { TlsPair } from './exposure.js';
import { serverTimingHeader } from './wire.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the body exactly as received: what the request's signature covers */
    rawBody?: Buffer;
    /** the principal whose signature was verified (auth.ts) */
    principal?: string;
    /** SHA-256 of rawBody, hex, as the signature check computed it (auth.ts): the cloud keeps it as
     *  C's checksum instead of hashing the same bytes again */
    bodySha256?: string;
    requestId?: string;
    /** the request's unavoidable work so far, ms (timedWork): what Server-Timing reports beside the total */
    work?: { durable: number; signature: number };
  }
}

/** Runs `f` (or awaits what it returns), adding its time to the request's `kind` of unavoidable
 *  work: a durable write its acknowledgement waits for, or the check of its signature. */
export function timedWork<T>(req: FastifyRequest, kind: 'durable' | 'signature', f: () => T): T {
  const t0 = performance.now();
  const add = () => {
    const w = (req.work ??= { durable: 0, signature: 0 });
    w[kind] += performance.now() - t0;
  };
  let r: T;
  try {
    r = f();
  } catch (e) {
    add();
    throw e;
  }
  if (r instanceof Promise) return r.finally(add) as T;
  add();
  return r;
}

export interface AppOptions {
  /** largest accepted body in bytes */
  bodyLimit: number;
  /** where log lines go (a stream); none: no logging */
  log?: NodeJS.WritableStream;
  /** answer each request with a `Server-Timing` header, the server's own time on it and on its
   *  unavoidable work (wire.ts SERVER_TIMING): for test and benchmark deployments only (the
   *  inspection routes'), since it tells a client how long each check took without the network's noise */
  serverTiming?: boolean;
  /** serve over TLS only with this certificate and key (exposure.ts readTls); none: clear HTTP */
  https?: TlsPair;
}

export function createApp(o: AppOptions): FastifyInstance {
  const app = Fastify({
    ...(o.https && { https: { cert: o.https.cert, key: o.https.key } }),
    bodyLimit: o.bodyLimit,
    logger: o.log
      ? {
          level: 'info',
          stream: o.log,
          // Request lines name method, route and status: never headers (signatures) or bodies.
          serializers: {
            req: (r: FastifyRequest) => ({ method: r.method, url: r.url }),
            res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
          },
        }
      : false,
    // Schemas are the contract: no coercion of types, no extra properties silently dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    return503OnClosing: true,
  });
  // A client that asks before sending a body (`Expect: 100-continue`, http-send.mjs) is told to go
  // on only when the length it declares fits; otherwise the route answers 413 from the headers and
  // the body is never sent, where a refusal sent while the body streams in races the connection's
  // reset and can reach the client as no answer at all.
  app.server.on('checkContinue', (req, res) => {
    if (!(Number(req.headers['content-length']) > o.bodyLimit)) res.writeContinue();
    app.server.emit('request', req, res);
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    req.rawBody = body;
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(body.toString('utf8')));
    } catch {
      const e = new SyntaxError('body: not valid JSON');
      done(e, undefined);
    }
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    req.rawBody = body;
    done(null, body);
  });
  installErrorHandling(app);
  if (o.serverTiming) {
    const arrived = new WeakMap<FastifyRequest, number>();
    app.addHook('onRequest', async (req) => {
      arrived.set(req, performance.now());
    });
    app.addHook('onSend', async (req, reply) => {
      const t0 = arrived.get(req);
      if (t0 === undefined) return;
      reply.header('server-timing', serverTimingHeader({ app: performance.now() - t0, durable: req.work?.durable ?? 0, signature: req.work?.signature ?? 0 }));
    });
  }
  return app;
}
