// `npm run bench`'s first step (scripts/bench.mjs): the arguments checked, nothing run.
import { benchArgs } from './args.js';

benchArgs();
