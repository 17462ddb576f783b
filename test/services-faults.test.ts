// Faults and concurrency at a deployment. (1) The SRS and the cloud run as two processes and are
// killed with SIGKILL at random moments of a conformance run and started again: the run goes
// on (clients retry with the same request id) and finds no mismatch, so no acknowledged grant,
// revocation or upload was lost, no object is torn, and no R_U was issued after an acknowledged
// revocation. (2) Many clients at once, revocations racing R_U requests: every answer must fit
// one serial order of the operations (checked per user against the requests' real-time intervals).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conform } from '../conformance/conform.js';
import { deploymentMakers } from '../conformance/deployment.js';
import { paper, small } from '../universes/index.js';
import { ServiceClient } from '../services/client.js';
import { newIdentity } from '../services/identity.js';
import { serve, type Running } from '../services/serve.js';
import { CHILD_ARGS, freePort } from './support/services.js';
import { computeRP, decodeScalar, deterministicRandom, encodeRP } from '../impl/index.js';

const dirs: string[] = [];
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('SIGKILL during a conformance run', () => {
  let worker: Worker | undefined;
  let urls: { srsUrl: string; cloudUrl: string };

  beforeAll(async () => {
    const [srsPort, cloudPort] = [await freePort(), await freePort()];
    const base = { host: '127.0.0.1', variant: 'srs-keys', policy: 'history', inspection: true };
    worker = new Worker(new URL('./support/chaos-worker.mjs', import.meta.url), {
      workerData: {
        childArgs: CHILD_ARGS, seed: 13, maxKills: 4, minMs: 3_000, maxMs: 9_000,
        services: {
          srs: { ...base, only: 'srs', srsPort, dataDir: tmp('sesphr-kill-srs-'), cloudUrl: `http://127.0.0.1:${cloudPort}` },
          cloud: { ...base, only: 'cloud', cloudPort, dataDir: tmp('sesphr-kill-cloud-'), srsUrl: `http://127.0.0.1:${srsPort}` },
        },
      },
    });
    urls = await new Promise((resolve, reject) => {
      worker!.once('message', resolve);
      worker!.once('error', reject);
    });
  }, 400_000);

  afterAll(async () => {
    if (!worker) return;
    const w = worker;
    await new Promise((resolve) => {
      w.once('message', resolve);
      w.postMessage('stop');
      setTimeout(resolve, 60_000);
    });
    await w.terminate();
  }, 90_000);

  it('goes on after each kill and restart with no mismatch', async () => {
    worker!.postMessage('go');
    const make = deploymentMakers({ ...urls, retryMs: 240_000 }, [small, paper]);
    const reports = [];
    const ask = (m: string) => new Promise<Array<{ service: string }>>((resolve) => {
      const w = worker!;
      w.once('message', (x: { kills: Array<{ service: string }> }) => resolve(x.kills));
      w.postMessage(m);
    });
    // Rounds until each service was killed at least once during a run: the kills come 3 to 9 s
    // apart, so the bound is time, not a number of rounds (a round takes a few seconds on the
    // native backend, and four of them could end before the second kill).
    let kills: Array<{ service: string }> = [];
    const until = Date.now() + 180_000;
    for (let round = 0; Date.now() < until; round++) {
      reports.push(conform({ universe: small, configs: [{ profile: 'paper', variant: 'srs-keys', policy: 'history' }], seed: 20 + round, runs: 1, maxCommands: 30, randomUniverse: paper, traces: false, make }));
      kills = await ask('status');
      if (new Set(kills.map((k) => k.service)).size === 2) break;
    }
    kills = await ask('stop');
    for (const r of reports) {
      expect(r.mismatches).toEqual([]);
      expect(r.totals.randomFailures).toBe(0);
      expect(r.totals.steps).toBeGreaterThan(100);
    }
    expect(kills.map((k) => k.service)).toEqual(expect.arrayContaining(['srs', 'cloud']));
    worker = undefined;
  }, 1_200_000);
});

describe('concurrent clients', () => {
  let running: Running;
  beforeAll(async () => {
    running = await serve({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir: tmp('sesphr-conc-'), variant: 'srs-keys', policy: 'history' });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers 16 users racing 8 revocations in an order that is serial (linearizable ACL decisions)', async () => {
    const N = 16;
    const REQUESTS = 6;
    const P = newIdentity('P');
    const c = (id: ReturnType<typeof newIdentity>) => new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: running.cloudUrl!, identity: id });
    const owner = c(P);
    await owner.srs('registerOwner', { owner: 'P', signingKey: P.publicKey });
    await owner.srs('genKey', { x: 'P' });
    // The owner's client computes R_P = g2^(r x_P) with its key from Send_Keys; only R_P goes to the SRS.
    const skP = decodeScalar(Buffer.from((await owner.srs<{ sk: string }>('sendKeys', { x: 'P' })).sk, 'base64'), 'sk(P)');
    const rp = encodeRP(computeRP(deterministicRandom('conc/r').scalar(), skP));
    await owner.srs('storeRP', { owner: 'P', file: 'f1', label: 'medical', version: 1, rp: Buffer.from(rp).toString('base64') });
    const users = Array.from({ length: N }, (_, k) => newIdentity(`u${k}`));
    for (const u of users) {
      const cu = c(u);
      await cu.srs('register', { user: u.principal, owner: 'P', role: 'doctor', signingKey: u.publicKey });
      await cu.srs('genKey', { x: u.principal });
      await owner.srs('approve', { owner: 'P', user: u.principal });
    }
    type Op = { user: string; kind: 'ru' | 'revoke'; s: number; e: number; granted?: boolean; code?: string };
    const ops: Op[] = [];
    const timed = async (o: Omit<Op, 's' | 'e'>, f: () => Promise<unknown>) => {
      const s = performance.now();
      const r = (await f()) as { granted?: boolean; code?: string };
      ops.push({ ...o, s, e: performance.now(), ...(o.kind === 'ru' && { granted: r.granted, code: r.code }) });
    };
    const revoked = users.filter((_, k) => k % 2 === 0).map((u) => u.principal);
    await Promise.all([
      ...users.map(async (u) => {
        for (let k = 0; k < REQUESTS; k++) await timed({ user: u.principal, kind: 'ru' }, () => c(u).srs('requestRU', { user: u.principal, file: 'f1', label: 'medical' }));
      }),
      ...revoked.map(async (u, k) => {
        await new Promise((r) => setTimeout(r, 5 + 15 * k));
        await timed({ user: u, kind: 'revoke' }, () => owner.srs('revoke', { owner: 'P', user: u }));
      }),
    ]);
    expect(ops.filter((o) => o.kind === 'ru')).toHaveLength(N * REQUESTS);
    for (const u of users.map((x) => x.principal)) {
      const reads = ops.filter((o) => o.user === u && o.kind === 'ru');
      const rev = ops.find((o) => o.user === u && o.kind === 'revoke');
      for (const r of reads) if (!r.granted) expect(r.code, `${u}: a refusal other than the revocation`).toBe('REVOKED');
      if (!rev) {
        expect(reads.every((r) => r.granted), `${u} was never revoked`).toBe(true);
        continue;
      }
      // A serial order exists iff the revocation can take effect at one moment p inside its own
      // interval, after the start of every granted request and before the end of every refused one.
      const lo = Math.max(rev.s, ...reads.filter((r) => r.granted).map((r) => r.s));
      const hi = Math.min(rev.e, ...reads.filter((r) => !r.granted).map((r) => r.e));
      expect(lo, `${u}: no serial order fits (granted after the revocation, or refused before it)`).toBeLessThanOrEqual(hi);
    }
    // The race was real: some revoked users were granted before and refused after.
    expect(ops.some((o) => o.kind === 'ru' && o.granted === false)).toBe(true);
    expect(ops.some((o) => o.kind === 'ru' && revoked.includes(o.user) && o.granted)).toBe(true);
  }, 300_000);
});
