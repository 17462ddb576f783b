// The services over TLS: `serve` with a certificate answers on https: only, a client trusts a
// private CA through NODE_EXTRA_CA_CERTS (read at a process's start: each client here is a process
// of its own) and gets a refused certificate back as an answer of status 0, never an exception or
// a hang; a clear listener off loopback is refused before anything listens; bad certificate files
// are named, never quoted. The certificates are made here, with the openssl command.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceClient } from '../services/client.js';
import { startServicesChild } from '../services/child.js';
import { isLoopback } from '../services/exposure.js';
import { send } from '../services/http-send.mjs';
import { newIdentity } from '../services/identity.js';
import { serve, type Running, type ServeOptions } from '../services/serve.js';
import { freePort } from './support/services.js';
import { tempDir } from './support/temp-dir.js';

const root = resolve(import.meta.dirname, '..');
const REGISTER = pathToFileURL(join(root, 'register.mjs')).href;
const CLIENT = join(root, 'test', 'support', 'tls-client.ts');
const SESPHR = join(root, 'cli', 'sesphr.ts');
const REFUSED_0000 = '--host 0.0.0.0: the services would send secret keys in clear off this machine; ' +
  'give --tls-cert and --tls-key (or --insecure-http on a network you trust)';

let certs: string;
/** a certificate for 127.0.0.1, self-signed (its own CA), and its key */
let cert: string;
let key: string;
/** another pair: its key is not `cert`'s */
let otherKey: string;

/** A throw-away self-signed certificate and its unencrypted key, made by the openssl command. */
function makeCert(name: string, san = 'IP:127.0.0.1'): { cert: string; key: string } {
  const pair = { cert: join(certs, `${name}.crt`), key: join(certs, `${name}.key`) };
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', `subjectAltName=${san}`, '-keyout', pair.key, '-out', pair.cert];
  execFileSync('openssl', args, { stdio: 'pipe' });
  return pair;
}

beforeAll(() => {
  // no openssl is a broken test machine, not a reason to skip: .ci/run installs it
  const v = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    const why = v.error?.message ?? v.stderr;
    throw new Error(`the openssl command is needed to make these tests' certificates (apt-get install openssl): ${why}`);
  }
  certs = mkdtempSync(join(tmpdir(), 'sesphr-tls-certs-'));
  ({ cert, key } = makeCert('srs'));
  otherKey = makeCert('other').key;
});
afterAll(() => rmSync(certs, { recursive: true, force: true }));

const base = (dataDir: string): ServeOptions =>
  ({ host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir, variant: 'srs-keys', policy: 'history' });
const withTls = (dataDir: string): ServeOptions => ({ ...base(dataDir), tls: { certFile: cert, keyFile: key } });
/** what serve says of `otherKey` given with `cert` */
const notItsKey = () => `--tls-key '${otherKey}' is not the key of the certificate in --tls-cert '${cert}'`;
const get = (url: string) => send({ method: 'GET', url, headers: {} }, 10_000);

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** `node` with the project's TypeScript loader, asynchronously (the services answering it may run
 *  in this process), killed past `bound` ms; `env` replaces this process's environment. */
function node(args: readonly string[], env: NodeJS.ProcessEnv, bound = 60_000): Promise<Ran> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', REGISTER, ...args], { cwd: root, env: { ...env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => (out += String(c)));
    p.stderr.on('data', (c) => (err += String(c)));
    const timer = setTimeout(() => p.kill('SIGKILL'), bound);
    p.on('close', (code) => {
      clearTimeout(timer);
      done({ code, out, err });
    });
  });
}

/** This process's environment without a CA of its own: a client that trusts Node's CAs only. */
const plainEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
};
const trusting = (ca: string): NodeJS.ProcessEnv => ({ ...plainEnv(), NODE_EXTRA_CA_CERTS: ca });

interface ClientResult {
  info: { status: number; error?: string };
  owner?: string;
  keys?: { principal: string; skBytes: number };
  labels?: string[];
}
/** The client script against an SRS served over TLS (and, optionally, a cloud). */
async function tlsClient(env: NodeJS.ProcessEnv, srsUrl: string, cloudUrl?: string): Promise<ClientResult> {
  // a clear SRS would let every case below pass without TLS
  expect(srsUrl).toMatch(/^https:\/\//);
  const r = await node([CLIENT, srsUrl, ...(cloudUrl ? [cloudUrl] : [])], env);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as ClientResult;
}

describe('serve over TLS', () => {
  let dir: string;
  let running: Running;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sesphr-tls-serve-'));
    running = await serve(withTls(join(dir, 'data')));
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives https: urls for both services', () => {
    expect(running.srsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(running.cloudUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('a client trusting it (NODE_EXTRA_CA_CERTS) registers, gets its secret key, is served by the cloud', async () => {
    const r = await tlsClient(trusting(cert), running.srsUrl!, running.cloudUrl!);
    expect(r.info).toEqual({ status: 200 });
    expect(r.keys).toEqual({ principal: r.owner, skBytes: 32 });
    // the cloud checked the owner's signature with the key from the SRS beside it, over no network
    expect(r.labels).toEqual([]);
  });

  it('a client that does not trust it gets status 0 and the certificate\'s refusal, at once', async () => {
    // a hang would end in the script's own timeout: status 0 with TimeoutError
    const r = await tlsClient(plainEnv(), running.srsUrl!, running.cloudUrl!);
    expect(r.info).toEqual({ status: 0, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(r.keys).toBeUndefined();
  });

  it('a certificate for another name is refused as such', async () => {
    const dir = tempDir('sesphr-tls-name-');
    const named = makeCert('named', 'DNS:srs.example.org');
    const tls = { certFile: named.cert, keyFile: named.key };
    const other = await serve({ ...base(join(dir, 'data')), only: 'srs', tls });
    try {
      const r = await tlsClient(trusting(named.cert), other.srsUrl!);
      expect(r.info).toEqual({ status: 0, error: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    } finally {
      await other.close();
    }
  });

  it('NODE_EXTRA_CA_CERTS may name a bundle of several CA certificates', async () => {
    const dir = tempDir('sesphr-tls-bundle-');
    const bundle = join(dir, 'ca.pem');
    writeFileSync(bundle, readFileSync(makeCert('unrelated').cert, 'utf8') + readFileSync(cert, 'utf8'));
    const srsOnly = await serve({ ...withTls(join(dir, 'data')), only: 'srs' });
    try {
      const r = await tlsClient(trusting(bundle), srsOnly.srsUrl!);
      expect(r.keys?.skBytes).toBe(32);
    } finally {
      await srsOnly.close();
    }
  });

  it('does not also answer in clear: an http: request to its port gets no answer', async () => {
    for (const url of [running.srsUrl!, running.cloudUrl!]) {
      const r = await get(url.replace(/^https:/, 'http:') + '/v1/info');
      expect(r.status, url).toBe(0);
      expect(r.error, url).toMatch(/^(ECONNRESET|HPE_\w+|EPIPE)$/);
    }
  });

  it('a cloud alone fetches signing keys from an https: SRS whose CA NODE_EXTRA_CA_CERTS names', async () => {
    const dir = tempDir('sesphr-tls-cloud-');
    const o = { only: 'cloud' as const, srsUrl: running.srsUrl!, dataDir: join(dir, 'data') };
    const cloud = await startServicesChild(o, 120_000, trusting(cert));
    try {
      expect(cloud.cloudUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
      const r = await tlsClient(trusting(cert), running.srsUrl!, cloud.cloudUrl!);
      expect(r.labels).toEqual([]);
    } finally {
      await cloud.stop();
    }
  });

  it('a cloud alone that does not trust the SRS answers 503 with the certificate\'s refusal', async () => {
    const dir = tempDir('sesphr-tls-cloud-');
    const cloud = await serve({ ...base(join(dir, 'data')), only: 'cloud', srsUrl: running.srsUrl! });
    try {
      const Q = newIdentity('Q');
      const c = new ServiceClient({ srsUrl: running.srsUrl!, cloudUrl: cloud.cloudUrl!, identity: Q, retryMs: 0 });
      const refused = 'the SRS directory cannot be reached to check the signature (DEPTH_ZERO_SELF_SIGNED_CERT)';
      await expect(c.labels('f1')).rejects.toThrow(refused);
    } finally {
      await cloud.close();
    }
  });
});

describe('no clear listener off loopback', () => {
  it('loopback is localhost, 127.0.0.0/8 and ::1 as written; no name is resolved', () => {
    const loopback = ['localhost', 'LOCALHOST', '127.0.0.1', '127.3.2.1', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'];
    for (const h of loopback) expect(isLoopback(h), h).toBe(true);
    // the wildcards; other addresses; forms a resolver would read as loopback, or names it may map there
    const not = ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'fe80::1', '::ffff:10.0.0.1', '127.1', '[::1]', 'ip6-localhost', ''];
    for (const h of [...not, 'localhost.example.org']) expect(isLoopback(h), h).toBe(false);
  });

  it('serve on 0.0.0.0 without TLS is refused in one line, before anything is made or listens', async () => {
    const dir = join(tempDir('sesphr-tls-host-'), 'data');
    const [srsPort, cloudPort] = [await freePort(), await freePort()];
    await expect(serve({ ...base(dir), host: '0.0.0.0', srsPort, cloudPort })).rejects.toThrow(REFUSED_0000);
    expect(existsSync(dir)).toBe(false);
    for (const port of [srsPort, cloudPort]) expect((await get(`http://127.0.0.1:${port}/v1/info`)).error).toBe('ECONNREFUSED');
  });

  it('with insecureHttp it starts in clear', async () => {
    const dir = join(tempDir('sesphr-tls-host-'), 'data');
    const r = await serve({ ...base(dir), host: '0.0.0.0', insecureHttp: true });
    try {
      expect(r.srsUrl).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      expect(r.cloudUrl).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    } finally {
      await r.close();
    }
  });

  it('a cloud alone takes signing keys in clear from loopback only, unless told the network is trusted', async () => {
    const cloudAlone = (srsUrl: string, insecureHttp?: boolean) =>
      serve({ ...base(join(tempDir('sesphr-tls-dir-'), 'data')), only: 'cloud', srsUrl, insecureHttp });
    const refused = /^--srs-url http:\/\/10\.0\.0\.5:7301: the cloud would take signing keys in clear from another machine/;
    await expect(cloudAlone('http://10.0.0.5:7301')).rejects.toThrow(refused);
    for (const [url, insecure] of [['http://10.0.0.5:7301', true], ['https://10.0.0.5:7301'], ['http://127.0.0.1:9'], ['http://[::1]:9'], ['http://localhost:9']] as const) {
      const r = await cloudAlone(url, insecure);
      await r.close();
    }
    // served over TLS itself, it may still be told to take the keys in clear on a trusted network
    const r = await serve({ ...withTls(join(tempDir('sesphr-tls-dir-'), 'data')), only: 'cloud', srsUrl: 'http://10.0.0.5:7301', insecureHttp: true });
    expect(r.cloudUrl).toMatch(/^https:/);
    await r.close();
  });

  it('with TLS it starts on 0.0.0.0', async () => {
    const r = await serve({ ...withTls(join(tempDir('sesphr-tls-host-'), 'data')), host: '0.0.0.0', only: 'srs' });
    try {
      expect(r.srsUrl).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
    } finally {
      await r.close();
    }
  });
});

describe('the certificate files', () => {
  /** serve with `tls` is refused with `message`, quoting no key, before the data directory is made */
  const refused = async (tls: { certFile: string; keyFile: string }, message: string) => {
    const dir = join(tempDir('sesphr-tls-files-'), 'data');
    const e = await serve({ ...base(dir), tls }).then(() => undefined, (x: Error) => x);
    expect(e?.message).toBe(message);
    // no line of a key's PEM body (base64) in the message
    const body = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    for (const line of [...body(key), ...body(otherKey)]) expect(e!.message).not.toContain(line);
    expect(existsSync(dir)).toBe(false);
  };

  it('a missing certificate file is named', async () => {
    const missing = join(certs, 'nope.crt');
    await refused({ certFile: missing, keyFile: key }, `--tls-cert '${missing}': cannot read: ENOENT`);
  });

  it('a key that is not the certificate\'s is named with the certificate', async () => {
    await refused({ certFile: cert, keyFile: otherKey }, notItsKey());
  });

  it('a key given as the certificate, a certificate as the key, an encrypted key, a device: named', async () => {
    await refused({ certFile: key, keyFile: key }, `--tls-cert '${key}' holds no PEM certificate`);
    await refused({ certFile: cert, keyFile: cert }, `--tls-key '${cert}' holds no PEM private key`);
    const encrypted = join(certs, 'encrypted.key');
    execFileSync('openssl', ['pkey', '-in', key, '-aes-128-cbc', '-passout', 'pass:x', '-out', encrypted], { stdio: 'pipe' });
    const why = 'is encrypted; give the key unencrypted (readable by the service\'s user only)';
    await refused({ certFile: cert, keyFile: encrypted }, `--tls-key '${encrypted}' ${why}`);
    await refused({ certFile: '/dev/zero', keyFile: key }, `--tls-cert '/dev/zero' is not a regular file (a device, a pipe or a socket is never read)`);
  });
});

describe('sesphr serve and sesphr client on the command line', () => {
  const sesphr = (args: string[], env: NodeJS.ProcessEnv = plainEnv()) => node([SESPHR, ...args], env);

  it('--tls-cert without --tls-key, the other way round, and a refused host or key: one line, exit 2', async () => {
    const dir = join(tempDir('sesphr-tls-cli-'), 'data');
    for (const [args, first] of [
      [['--tls-cert', cert], 'sesphr: --tls-cert needs --tls-key (the certificate\'s private key, PEM)'],
      [['--tls-key', key], 'sesphr: --tls-key needs --tls-cert (the certificate it is the key of, PEM)'],
      [['--tls-cert', cert, '--tls-key', key, '--insecure-http'],
        'sesphr: --insecure-http serves in clear: give it or --tls-cert and --tls-key, not both'],
      [['--host', '0.0.0.0'], `sesphr: ${REFUSED_0000}`],
      [['--tls-cert', cert, '--tls-key', otherKey], `sesphr: ${notItsKey()}`],
    ] as const) {
      const r = await sesphr(['serve', '--srs-port', '0', '--cloud-port', '0', '--data-dir', dir, ...args]);
      expect(r.err, args.join(' ')).toBe(`${first}\n`);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('sesphr client over https: a private CA trusted with NODE_EXTRA_CA_CERTS, or told how', async () => {
    const dir = tempDir('sesphr-tls-cli-');
    const served = await serve(withTls(join(dir, 'data')));
    try {
      const args = ['client', 'register-owner', '--as', 'patient', '--srs', served.srsUrl!, '--home', join(dir, 'home')];
      const untrusted = await sesphr(args);
      const how = 'the service\'s certificate is not trusted here; trust its CA with NODE_EXTRA_CA_CERTS=ca.pem';
      expect(untrusted.err).toBe(`sesphr: --srs ${served.srsUrl} does not answer (DEPTH_ZERO_SELF_SIGNED_CERT: ${how})\n`);
      expect(untrusted.code).toBe(2);
      const trusted = await sesphr(args, trusting(cert));
      expect(trusted.err).toBe('');
      expect(trusted.out).toBe('registered owner patient\n');
      expect(trusted.code).toBe(0);
    } finally {
      await served.close();
    }
  });
});
