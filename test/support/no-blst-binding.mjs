// Loaded with --import: the process behaves as on a platform or Node version for which the blst
// package carries no prebuilt binding (its binding module cannot be found), to test what the
// group layer and the commands do there.
import { register } from 'node:module';

register('./no-blst-binding-hooks.mjs', import.meta.url);
