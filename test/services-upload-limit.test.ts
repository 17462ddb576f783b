// The cloud's limit on C over the wire: it says it in /v1/info, and an owner checks a record's
// partitions against it before sending any, so a record with one partition too large for the cloud
// is refused whole instead of stored in part.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { remotePair } from '../bench/services.js';
import { isSesphrError } from '../impl/index.js';
import { MAX_OBJECT_BYTES } from '../services/cloud-service.js';
import type { Deployment } from '../services/remote-parties.js';
import { startService, type ServiceProcess } from './support/services.js';

let dir: string;
let svc: ServiceProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesphr-upload-limit-'));
  svc = await startService({ dataDir: join(dir, 'data') });
}, 180_000);

afterAll(async () => {
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses a record with a partition past the cloud\'s limit before sending any of it', async () => {
  const info = (await (await fetch(`${svc.cloudUrl}/v1/info`)).json()) as { maxObjectBytes: number };
  expect(info.maxObjectBytes).toBe(MAX_OBJECT_BYTES);
  const d: Deployment = { srsUrl: svc.srsUrl!, cloudUrl: svc.cloudUrl! };
  const { owner, reader } = remotePair(d, 'limit');
  let refused: unknown;
  try {
    owner.upload('f', { personal: 'small', medical: new Uint8Array(info.maxObjectBytes) });
  } catch (e) {
    refused = e;
  }
  expect(isSesphrError(refused) && refused.code).toBe('PARTITION_TOO_LARGE');
  expect((refused as Error).message).toContain('PHR(f,medical)');
  // nothing of the record reached the cloud, and the record goes up whole afterwards as its first version
  expect(reader.readAll('f')).toEqual([]);
  expect(owner.upload('f', { personal: 'small', medical: 'fits' })).toMatchObject({ version: 1 });
  expect(reader.readAll('f').map((r) => r.status)).toEqual(['read', 'read']);
}, 120_000);
