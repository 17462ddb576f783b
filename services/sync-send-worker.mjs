// The worker behind the synchronous client (remote-parties.ts): one HTTP exchange per call,
// answered to the caller, which waits on it. Plain JavaScript so that it loads the same way
// from the sources, from dist/ and under the test runner.
import { runAsWorker } from 'synckit';
import { send } from './http-send.mjs';

runAsWorker((req) => send(req, req.timeoutMs));
