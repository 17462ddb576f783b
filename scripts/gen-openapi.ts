// Writes the services' OpenAPI documents (services/openapi/) from the routes' schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import { openapiDocuments } from '../services/openapi-documents.js';

const docs = await openapiDocuments();
mkdirSync('services/openapi', { recursive: true });
for (const [name, doc] of Object.entries(docs)) {
  writeFileSync(`services/openapi/${name}.json`, JSON.stringify(doc, null, 2) + '\n');
  console.log(`written: services/openapi/${name}.json`);
}
