// How `serve` exposes the services: over TLS with a certificate and key read from PEM files, or in
// clear on loopback only. The SRS's Send_Keys answer carries a principal's secret key (srs-keys),
// so a clear listener off this machine is refused unless its operator says the network is trusted.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { readInputText } from '../input/text.js';

/** The PEM files of a server certificate (its chain may follow it) and its private key. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** What fastify's `https` option takes: the files' text, checked to be a matching pair. */
export interface TlsPair {
  cert: string;
  key: string;
}

/** An exposure `serve` refuses: bad input, one line naming the option, host or file. */
export class ExposureError extends Error {}

/** Larger than any certificate chain; a device or a huge file is refused before it is read. */
const MAX_PEM_BYTES = 1024 * 1024;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
// ::1 in any spelling; the check also matches IPv4-mapped addresses (::ffff:127.0.0.1) as IPv4
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a listener on `host` is reachable from this machine only: `localhost`, an address in
 * 127.0.0.0/8 or ::1, read as written. No name is resolved: another name may resolve to loopback
 * today and elsewhere tomorrow (a hosts file, DNS), and a false "no" only asks for TLS or
 * --insecure-http, where a false "yes" would send keys in clear. The wildcards (0.0.0.0, ::) are
 * every interface, so not loopback.
 */
export function isLoopback(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 6 ? 'ipv6' : 'ipv4');
}

/** Refuses a clear listener off loopback unless `insecureHttp` says the network is trusted. */
export function checkExposure(host: string, tls: TlsFiles | undefined, insecureHttp: boolean | undefined): void {
  if (tls || insecureHttp || isLoopback(host)) return;
  throw new ExposureError(
    `--host ${host}: the services would send secret keys in clear off this machine; ` +
      'give --tls-cert and --tls-key (or --insecure-http on a network you trust)',
  );
}

/** Whether signing keys fetched from the SRS at `srsUrl` would cross a network in clear. */
export function keysInClear(srsUrl: string): boolean {
  const url = new URL(srsUrl);
  // an IPv6 host comes bracketed in a url ([::1]), not in --host
  return url.protocol === 'http:' && !isLoopback(url.hostname.replace(/^\[(.*)\]$/, '$1'));
}

/** Refuses a cloud alone that would take the signing keys it checks requests with from another
 *  machine in clear: whoever is on the path could swap them and sign as anyone. */
export function checkDirectoryUrl(srsUrl: string, insecureHttp: boolean | undefined): void {
  if (insecureHttp || !keysInClear(srsUrl)) return;
  throw new ExposureError(
    `--srs-url ${srsUrl}: the cloud would take signing keys in clear from another machine, where they ` +
      'could be swapped on the way; give an https:// url (or --insecure-http on a network you trust)',
  );
}

const readPem = (option: string, file: string): string => readInputText(option, file, (m) => new ExposureError(m), MAX_PEM_BYTES);

/**
 * The certificate and key, read and checked before anything listens: each must parse, and the key
 * must be the certificate's (else every client would fail its handshake). The messages name the
 * files and never quote them, nor pass on the parser's words about a key's bytes.
 */
export function readTls(f: TlsFiles): TlsPair {
  const cert = readPem('--tls-cert', f.certFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new ExposureError(`--tls-cert '${f.certFile}' holds no PEM certificate`);
  }
  const key = readPem('--tls-key', f.keyFile);
  // a passphrase would have to be typed at each start or stored beside the key: neither helps
  if (key.includes('ENCRYPTED'))
    throw new ExposureError(`--tls-key '${f.keyFile}' is encrypted; give the key unencrypted (readable by the service's user only)`);
  let matches: boolean;
  try {
    matches = x509.checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new ExposureError(`--tls-key '${f.keyFile}' holds no PEM private key`);
  }
  if (!matches)
    throw new ExposureError(`--tls-key '${f.keyFile}' is not the key of the certificate in --tls-cert '${f.certFile}'`);
  return { cert, key };
}
