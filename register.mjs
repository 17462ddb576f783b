// Lets `node --import ./register.mjs file.ts` run TypeScript directly through ts-node's ESM hook.
// Type errors are not reported through the loader (transpileOnly): run `npm run typecheck`.
// ts-node and the project's tsconfig are found from this file, not from the working directory, so a
// child process started in another directory (the bench's `sesphr verify` in a scratch folder) runs
// from source too.
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

process.env.TS_NODE_PROJECT ??= fileURLToPath(new URL('./tsconfig.json', import.meta.url));
register('ts-node/esm', import.meta.url);
