// The clients' one HTTP exchange (services/http-send.mjs), against plain node:http servers that
// misbehave on purpose: an answer arrives whole with its headers, and every way of getting no
// answer is status 0 with its reason (what the clients retry on), never an exception or a hang.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { send } from '../services/http-send.mjs';

const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, keepAliveTimeout = 5_000): Promise<string> {
  const s = createServer(handler);
  s.keepAliveTimeout = keepAliveTimeout;
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** Echoes the body back, with the request's method and content type in headers of the answer. */
const echo = (req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/x-echo', 'server-timing': 'app;dur=1.25', 'x-method': req.method, 'x-type': req.headers['content-type'] ?? '' });
    res.end(Buffer.concat(chunks));
  });
};

it('sends the body and headers and returns the answer whole, Server-Timing included', async () => {
  const url = await serve(echo);
  const body = new Uint8Array(2 * 1024 * 1024 + 7).map((_, i) => (i * 31) & 0xff);
  const r = await send({ method: 'PUT', url: `${url}/x`, headers: { 'content-type': 'application/octet-stream' }, body: body.subarray(3) });
  expect(r.status).toBe(201);
  expect(r.contentType).toBe('application/x-echo');
  expect(r.serverTiming).toBe('app;dur=1.25');
  expect(Buffer.from(r.body).equals(Buffer.from(body.subarray(3)))).toBe(true);
  const g = await send({ method: 'GET', url: `${url}/y`, headers: {} });
  expect(g.status).toBe(201);
  expect(g.body.length).toBe(0);
});

it('goes on over a fresh connection after the server closed an idle one', async () => {
  const url = await serve(echo, 50);
  expect((await send({ method: 'POST', url, headers: {}, body: new Uint8Array([1]) })).status).toBe(201);
  await new Promise((r) => setTimeout(r, 200)); // the server has closed the kept-alive socket
  const r = await send({ method: 'POST', url, headers: {}, body: new Uint8Array([2]) });
  expect(r.status).toBe(201);
  expect([...r.body]).toEqual([2]);
});

it('answers status 0 with the reason when no server listens', async () => {
  const url = await serve(echo);
  const s = servers.pop()!;
  await new Promise((r) => s.close(r));
  const r = await send({ method: 'GET', url, headers: {} });
  expect(r).toMatchObject({ status: 0, error: 'ECONNREFUSED' });
});

it('answers status 0 when the server drops the connection without an answer', async () => {
  const url = await serve((req) => req.socket.destroy());
  const r = await send({ method: 'POST', url, headers: {}, body: new Uint8Array(10) });
  expect(r.status).toBe(0);
  expect(r.error).toMatch(/^E[A-Z]+$/);
});

it('answers status 0 with TimeoutError when the server never answers, at the deadline', async () => {
  const url = await serve(() => undefined);
  const t0 = performance.now();
  const r = await send({ method: 'GET', url, headers: {} }, 200);
  expect(r).toMatchObject({ status: 0, error: 'TimeoutError' });
  expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
});

it('answers status 0 with TimeoutError when an answer stops halfway', async () => {
  const url = await serve((_req, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write(Buffer.alloc(10));
  });
  const r = await send({ method: 'GET', url, headers: {} }, 200);
  expect(r).toMatchObject({ status: 0, error: 'TimeoutError' });
});

it('answers status 0 for a url it cannot send to, without throwing', async () => {
  const r = await send({ method: 'GET', url: 'http://127.0.0.1:99999/x', headers: {} });
  expect(r.status).toBe(0);
  expect(r.error).toBeTruthy();
});
