// A data directory is served by one process at a time, part by part: a second `serve` of the SRS's
// state or of the cloud's objects is refused, naming the process that serves it; a process killed
// while it holds a lock holds it no more; the SRS alone and the cloud alone may share a directory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, StartError, type ServeOptions } from '../services/serve.js';
import { tempDir } from './support/temp-dir.js';

const options = (dataDir: string, more: Partial<ServeOptions> = {}): ServeOptions => ({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir, variant: 'srs-keys', policy: 'history', ...more });

describe('the lock of a data directory', () => {
  it('refuses a second serve of the same directory, and is released on close', async () => {
    const dir = tempDir('sesphr-lock-');
    const first = await serve(options(dir));
    try {
      const second = serve(options(dir));
      await expect(second).rejects.toBeInstanceOf(StartError);
      await expect(second).rejects.toThrow(/its SRS state is served by this process already/);
      // the refused start left the first one's locks as they were
      expect(existsSync(join(dir, 'srs.lock.pid')) && existsSync(join(dir, 'cloud.lock.pid'))).toBe(true);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, 'srs.lock.pid')) || existsSync(join(dir, 'cloud.lock.pid'))).toBe(false);
    await (await serve(options(dir))).close();
  });

  it('names another process that holds it, and is free once that process is killed', async () => {
    const dir = tempDir('sesphr-lock-');
    await (await serve(options(dir))).close();
    // a process holding the cloud's lock, killed later without a chance to release it
    const script = `const { lockDataDir } = await import('./services/data-dir-lock.ts'); lockDataDir(${JSON.stringify(dir)}, 'cloud', (m) => new Error(m)); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
    const other = spawn(process.execPath, ['--import', './register.mjs', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ended = new Promise((resolve) => other.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        other.stdout!.on('data', (c) => String(c).includes('held') && resolve());
        other.once('exit', (code) => reject(new Error(`the holder exited (${code}) before it held the lock`)));
      });
      await expect(serve(options(dir, { only: 'cloud', srsUrl: 'http://127.0.0.1:1' }))).rejects.toThrow(new RegExp(`its cloud's objects are served by process ${other.pid} `));
    } finally {
      other.kill('SIGKILL');
      await ended;
    }
    // the kernel ended the lock with the process: nothing stale is left to take over
    const after = await serve(options(dir));
    await after.close();
  }, 60_000);

  it('lets the SRS alone and the cloud alone share one directory', async () => {
    const dir = tempDir('sesphr-lock-');
    const srs = await serve(options(dir, { only: 'srs' }));
    try {
      const cloud = await serve(options(dir, { only: 'cloud', srsUrl: srs.srsUrl! }));
      await cloud.close();
    } finally {
      await srs.close();
    }
  });
});
