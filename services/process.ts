// The services as a child process, for tests and the benchmark (conformance against a deployment,
// SIGKILL faults, loopback timings):
// serve() with the options in argv[2] (JSON), its urls printed as one JSON line, stopped by SIGTERM.
import { serve, type ServeOptions } from './serve.js';

const o = JSON.parse(process.argv[2]!) as ServeOptions & { logFile?: string };
const { createWriteStream } = await import('node:fs');
const running = await serve({ ...o, ...(o.logFile && { log: createWriteStream(o.logFile, { flags: 'a' }) }) });
process.stdout.write(JSON.stringify({ srsUrl: running.srsUrl, cloudUrl: running.cloudUrl }) + '\n');
process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
