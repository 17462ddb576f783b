// The clients' one HTTP exchange (services/http-send.mjs), against plain node:http servers that
// misbehave on purpose: an answer arrives whole with its headers, and every way of getting no
// answer is status 0 with its reason (what the clients retry on), never an exception or a hang.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { send } from '../services/http-send.mjs';
import { createApp } from '../services/http.js';

const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, keepAliveTimeout = 5_000, checkContinue?: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const s = createServer(handler);
  if (checkContinue) s.on('checkContinue', checkContinue);
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

/** The bytes a server has read from its connections, headers and bodies. */
const bytesRead = (s: { on(e: 'connection', f: (c: import('node:net').Socket) => void): unknown }) => {
  const sockets: import('node:net').Socket[] = [];
  s.on('connection', (c) => sockets.push(c));
  return () => sockets.reduce((n, c) => n + c.bytesRead, 0);
};

it('asks before sending a large body: a refusal from the headers comes back, and the body is never sent', async () => {
  const body = new Uint8Array(8 * 1024 * 1024);
  // refuses from the declared length, before any body, as the services' size limit does
  const url = await serve(echo, 5_000, (req, res) => {
    expect(req.headers.expect).toBe('100-continue');
    res.writeHead(413, { 'content-type': 'text/plain' });
    res.end('too large');
  });
  const read = bytesRead(servers.at(-1)!);
  for (let i = 0; i < 3; i++) {
    const r = await send({ method: 'PUT', url, headers: {}, body });
    expect([r.status, Buffer.from(r.body).toString()]).toEqual([413, 'too large']);
  }
  expect(read()).toBeLessThan(3 * 4096);
  // the connection the refusal left is not reused for the next exchange
  expect((await send({ method: 'POST', url, headers: {}, body: new Uint8Array([7]) })).body).toEqual(new Uint8Array([7]));
});

it('sends a large body on the go-ahead, and after a wait to a server that never gives one', async () => {
  const body = new Uint8Array(2 * 1024 * 1024 + 1).map((_, i) => i & 0xff);
  const asked = await serve(echo, 5_000, (req, res) => {
    res.writeContinue();
    echo(req, res);
  });
  const r = await send({ method: 'PUT', url: asked, headers: {}, body });
  expect(r.status).toBe(201);
  expect(Buffer.from(r.body).equals(Buffer.from(body))).toBe(true);
  // a server that reads the body without ever saying 100 Continue
  const silent = await serve(echo, 5_000, (req, res) => echo(req, res));
  const t0 = performance.now();
  const q = await send({ method: 'PUT', url: silent, headers: {}, body });
  expect(q.status).toBe(201);
  expect(Buffer.from(q.body).equals(Buffer.from(body))).toBe(true);
  expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
  // a small body goes at once, without asking
  const small = await send({ method: 'PUT', url: silent, headers: {}, body: new Uint8Array(1000) });
  expect(small.status).toBe(201);
});

it('the services answer a body over their limit from its declared length, before it is sent', async () => {
  const app = createApp({ bodyLimit: 1024 * 1024 });
  app.put('/x', async () => ({ ok: true }));
  const read = bytesRead(app.server);
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/x`;
    const too = await send({ method: 'PUT', url, headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(16 * 1024 * 1024) });
    expect(too.status).toBe(413);
    expect(JSON.parse(Buffer.from(too.body).toString()).error.code).toBe('BODY_TOO_LARGE');
    expect(read()).toBeLessThan(4096);
    const fits = await send({ method: 'PUT', url, headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(1024 * 1024) });
    expect(fits.status).toBe(200);
  } finally {
    await app.close();
  }
});
