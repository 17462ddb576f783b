// The SRS as an HTTP service: the implementation's Srs behind fastify, its state in a durable
// store (srs-store.ts), every request signed (auth.ts). Requests are handled one at a time
// between the event loop's turns (the Srs call and the store's commit are synchronous), so the
// order in which the SRS acknowledges operations is a serial order of them: revocations and R_U
// requests cannot interleave inside one another.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Srs, deterministicRandom, isSesphrError, systemRandom, type Holding, type Policy, type RandomSource, type Variant } from '../impl/index.js';
import { RequestVerifier, requireSigner } from './auth.js';
import { HttpError } from './errors.js';
import type { TlsPair } from './exposure.js';
import { createApp, timedWork } from './http.js';
import { describeRoutes } from './openapi.js';
import { ID, OK, errors, obj } from './schemas.js';
import { SRS_OPS, checkIds, type Input, type SrsOp } from './srs-ops.js';
import type { Command, KeyBinding, Principal, SrsConfig, SrsStore, StoredResponse } from './srs-store.js';
import type { PgLedger } from './pg-ledger.js';
import { TapeRandom } from './tape-random.js';
import { b64, HEADERS } from './wire.js';

export interface SrsServiceOptions {
  /** the embedded store (one instance) ... */
  store?: SrsStore;
  /** ... or a ledger shared by several stateless instances (PostgreSQL) */
  ledger?: PgLedger;
  /** the configuration of a new deployment (an existing store keeps its own) */
  variant: Variant;
  policy: Policy;
  /** serve the test-only inspection routes under /test (off by default) */
  inspection?: boolean;
  /** collect the routes' schemas into an OpenAPI document (openapi.ts) */
  describe?: boolean;
  log?: NodeJS.WritableStream;
  bodyLimit?: number;
  /** the cloud this SRS works with, advertised in /v1/info so a client needs one url */
  cloudUrl?: () => string | undefined;
  /** serve over TLS with this certificate and key; none: clear HTTP */
  https?: TlsPair;
}

const VARIANT = { type: 'string', enum: ['srs-keys', 'owner-keys'] } as const;
const POLICY = { type: 'string', enum: ['history', 'from-join-date'] } as const;

/**
 * Where the SRS draws what no stored command holds. A seeded source (test deployments) would start
 * again at its first draw after a restart, while the stored commands replay their own draws from
 * the tape: the next key drawn would be one a principal already holds. So a restart over `stored`
 * commands continues from a seed of its own, one no earlier start used with that many commands (a
 * draw is visible only once its command is stored: the answer follows the append).
 */
function liveSource(cfg: SrsConfig, stored: number): RandomSource {
  if (cfg.seed === undefined) return systemRandom();
  return deterministicRandom(stored === 0 ? `${cfg.seed}/SRS` : `${cfg.seed}/SRS/after-${stored}`);
}

/** The Srs rebuilt from the store's commands: the state it had acknowledged. */
class SrsState {
  srs!: Srs;
  rng!: TapeRandom;
  /** users whose first granted R_U is in the store (it may form and keep RK in srs-keys) */
  ruLogged = new Set<string>();

  /** with a shared ledger: the last operation applied here */
  seq = 0;

  load(cfg: SrsConfig, commands: readonly Command[]): void {
    this.rng = new TapeRandom(liveSource(cfg, commands.length));
    this.srs = new Srs({ variant: cfg.variant, policy: cfg.policy, rng: this.rng });
    this.ruLogged = new Set();
    this.seq = 0;
    for (const c of commands) this.replay(c);
  }

  replay(c: Command & { seq?: number }): void {
    this.rng.replaying(c.random, () => this.apply(c.op, c.input));
    if (c.seq !== undefined) this.seq = c.seq;
  }

  apply(op: string, x: Input): unknown {
    if (op === 'tick') return this.srs.tick();
    const o = SRS_OPS.find((d) => d.name === op);
    if (!o) throw new Error(`store: unknown command ${op}`);
    const r = o.run(this.srs, x);
    if (op === 'requestRU') this.ruLogged.add(x.user as string);
    if (op === 'revoke') this.ruLogged.delete(x.user as string);
    return r;
  }
}

function inputOf(req: FastifyRequest): Input {
  return { ...(req.params as object), ...((req.body as object | undefined) ?? {}) };
}

export async function createSrsService(o: SrsServiceOptions): Promise<FastifyInstance> {
  if (!o.store === !o.ledger) throw new Error('an SRS service needs exactly one of store and ledger');
  if (o.ledger && o.inspection) throw new Error('the inspection routes are for a single embedded instance');
  const state = new SrsState();
  let handleStored: (op: SrsOp, x: Input, req: FastifyRequest) => Promise<unknown>;
  let registered: (p: string) => Principal | undefined | Promise<Principal | undefined>;
  if (o.store) {
    const store = o.store;
    if (!store.config()) store.reset({ variant: o.variant, policy: o.policy });
    state.load(store.config()!, store.commands());
    registered = (p) => store.principal(p);
    handleStored = async (op, x, req) => decide(op, x, req, {
      response: (p, id) => store.response(p, id),
      append: (c, bind, answer, erase) => store.commit(c, bind, answer, erase),
    });
  } else {
    const ledger = o.ledger!;
    await ledger.init({ variant: o.variant, policy: o.policy });
    const cfg = (await ledger.config())!;
    state.load(cfg, []);
    registered = (p) => ledger.principal(p);
    // One request at a time in this instance; the ledger's lock orders them across instances.
    let queue: Promise<unknown> = Promise.resolve();
    handleStored = (op, x, req) => {
      const run = queue.then(() =>
        ledger.exclusive(state.seq, async (tx) => {
          for (const c of tx.news) state.replay(c);
          return decide(op, x, req, {
            response: (p, id) => tx.response(p, id),
            append: async (c, bind, answer, erase) => {
              state.seq = await tx.append(c, bind, answer, erase);
            },
          });
        }).catch(async (e) => {
          // A transaction that did not commit may have changed the Srs here (a store that failed
          // after the operation was applied answers 503): rebuild it from the ledger. A refusal,
          // the Srs's or the request's own (4xx), was decided before anything changed.
          const refused = isSesphrError(e) || (e instanceof HttpError && e.status < 500);
          if (!refused) state.load(cfg, []);
          throw e;
        }),
      );
      queue = run.catch(() => undefined);
      return run;
    };
  }
  const verifier = new RequestVerifier({ signingKey: async (p) => (await registered(p))?.signingKey });
  const app = createApp({ bodyLimit: o.bodyLimit ?? 64 * 1024, log: o.log, serverTiming: o.inspection === true, https: o.https });
  if (o.describe) await describeRoutes(app, 'srs');

  /** What a stored answer answered: the method, the path with its query and the body's SHA-256 (the
   *  signed parts that a retry of the same request repeats; its nonce, time and signature are new). */
  const requestOf = (req: FastifyRequest): string => `${req.method} ${req.url} ${req.bodySha256 ?? ''}`;

  /** The operation against the current state; state changes are appended before the answer. */
  async function decide(op: SrsOp, x: Input, req: FastifyRequest, store: {
    response(p: string, id: string): StoredResponse | undefined | Promise<StoredResponse | undefined>;
    append(c: Command, bind?: KeyBinding, answer?: { principal: string; requestId: string; response: StoredResponse }, erase?: readonly string[]): void | Promise<void>;
  }): Promise<unknown> {
    if (!op.mutates) {
      const r = op.run(state.srs, x);
      // The first R_U granted to a user may have formed RK (srs-keys): kept so a restart holds it too.
      if (op.name === 'requestRU' && (r as { granted: boolean }).granted && !state.ruLogged.has(x.user as string)) {
        const command = { op: op.name, input: { user: x.user, file: x.file, label: x.label, generation: x.generation, version: x.version }, random: [] };
        await timedWork(req, 'durable', () => store.append(command));
        state.ruLogged.add(x.user as string);
      }
      return r ?? { ok: true };
    }
    const principal = req.principal!;
    const request = requestOf(req);
    const done = await store.response(principal, req.requestId!);
    if (done) {
      if (done.request !== undefined && done.request !== request)
        throw new HttpError(409, 'REQUEST_ID_REUSED', `request id ${req.requestId}: already used by ${principal} for another request (${done.request.split(' ').slice(0, 2).join(' ')}); a retry sends the same request, a new request a new id`, HEADERS.requestId);
      return done.body;
    }
    state.rng.take();
    // Principals the operation names whose secret key the SRS holds: one it deletes (a revocation
    // of the last membership) is erased from the store too, so no copy outlives the key.
    const named = [...new Set(Object.values(x))].filter((v): v is string => typeof v === 'string');
    const keyed = named.filter((p) => state.srs.holdsSecretKey(p));
    let result: unknown;
    try {
      result = state.apply(op.name, x) ?? { ok: true };
    } catch (e) {
      state.rng.take();
      throw e;
    }
    const { signingKey: key, ...kept } = x;
    const bind = op.selfKey ? { principal, signingKey: key as string, kind: op.name === 'registerOwner' ? 'owner' as const : 'user' as const } : undefined;
    try {
      const command = { op: op.name, input: kept, random: state.rng.take() };
      const erase = keyed.filter((p) => !state.srs.holdsSecretKey(p));
      await timedWork(req, 'durable', () => store.append(command, bind, { principal, requestId: req.requestId!, response: { status: 200, body: result, request } }, erase));
    } catch {
      if (o.ledger) throw new HttpError(503, 'STORE_FAILED', 'the operation could not be stored');
      // The Srs changed but the change is not durable: stop, so a restart serves only what is stored.
      req.log.fatal({ op: op.name }, 'store commit failed; stopping');
      setImmediate(() => process.exit(70));
      throw new HttpError(503, 'STORE_FAILED', 'the operation could not be stored');
    }
    return result;
  }

  const handle = async (op: SrsOp, req: FastifyRequest): Promise<unknown> => {
    const x = inputOf(req);
    checkIds(op, x);
    await verifier.verify(req, op.selfKey ? (x.signingKey as string) : undefined);
    if (op.actor) requireSigner(req, x[op.actor] as string, op.actor);
    return handleStored(op, x, req);
  };

  for (const op of SRS_OPS) {
    app.route({
      method: op.method, url: op.url,
      schema: { summary: op.summary, tags: ['srs'], ...(op.params && { params: op.params }), ...(op.body && { body: op.body }), response: { 200: op.response, ...errors(op.errors) } },
      handler: (req) => handle(op, req),
    });
  }

  app.get('/v1/directory/:principal', {
    schema: { summary: 'A principal\'s registered Ed25519 signing key (public; the cloud verifies signatures with it), and whether it registered as an owner (the cloud takes C from owners only; absent for a registration stored before it was recorded)', tags: ['srs'], params: obj({ principal: ID }), response: { 200: obj({ principal: ID, signingKey: { type: 'string' }, owner: { type: 'boolean' } }), ...errors([400, 404]) } },
  }, async (req) => {
    const { principal: id } = req.params as { principal: string };
    checkIds({ params: obj({ principal: ID }) } as unknown as SrsOp, { principal: id });
    const known = await registered(id);
    if (!known) throw new HttpError(404, 'NOT_REGISTERED', `${id} has no registered signing key`, 'params.principal');
    return { principal: id, signingKey: known.signingKey, ...(known.kind && { owner: known.kind === 'owner' }) };
  });
  app.get('/v1/info', { schema: { summary: 'The service, its key-management variant and policy (public)', tags: ['srs'], response: { 200: obj({ service: { type: 'string' }, variant: VARIANT, policy: POLICY, inspection: { type: 'boolean' }, cloudUrl: { type: 'string' } }, ['service', 'variant', 'policy', 'inspection']) } } }, async () => {
    const cloudUrl = o.cloudUrl?.();
    return { service: 'srs', variant: state.srs.variant, policy: state.srs.policy, inspection: o.inspection === true, ...(cloudUrl && { cloudUrl }) };
  });

  if (o.inspection && o.store) {
    const store = o.store;
    const holdings = (hs: Holding[]) => hs.map((h) => ({ token: h.token, bytes: b64(h.bytes) }));
    const HOLDINGS = { type: 'array', items: obj({ token: { type: 'string' }, bytes: { type: 'string' } }) };
    app.get('/test/holdings', { schema: { summary: 'TEST ONLY (--inspection): what the SRS holds, token by token', tags: ['inspection'], response: { 200: HOLDINGS } } }, async () => holdings(state.srs.holdings()));
    app.get('/test/state', { schema: { summary: 'TEST ONLY: the SRS control state digest', tags: ['inspection'], response: { 200: obj({ digest: { type: 'string' }, epoch: { type: 'integer' } }) } } }, async () => ({ digest: state.srs.stateDigest(), epoch: state.srs.epoch }));
    app.post('/test/tick', { schema: { summary: 'TEST ONLY: advance the SRS clock by one epoch', tags: ['inspection'], response: { 200: obj({ epoch: { type: 'integer' } }) } } }, async () => {
      const epoch = state.apply('tick', {}) as number;
      store.commit({ op: 'tick', input: {}, random: [] });
      return { epoch };
    });
    app.post('/test/reset', {
      schema: { summary: 'TEST ONLY: start over with a configuration and (optionally) seeded key randomness', tags: ['inspection'], body: obj({ variant: VARIANT, policy: POLICY, seed: { type: 'string', maxLength: 128 } }, ['variant', 'policy']), response: { 200: OK, ...errors([400]) } },
    }, async (req) => {
      const b = req.body as SrsConfig;
      store.reset(b);
      state.load(b, []);
      return { ok: true };
    });
  }
  return app;
}

