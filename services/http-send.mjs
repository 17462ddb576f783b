// One HTTP exchange, for both clients: client.ts sends through it directly, and remote-parties.ts
// from the worker its synchronous calls wait on (sync-send-worker.mjs). Plain JavaScript so that
// the worker loads it the same way from the sources, from dist/ and under the test runner.
// node:http with a keep-alive agent rather than fetch: fetch (undici) spent more of the client's
// time on each exchange, most on those with a body, and an upload or a read makes about ten
// (bench/README.md, "Fig. 6 and R_U issuance over loopback"). An https: url goes through node:https,
// the server's certificate checked against Node's CAs and those NODE_EXTRA_CA_CERTS adds at start.
import http from 'node:http';
import https from 'node:https';

/** A body longer than this asks before it is sent (`Expect: 100-continue`): a service that refuses
 *  it from its headers (too large, say) answers before the bytes go, so its refusal is read, not
 *  lost to the connection it resets while the client is still writing. One more round trip is
 *  nothing beside sending a megabyte; below that the body goes at once. */
const ASK_ABOVE_BYTES = 1024 * 1024;
/** How long to wait for the go-ahead before sending anyway (RFC 9110 15.2.1: a server that does
 *  not know the expectation may never send it). */
const ASK_WAIT_MS = 1000;

/** kept-alive connections, one pool per scheme */
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/**
 * @param {{ method: string, url: string, headers: Record<string, string>, body?: Uint8Array }} req
 * @param {number} [timeoutMs] the whole exchange, answer included
 * @returns {Promise<{ status: number, contentType: string, body: Uint8Array, error?: string, serverTiming?: string }>}
 *   status 0: no answer, and `error` says why (ECONNREFUSED, ECONNRESET, TimeoutError, a refused
 *   certificate such as DEPTH_ZERO_SELF_SIGNED_CERT or ERR_TLS_CERT_ALTNAME_INVALID, ...)
 */
export function send(req, timeoutMs = 30_000) {
  return new Promise((resolve) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const none = (e) => resolve({ status: 0, contentType: '', body: new Uint8Array(), error: signal.aborted ? 'TimeoutError' : String(e?.code ?? e?.name ?? e) });
    const body = req.body && Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
    const ask = body !== undefined && body.length > ASK_ABOVE_BYTES;
    let answered = false;
    let sent = false;
    let r;
    try {
      const url = new URL(req.url);
      // any other scheme: node:http refuses it (ERR_INVALID_PROTOCOL), an answer of status 0
      const [client, agent] = url.protocol === 'https:' ? [https, httpsAgent] : [http, httpAgent];
      const headers = body ? { ...req.headers, 'content-length': String(body.length), ...(ask && { expect: '100-continue' }) } : req.headers;
      r = client.request(url, { method: req.method, headers, agent, signal }, (res) => {
        answered = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', none);
        res.on('end', () => {
          const b = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
          const serverTiming = res.headers['server-timing'];
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
            ...(typeof serverTiming === 'string' && { serverTiming }),
          });
          // answered before the body went: the server still waits for it, so the connection
          // cannot carry another exchange
          if (!sent) r.destroy();
        });
      });
    } catch (e) {
      none(e); // a malformed url or header
      return;
    }
    r.on('error', none);
    if (!ask) {
      sent = true;
      r.end(body);
      return;
    }
    const go = () => {
      clearTimeout(waiting);
      if (sent || answered) return;
      sent = true;
      r.end(body);
    };
    const waiting = setTimeout(go, ASK_WAIT_MS);
    r.on('continue', go);
    r.on('response', () => clearTimeout(waiting));
  });
}
