// The deployment's tally, from which the bench's Fig. 6 builds its floor: every request the
// synchronous parties send is counted once, so an owner's upload and a reader's read over the wire
// count exactly the requests the two servers logged (less the cloud's own look-ups of signing keys
// in the SRS's directory, which no client sends). The servers' own time, and within it their
// durable writes and signature checks, is summed from their answers; the client's signing from
// its own clock.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { remotePair } from '../bench/services.js';
import { type Deployment, newTally } from '../services/remote-parties.js';
import { startService, type ServiceProcess } from './support/services.js';

let dir: string;
let logFile: string;
let svc: ServiceProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesphr-tally-'));
  logFile = join(dir, 'requests.log');
  svc = await startService({ dataDir: join(dir, 'data'), logFile });
}, 180_000);

afterAll(async () => {
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Requests the servers logged from clients: each logs one line as a request comes in. */
function clientRequests(): number {
  const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"incoming request"'));
  return lines.filter((l) => !(JSON.parse(l) as { req: { url: string } }).req.url.startsWith('/v1/directory/')).length;
}

/** The log is written by the server as it goes: its count once it has caught up with `n` (or what it reached). */
async function loggedWhenCaughtUp(n: number): Promise<number> {
  const until = Date.now() + 10_000;
  while (clientRequests() < n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200)); // and no line beyond it arrives late
  return clientRequests();
}

it('counts each exchange of an upload and a read once, as the servers received them', async () => {
  const tally = newTally();
  const d: Deployment = { srsUrl: svc.srsUrl!, cloudUrl: svc.cloudUrl!, retryMs: 60_000, tally };
  const { owner, reader } = remotePair(d, 'tally');
  const setUp = tally.exchanges;
  expect(setUp).toBeGreaterThan(0);
  expect(await loggedWhenCaughtUp(setUp)).toBe(setUp);

  const before = { ...tally };
  tally.log = [];
  const t0 = performance.now();
  owner.upload('f', { medical: new TextEncoder().encode('a partition of the record') });
  const upload = tally.exchanges - setUp;
  // with a log, each exchange is also kept as it went: to which service, its request line, and its
  // time at the client, within which the servers' own time and the signing fall
  const log = tally.log;
  delete tally.log;
  expect(log).toHaveLength(upload);
  expect(log.map((r) => `${r.base === d.cloudUrl ? 'cloud' : r.base === d.srsUrl ? 'SRS' : r.base} ${r.method}`)).toContain('cloud PUT');
  expect(log.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/v1/objects/f/medical']);
  for (const r of log) {
    expect(r.status).toBeLessThan(300);
    expect(r.serverMs).toBeGreaterThan(0);
    expect(r.serverMs + r.signingMs).toBeLessThan(r.ms);
  }
  expect(log.reduce((a, r) => a + r.ms, 0)).toBeLessThan(performance.now() - t0);
  expect(log.reduce((a, r) => a + r.durableMs, 0)).toBeCloseTo(tally.durableMs - before.durableMs, 6);
  // the upload's required work, timed where it ran: the cloud's fsynced object and the SRS's
  // commit of R_P, every request's signature checked at a server and made at the client
  const up = { ...tally };
  expect(up.durableMs - before.durableMs).toBeGreaterThan(0);
  expect(up.signatureMs - before.signatureMs).toBeGreaterThan(0);
  expect(up.signingMs - before.signingMs).toBeGreaterThan(0);
  expect(up.durableMs - before.durableMs + up.signatureMs - before.signatureMs).toBeLessThan(up.serverMs - before.serverMs);
  const read = reader.readAll('f');
  const elapsed = performance.now() - t0;
  // the servers said their own time on every answer (an inspection deployment), within the client's
  expect(tally.serverMs - before.serverMs).toBeGreaterThan(0);
  expect(tally.serverMs - before.serverMs + tally.signingMs - before.signingMs).toBeLessThan(elapsed);
  // the read's requests were checked too
  expect(tally.signatureMs).toBeGreaterThan(up.signatureMs);
  expect(read.map((r) => r.status)).toEqual(['read']);
  const readExchanges = tally.exchanges - setUp - upload;
  expect(upload).toBeGreaterThan(0);
  expect(readExchanges).toBeGreaterThan(0);
  expect(await loggedWhenCaughtUp(tally.exchanges)).toBe(tally.exchanges);
}, 120_000);
