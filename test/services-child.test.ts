// The services as a child process end with the process that started them: a parent killed without
// a chance to stop them (SIGKILL) leaves no services behind holding their ports and data directory.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from './support/temp-dir.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('stops when the process that started it ends, however it ends', async () => {
  const data = join(tempDir('sesphr-services-orphan-'), 'data');
  const script = `
    const { startServicesChild } = await import('./services/child.ts');
    const svc = await startServicesChild({ dataDir: ${JSON.stringify(data)} });
    process.stdout.write(svc.proc.pid + '\\n');
    setInterval(() => {}, 1000);
  `;
  const parent = spawn(process.execPath, ['--import', './register.mjs', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    parent.stdout!.on('data', (c) => {
      out += String(c);
      if (out.includes('\n')) resolve(Number(out.split('\n')[0]));
    });
    parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before the services started`)));
  });
  expect(alive(pid)).toBe(true);
  parent.kill('SIGKILL');
  // the services notice their stdin end and close; give them time on a loaded machine
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  expect(alive(pid)).toBe(false);
}, 60_000);
