// Provenance recorded with every report: commit, runtime and machine (the packages as installed
// come from bench/machine.ts, as the bench records them).
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../input/project-root.js';

export function gitCommit(): string {
  try {
    // the project's own checkout, wherever the command runs from
    const cwd = projectRoot();
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export { projectRoot };

/** The committed test vectors (impl/vectors/<variant>.json), the format's bytes. */
export const committedVectorsDir = (): string => join(projectRoot(), 'impl', 'vectors');


export function machine(): { platform: string; cpus: string } {
  const c = cpus();
  return { platform: `${process.platform}-${process.arch}`, cpus: `${c.length} x ${c[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB` };
}
