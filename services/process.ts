// The services as a child process, for tests and the benchmark (conformance against a deployment,
// SIGKILL faults, loopback timings):
// serve() with the options in argv[2] (JSON), on the group backend they name (the default when they
// name none), its urls and that backend printed as one JSON line, stopped by SIGTERM (and, with
// endWithParent, when its stdin ends).
import { type BackendName, backend, useBackend } from '../impl/group/group.js';
import { serve, type ServeOptions } from './serve.js';

const { backend: asked, endWithParent, ...o } = JSON.parse(process.argv[2]!) as ServeOptions & { logFile?: string; backend?: BackendName; endWithParent?: boolean };
if (asked !== undefined) await useBackend(asked);
const { createWriteStream } = await import('node:fs');
const running = await serve({ ...o, ...(o.logFile && { log: createWriteStream(o.logFile, { flags: 'a' }) }) });
process.stdout.write(JSON.stringify({ srsUrl: running.srsUrl, cloudUrl: running.cloudUrl, backend: backend().name }) + '\n');
const stop = () => void running.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
// endWithParent: the parent holds this process's stdin open while it lives (child.ts), so when the
// parent ends, however it ends (a kill that gives it no chance to stop us included), stdin ends and
// the services stop with it rather than keep their ports and data directory
if (endWithParent) process.stdin.once('end', stop).resume();
