// A client's own keys between command-line invocations: per principal, its Ed25519 signing
// secret and (once it has one) its scheme secret key, in <home>/<id>.json with mode 0600. The
// patient and user clients are the implementation's, on the deployment's SRS and cloud
// (remote-parties.ts), with the secret key put back from here.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatientClient, UserClient, checkId, decodeScalar, encodeScalar, isSesphrError, type Cloud, type Policy, type Srs, type Variant } from '../impl/index.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { openMode } from './private-path.js';
import { KEY_HEX, identityFromSecret, isKeyHex, newIdentity, type SigningIdentity } from './identity.js';
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
    if (sk === undefined) return undefined;
    try {
      return decodeScalar(new Uint8Array(Buffer.from(sk, 'hex')), 'sk');
    } catch {
      // 64 hex characters, yet zero or not below the group order: the file, not a server, is at fault
      throw new Error(`${this.path(id)}: field "sk": not a secret key (a scalar in [1, q-1] expected)`);
    }
  }

  keepSecretKey(id: string, sk: bigint): void {
    const f = this.read(id);
    if (!f) throw new Error(`no key file for ${id}`);
    this.write({ ...f, sk: Buffer.from(encodeScalar(sk)).toString('hex') });
  }

  /** The principal's key file, each field checked here: a bad one is named with the file, and its
   *  value (a secret, or part of one) is never repeated in the message. */
  private read(id: string): KeyFile | undefined {
    const p = this.path(id);
    if (!existsSync(p)) return undefined;
    const octal = openMode(p);
    if (octal !== undefined) throw new Error(`${p}: key file has mode ${octal}, open to other users; run \`chmod 600 ${p}\``);
    let f: unknown;
    try {
      f = JSON.parse(readFileSync(p, 'utf8'));
    } catch {
      throw new Error(`${p}: not a key file (JSON expected)`);
    }
    const isObject = typeof f === 'object' && f !== null && !Array.isArray(f);
    if (!isObject) throw new Error(`${p}: not a key file (a JSON object expected)`);
    const { principal, signing, sk } = f as Record<string, unknown>;
    // a file renamed to another principal's name would sign as one and be rewritten as the other
    if (principal !== id) throw new Error(`${p}: field "principal": expected "${id}"`);
    if (!isKeyHex(signing)) throw new Error(`${p}: field "signing": expected ${KEY_HEX}`);
    if (sk !== undefined && !isKeyHex(sk)) throw new Error(`${p}: field "sk": expected ${KEY_HEX}`);
    return { principal, signing, ...(sk !== undefined && { sk }) };
  }

  /** Whole or not at all, and on disk before it is used: a crash while `keys` adds the secret key
   *  must not cost the principal its signing key, which the SRS knows it by. */
  private write(f: KeyFile): void {
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    writeFileAtomic(this.path(f.principal), JSON.stringify(f) + '\n', { mode: 0o600, durable: true });
  }
}

/** The implementation's clients: a stored secret key goes back in and out through Principal's
 *  restore / heldSecret. */
export const KeyedPatient = PatientClient;
export type KeyedPatient = PatientClient;
export const KeyedUser = UserClient;
export type KeyedUser = UserClient;

/** The implementation's client for `id` on deployment `d`, signing as itself, its stored key
 *  restored unless `restore` is false (a client about to make a new pair). */
export function clientFor<K extends typeof KeyedPatient | typeof KeyedUser>(Kind: K, ring: Keyring, id: string, d: Deployment, variant: Variant, policy: Policy, restore = true): InstanceType<K> {
  const me = ring.identity(id);
  const c = new Kind(id, { srs: new RemoteSrs(d, me, variant, policy) as unknown as Srs, cloud: new RemoteCloud(d, me) as unknown as Cloud }) as InstanceType<K>;
  const sk = restore ? ring.secretKey(id) : undefined;
  if (sk !== undefined) c.restore(sk);
  return c;
}

/** The public key the SRS holds for `id` now (of its current key generation), if any. */
export function depositedKey(ring: Keyring, id: string, d: Deployment, variant: Variant, policy: Policy): Uint8Array | undefined {
  try {
    return new RemoteSrs(d, ring.identity(id), variant, policy).publicKey(id);
  } catch (e) {
    if (isSesphrError(e) && e.code === 'MISSING_KEY') return undefined;
    throw e;
  }
}
