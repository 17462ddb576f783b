// A client's own keys between command-line invocations: per principal, its Ed25519 signing
// secret and (once it has one) its scheme secret key, in <home>/<id>.json with mode 0600. The
// patient and user clients are the implementation's, on the deployment's SRS and cloud
// (remote-parties.ts), with the secret key put back from here.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatientClient, UserClient, checkId, decodeScalar, encodeScalar, type Cloud, type Policy, type Srs, type Variant } from '../impl/index.js';
import { identityFromSecret, newIdentity, type SigningIdentity } from './identity.js';
import { type Deployment, RemoteCloud, RemoteSrs } from './remote-parties.js';

interface KeyFile {
  principal: string;
  signing: string;
  /** the scheme's secret key, hex (after `keys`) */
  sk?: string;
}

export class Keyring {
  constructor(private readonly home: string) {}

  private path(id: string): string {
    return join(this.home, `${checkId(id, '--as')}.json`);
  }

  /** The principal's signing identity, made (and kept) on first use. */
  identity(id: string): SigningIdentity {
    const f = this.read(id);
    if (f) return identityFromSecret(id, f.signing);
    const me = newIdentity(id);
    this.write({ principal: id, signing: me.exportSecret() });
    return me;
  }

  secretKey(id: string): bigint | undefined {
    const sk = this.read(id)?.sk;
    return sk === undefined ? undefined : decodeScalar(new Uint8Array(Buffer.from(sk, 'hex')), `sk(${id})`);
  }

  keepSecretKey(id: string, sk: bigint): void {
    const f = this.read(id);
    if (!f) throw new Error(`no key file for ${id}`);
    this.write({ ...f, sk: Buffer.from(encodeScalar(sk)).toString('hex') });
  }

  private read(id: string): KeyFile | undefined {
    const p = this.path(id);
    if (!existsSync(p)) return undefined;
    try {
      return JSON.parse(readFileSync(p, 'utf8')) as KeyFile;
    } catch {
      throw new Error(`${p}: not a key file (JSON expected)`);
    }
  }

  private write(f: KeyFile): void {
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    const p = this.path(f.principal);
    writeFileSync(p, JSON.stringify(f) + '\n', { mode: 0o600 });
    chmodSync(p, 0o600);
  }
}

/** The implementation's clients: a stored secret key goes back in and out through Principal's
 *  restore / heldSecret. */
export const KeyedPatient = PatientClient;
export type KeyedPatient = PatientClient;
export const KeyedUser = UserClient;
export type KeyedUser = UserClient;

/** The implementation's client for `id` on deployment `d`, signing as itself, its stored key restored. */
export function clientFor<K extends typeof KeyedPatient | typeof KeyedUser>(Kind: K, ring: Keyring, id: string, d: Deployment, variant: Variant, policy: Policy): InstanceType<K> {
  const me = ring.identity(id);
  const c = new Kind(id, { srs: new RemoteSrs(d, me, variant, policy) as unknown as Srs, cloud: new RemoteCloud(d, me) as unknown as Cloud }) as InstanceType<K>;
  const sk = ring.secretKey(id);
  if (sk !== undefined) c.restore(sk);
  return c;
}
