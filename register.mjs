// Lets `node --import ./register.mjs file.ts` run TypeScript directly through ts-node's ESM hook.
// Type errors are not reported through the loader (transpileOnly): run `npm run typecheck`.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('ts-node/esm', pathToFileURL('./'));
