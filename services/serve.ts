// Starting the services: the SRS (SQLite in <dataDir>/srs.db) and the cloud (<dataDir>/objects),
// in this process, on loopback unless told otherwise. Either can run alone (a deployment with
// them on different machines, or a test that kills one): a cloud alone asks the SRS named by
// srsUrl for signing keys. Off loopback they serve over TLS only (exposure.ts), unless told the
// network is trusted.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Policy, Variant } from '../impl/index.js';
import { createCloudService, inProcessDirectory, srsDirectory } from './cloud-service.js';
import { checkDirectoryUrl, checkExposure, readTls, type TlsFiles } from './exposure.js';
import { createSrsService } from './srs-service.js';
import { SqliteSrsStore, type SrsStore } from './srs-store.js';
import { PgLedger } from './pg-ledger.js';
import { lockDataDir } from './data-dir-lock.js';
import { shownDatabaseUrl } from './database-url.js';
import { openMode } from './private-path.js';

export interface ServeOptions {
  host: string;
  /** 0: any free port */
  srsPort?: number;
  cloudPort?: number;
  dataDir: string;
  variant: Variant;
  policy: Policy;
  /** the settings of `variant` and `policy` the operator gave (not defaults): a deployment set up
   *  before with another is refused instead of served as it was set up */
  stated?: ReadonlyArray<'variant' | 'policy'>;
  only?: 'srs' | 'cloud';
  /** with `only: 'cloud'`: the SRS whose directory holds the signing keys */
  srsUrl?: string;
  /** with `only: 'srs'`: the cloud the SRS advertises to clients */
  cloudUrl?: string;
  inspection?: boolean;
  log?: NodeJS.WritableStream;
  /** keep the SRS's state in this PostgreSQL database (several instances may share it) instead of SQLite */
  postgres?: string;
  /** serve both services over TLS only, with this certificate (PEM, its chain may follow) and key */
  tls?: TlsFiles;
  /** serve in clear on a host off loopback (a network trusted not to be listened to) */
  insecureHttp?: boolean;
}

export interface Running {
  srsUrl?: string;
  cloudUrl?: string;
  close(): Promise<void>;
}

const urlOf = (app: FastifyInstance, scheme: 'http' | 'https'): string => {
  const a = app.server.address();
  if (!a || typeof a === 'string') throw new Error('server has no TCP address');
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return `${scheme}://${host}:${a.port}`;
};

/** A start the operator's own settings prevented (the data directory, an address, the database):
 *  theirs to change, so it is reported as bad input, naming the setting. */
export class StartError extends Error {}

/** The data directory, made the service's alone (0700): in the srs-keys variant srs.db holds every
 *  principal's secret key. One already there that group or others may enter is refused
 *  (private-path.ts). */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const octal = openMode(dir);
  if (octal !== undefined) {
    const why = 'open to other users (srs.db holds secret keys)';
    throw new StartError(`${dir}: data directory has mode ${octal}, ${why}; run \`chmod 700 ${dir}\``);
  }
}

/** Listens, or says which setting kept it from listening: a port taken or not allowed, a host that
 *  is not an address of this machine. */
async function listen(app: FastifyInstance, host: string, port: number, portOption: string): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartError(`${portOption} ${port}: the port is in use on ${host}`);
    if (code === 'EACCES') throw new StartError(`${portOption} ${port}: not allowed to listen on it (ports below 1024 need privileges)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      throw new StartError(`--host ${host}: not an address of this machine (${code})`);
    throw e;
  }
}

export async function serve(o: ServeOptions): Promise<Running> {
  // refused before anything is created or listens
  checkExposure(o.host, o.tls, o.insecureHttp);
  if (o.only === 'cloud' && o.srsUrl) checkDirectoryUrl(o.srsUrl, o.insecureHttp);
  const https = o.tls && readTls(o.tls);
  const scheme = https ? 'https' : 'http';
  prepareDataDir(o.dataDir);
  // the parts of the directory this process serves, each by one process at a time (data-dir-lock.ts)
  const releases: Array<() => void> = [];
  const apps: FastifyInstance[] = [];
  let srs: FastifyInstance | undefined;
  let store: SrsStore | undefined;
  const closers: Array<() => Promise<void>> = [];
  const out: Running = {
    close: async () => {
      try {
        for (const a of apps) await a.close();
        store?.close();
        for (const c of closers) await c();
      } finally {
        // released whatever a close above threw: the directory is not held after this process stops serving it
        for (const release of releases) release();
      }
    },
  };
  try {
    if (o.only !== 'cloud') {
      const ledger = o.postgres
        ? await PgLedger.open(o.postgres).catch((e: Error) => {
          throw new StartError(`--postgres ${shownDatabaseUrl(o.postgres!)}: cannot use the database (${e.message})`);
        })
        : undefined;
      if (ledger) closers.push(() => ledger.close());
      else {
        releases.push(lockDataDir(o.dataDir, 'srs', (m) => new StartError(m)));
        store = new SqliteSrsStore(join(o.dataDir, 'srs.db'));
      }
      const existing = store ? store.config() : await ledger!.config();
      for (const k of o.stated ?? []) {
        if (existing && existing[k] !== o[k])
          throw new StartError(`--${k} ${o[k]}: ${ledger ? 'the database' : `the data directory ${o.dataDir}`} holds a deployment set up with ${k} ${existing[k]}, which it keeps; leave --${k} out, or use a new ${ledger ? 'database' : 'data directory'}`);
      }
      srs = await createSrsService({ ...(store ? { store } : { ledger }), variant: o.variant, policy: o.policy, inspection: o.inspection, log: o.log, cloudUrl: () => out.cloudUrl ?? o.cloudUrl, https });
      apps.push(srs);
      await listen(srs, o.host, o.srsPort ?? 0, '--srs-port');
      out.srsUrl = urlOf(srs, scheme);
    }
    if (o.only !== 'srs') {
      if (!srs && !o.srsUrl) throw new Error('a cloud alone needs the SRS url (--srs-url)');
      const keys = srs ? inProcessDirectory(srs) : srsDirectory(o.srsUrl!);
      releases.push(lockDataDir(o.dataDir, 'cloud', (m) => new StartError(m)));
      const cloud = await createCloudService({ dataDir: o.dataDir, keys, inspection: o.inspection, log: o.log, https });
      apps.push(cloud);
      await listen(cloud, o.host, o.cloudPort ?? 0, '--cloud-port');
      out.cloudUrl = urlOf(cloud, scheme);
    }
  } catch (e) {
    await out.close();
    throw e;
  }
  return out;
}
