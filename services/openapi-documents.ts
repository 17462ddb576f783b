// Both services' OpenAPI documents (openapi.ts describes each service's routes as it is built), from
// services built only to be described: what scripts/gen-openapi.ts writes and a test compares with
// the committed files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloudService } from './cloud-service.js';
import { createSrsService } from './srs-service.js';
import { SqliteSrsStore } from './srs-store.js';

/** Both documents, from services built only to be described. */
export async function openapiDocuments(): Promise<{ srs: unknown; cloud: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), 'sesphr-openapi-'));
  const store = new SqliteSrsStore(':memory:');
  try {
    const srs = await createSrsService({ store, variant: 'srs-keys', policy: 'history', inspection: true, describe: true });
    const cloud = await createCloudService({ dataDir: dir, keys: { signingKey: () => undefined }, inspection: true, describe: true });
    await srs.ready();
    await cloud.ready();
    const out = { srs: srs.swagger(), cloud: cloud.swagger() };
    await srs.close();
    await cloud.close();
    return out;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
