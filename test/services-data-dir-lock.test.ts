// A data directory is served by one process at a time, part by part: a second `serve` of the SRS's
// state or of the cloud's objects is refused, naming the process that serves it; a lock left by a
// process that ended is taken over; the SRS alone and the cloud alone may share a directory.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
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
      expect(existsSync(join(dir, 'srs.lock')) && existsSync(join(dir, 'cloud.lock'))).toBe(true);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, 'srs.lock')) || existsSync(join(dir, 'cloud.lock'))).toBe(false);
    await (await serve(options(dir))).close();
  });

  it('names another process that holds it, and takes it over once that process has ended', async () => {
    const dir = tempDir('sesphr-lock-');
    await (await serve(options(dir))).close();
    const other = spawn('sleep', ['30']);
    const ended = new Promise((resolve) => other.once('exit', resolve));
    writeFileSync(join(dir, 'cloud.lock'), JSON.stringify({ pid: other.pid }));
    try {
      await expect(serve(options(dir, { only: 'cloud', srsUrl: 'http://127.0.0.1:1' }))).rejects.toThrow(new RegExp(`its cloud's objects are served by process ${other.pid} `));
    } finally {
      other.kill('SIGKILL');
      await ended;
    }
    const after = await serve(options(dir));
    await after.close();
  });

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
