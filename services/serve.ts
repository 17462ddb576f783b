// Starting the services: the SRS (SQLite in <dataDir>/srs.db) and the cloud (<dataDir>/objects),
// in this process, on loopback unless told otherwise. Either can run alone (a deployment with
// them on different machines, or a test that kills one): a cloud alone asks the SRS named by
// srsUrl for signing keys.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Policy, Variant } from '../impl/index.js';
import { createCloudService, srsDirectory } from './cloud-service.js';
import { createSrsService } from './srs-service.js';
import { SqliteSrsStore, type SrsStore } from './srs-store.js';
import { PgLedger } from './pg-ledger.js';

export interface ServeOptions {
  host: string;
  /** 0: any free port */
  srsPort?: number;
  cloudPort?: number;
  dataDir: string;
  variant: Variant;
  policy: Policy;
  only?: 'srs' | 'cloud';
  /** with `only: 'cloud'`: the SRS whose directory holds the signing keys */
  srsUrl?: string;
  /** with `only: 'srs'`: the cloud the SRS advertises to clients */
  cloudUrl?: string;
  inspection?: boolean;
  log?: NodeJS.WritableStream;
  /** keep the SRS's state in this PostgreSQL database (several instances may share it) instead of SQLite */
  postgres?: string;
}

export interface Running {
  srsUrl?: string;
  cloudUrl?: string;
  close(): Promise<void>;
}

const urlOf = (app: FastifyInstance): string => {
  const a = app.server.address();
  if (!a || typeof a === 'string') throw new Error('server has no TCP address');
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return `http://${host}:${a.port}`;
};

/** The data directory, made the service's alone (0700): in the srs-keys variant srs.db holds every
 *  principal's secret key. One already there that group or others may enter is refused, not
 *  tightened, as PostgreSQL and OpenSSH do: its mode was someone's choice (a backup group, a shared
 *  folder) that a server should not silently undo, and what it held may already have been read. */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    const octal = mode.toString(8).padStart(4, '0');
    const why = 'open to other users (srs.db holds secret keys)';
    throw new Error(`${dir}: data directory has mode ${octal}, ${why}; run \`chmod 700 ${dir}\``);
  }
}

export async function serve(o: ServeOptions): Promise<Running> {
  prepareDataDir(o.dataDir);
  const apps: FastifyInstance[] = [];
  let store: SrsStore | undefined;
  const closers: Array<() => Promise<void>> = [];
  const out: Running = {
    close: async () => {
      for (const a of apps) await a.close();
      store?.close();
      for (const c of closers) await c();
    },
  };
  try {
    if (o.only !== 'cloud') {
      const ledger = o.postgres ? await PgLedger.open(o.postgres) : undefined;
      if (ledger) closers.push(() => ledger.close());
      else store = new SqliteSrsStore(join(o.dataDir, 'srs.db'));
      const srs = await createSrsService({ ...(store ? { store } : { ledger }), variant: o.variant, policy: o.policy, inspection: o.inspection, log: o.log, cloudUrl: () => out.cloudUrl ?? o.cloudUrl });
      apps.push(srs);
      await srs.listen({ host: o.host, port: o.srsPort ?? 0 });
      out.srsUrl = urlOf(srs);
    }
    if (o.only !== 'srs') {
      const srsUrl = out.srsUrl ?? o.srsUrl;
      if (!srsUrl) throw new Error('a cloud alone needs the SRS url (--srs-url)');
      const cloud = await createCloudService({ dataDir: o.dataDir, keys: srsDirectory(srsUrl), inspection: o.inspection, log: o.log });
      apps.push(cloud);
      await cloud.listen({ host: o.host, port: o.cloudPort ?? 0 });
      out.cloudUrl = urlOf(cloud);
    }
  } catch (e) {
    await out.close();
    throw e;
  }
  return out;
}
