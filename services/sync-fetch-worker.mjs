// The worker behind the synchronous client (remote-parties.ts): one HTTP exchange per call,
// answered to the caller, which waits on it. Plain JavaScript so that it loads the same way
// from the sources, from dist/ and under the test runner.
import { runAsWorker } from 'synckit';

runAsWorker(async (req) => {
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body ? Buffer.from(req.body) : undefined, signal: AbortSignal.timeout(req.timeoutMs) });
    const body = new Uint8Array(await res.arrayBuffer());
    const serverTiming = res.headers.get('server-timing');
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, ...(serverTiming !== null && { serverTiming }) };
  } catch (e) {
    const cause = e && typeof e === 'object' && 'cause' in e && e.cause && typeof e.cause === 'object' && 'code' in e.cause ? e.cause.code : undefined;
    return { status: 0, contentType: '', body: new Uint8Array(), error: String(cause ?? (e instanceof Error ? e.name : e)) };
  }
});
