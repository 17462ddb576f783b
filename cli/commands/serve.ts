// `sesphr serve`: the SRS and the cloud as HTTP services (services/), on loopback unless told
// otherwise, until interrupted. Prints one line per service with its url. Off loopback they need a
// certificate (--tls-cert, --tls-key) or the operator's word that the network is trusted.
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import type { TlsFiles } from '../../services/exposure.js';
import { isDatabaseUrl, shownDatabaseUrl } from '../../services/database-url.js';
import { BACKEND_HELP, CHOICES, UsageError, parsePolicy, parseServiceUrl, parseVariant, selectBackend } from '../options.js';
import { checkOutputDir, checkOutputFile } from '../paths.js';

function parsePort(option: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${option} '${v}' is not a port number (0-65535; 0: any free port)`);
  return n;
}

/** `--tls-cert` and `--tls-key`: both or neither. */
function tlsFiles(certFile: string | undefined, keyFile: string | undefined): TlsFiles | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (keyFile === undefined) throw new UsageError('--tls-cert needs --tls-key (the certificate\'s private key, PEM)');
  if (certFile === undefined) throw new UsageError('--tls-key needs --tls-cert (the certificate it is the key of, PEM)');
  return { certFile, keyFile };
}

function parseDatabaseUrl(v: string): string {
  if (!isDatabaseUrl(v)) throw new UsageError(`--postgres '${shownDatabaseUrl(v)}' is not a postgres:// url (postgres://user:password@host:port/database)`);
  return v;
}

/** The services' log, appended to. Opened before anything listens, so a path that cannot take it is
 *  refused with its option named; a write that fails later (a full disk) stops the services with
 *  one line, as a store that fails does, rather than with an unhandled stream error. */
function openLog(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`--log '${path}': cannot be opened for appending (${code === 'ENOENT' ? 'its directory does not exist' : code ?? 'unknown error'})`);
  }
  const log = createWriteStream('', { fd });
  log.on('error', (e: NodeJS.ErrnoException) => {
    process.stderr.write(`sesphr: --log '${path}': a write failed (${e.code ?? 'unknown error'}); stopping\n`);
    process.exit(1);
  });
  return log;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the SRS and the cloud as HTTP(S) services (SQLite and atomic files under --data-dir), signed requests only')
    .option('--host <addr>', 'address to bind; other than loopback (127.0.0.0/8, ::1, localhost) it needs --tls-cert and --tls-key, or --insecure-http', '127.0.0.1')
    .option('--srs-port <n>', 'SRS port (0: any free port)', '7301')
    .option('--cloud-port <n>', 'cloud port (0: any free port)', '7302')
    .option('--data-dir <dir>', 'where the SRS database and the cloud objects live; made 0700, and one that group or others may enter is refused', 'sesphr-data')
    .option('--variant <name>', `${CHOICES.variant}: set when the data directory (or database) is new; given for one set up with the other, refused`, 'srs-keys')
    .option('--policy <name>', `${CHOICES.policy}: set when the data directory (or database) is new; given for one set up with the other, refused`, 'history')
    .option('--only <service>', 'srs | cloud: run one service alone')
    .option('--srs-url <url>', 'with --only cloud: the SRS whose directory holds the signing keys')
    .option('--cloud-url <url>', 'with --only srs: the cloud to advertise to clients')
    .option('--inspection', 'TEST ONLY: serve the routes under /test that expose holdings and reset state (conform --target needs them)')
    .option('--postgres <url>', 'keep the SRS state in this PostgreSQL database (several SRS instances may share it) instead of SQLite')
    .option('--log <file>', 'append request log lines (JSON) to this file instead of stderr')
    .option('--tls-cert <file>', 'serve both services over HTTPS only with this certificate (PEM, its chain may follow); needs --tls-key')
    .option('--tls-key <file>', 'the certificate\'s private key (PEM, unencrypted)')
    .option('--backend <name>', BACKEND_HELP)
    .option('--insecure-http', 'serve in clear on a --host other than loopback, or (a cloud alone, with TLS or without) take signing keys from an http: --srs-url off loopback, on a network you trust')
    .action(async (o, cmd: Command) => {
      const only = o.only === undefined ? undefined : o.only === 'srs' || o.only === 'cloud' ? (o.only as 'srs' | 'cloud') : (() => { throw new UsageError(`--only '${o.only}' is not one of: srs, cloud`); })();
      if (only === 'cloud' && !o.srsUrl) throw new UsageError('--only cloud needs --srs-url (the SRS whose directory holds the signing keys)');
      // paths first, before anything is made: Node's recursive mkdir never returns under /proc
      checkOutputDir('--data-dir', o.dataDir);
      if (o.log !== undefined) checkOutputFile('--log', o.log, true);
      const tls = tlsFiles(o.tlsCert, o.tlsKey);
      const backendName = await selectBackend(o.backend);
      // Loaded here: the other commands start without the HTTP and database libraries.
      const { StartError, serve } = await import('../../services/serve.js');
      const { ExposureError, isLoopback, keysInClear: inClear } = await import('../../services/exposure.js');
      const srsUrl = o.srsUrl === undefined ? undefined : parseServiceUrl('--srs-url', o.srsUrl);
      // --insecure-http allows two things in clear: this listener off loopback, and a cloud alone
      // taking signing keys from an http: SRS off loopback. With TLS only the second can be meant.
      const keysInClear = only === 'cloud' && srsUrl !== undefined && inClear(srsUrl);
      if (tls && o.insecureHttp && !keysInClear)
        throw new UsageError('--insecure-http serves in clear: give it or --tls-cert and --tls-key, not both');
      const options = {
        host: o.host, srsPort: parsePort('--srs-port', o.srsPort), cloudPort: parsePort('--cloud-port', o.cloudPort), dataDir: o.dataDir,
        variant: parseVariant(o.variant), policy: parsePolicy(o.policy), only, inspection: o.inspection === true,
        stated: (['variant', 'policy'] as const).filter((k) => cmd.getOptionValueSource(k) === 'cli'),
        ...(o.postgres !== undefined && { postgres: parseDatabaseUrl(o.postgres) }),
        ...(srsUrl && { srsUrl }), ...(o.cloudUrl && { cloudUrl: parseServiceUrl('--cloud-url', o.cloudUrl) }),
        ...(tls && { tls }), insecureHttp: o.insecureHttp === true,
      };
      // the log is made only once every option has been read
      const log = o.log !== undefined ? openLog(o.log) : process.stderr;
      const running = await serve({ ...options, log }).catch((e: unknown) => {
        // a refused host, certificate, data directory, port or database is the user's to change: exit 2
        throw e instanceof ExposureError || e instanceof StartError ? new UsageError(e.message) : e;
      });
      if (running.srsUrl) console.log(`srs: ${running.srsUrl}`);
      if (running.cloudUrl) console.log(`cloud: ${running.cloudUrl}`);
      console.log(`group backend: ${backendName}`);
      if (!tls && !isLoopback(o.host))
        console.log(`--insecure-http: serving in clear on ${o.host}; secret keys cross the network unencrypted`);
      if (keysInClear) console.log(`--insecure-http: signing keys taken in clear from ${srsUrl}`);
      if (o.inspection) console.log('inspection routes on (/test): for conformance runs only');
      await new Promise<void>((resolve) => {
        const stop = () => void running.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
