// A throw-away PostgreSQL server for tests: initdb into a temporary directory and pg_ctl start on
// a free port of 127.0.0.1 (as the postgres user when running as root). Without a PostgreSQL
// installation (no Debian `postgresql` package) the answer says so and the tests skip; an installed
// server that does not start is an error, so a broken set-up cannot pass as a skipped suite.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './services.js';

export interface Postgres {
  readonly url: string;
  stop(): void;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const v = readdirSync(root).sort().pop();
  return v && existsSync(join(root, v, 'bin', 'initdb')) ? join(root, v, 'bin') : undefined;
}

export async function startPostgres(): Promise<Postgres | { skip: string }> {
  const bin = binDir();
  if (!bin) return { skip: 'no PostgreSQL server installed (Debian package postgresql): the PostgreSQL store tests are skipped' };
  const dir = mkdtempSync(join(tmpdir(), 'sesphr-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? '/usr/sbin/runuser' : join(bin, cmd), asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args, { stdio: 'pipe', timeout: 120_000 });
  try {
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    const port = await freePort();
    run('initdb', ['-D', join(dir, 'data'), '--auth=trust', '-U', 'sesphr', '--no-sync']);
    run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '90', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`, 'start']);
    return {
      url: `postgres://sesphr@127.0.0.1:${port}/postgres`,
      stop: () => {
        try {
          run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', '-t', '60', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim();
    const why = [(e as Error).message.split('\n')[0], stderr].filter(Boolean).join('\n');
    throw new Error(`PostgreSQL is installed (${bin}) but a throw-away server could not be started: ${why}`, { cause: e });
  }
}
