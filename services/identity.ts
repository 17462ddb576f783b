// A principal's request-signing identity: an Ed25519 key pair (RFC 8032), separate from the
// scheme's BLS12-381 keys. The public key is registered at the SRS when the principal registers;
// every request it makes is signed with the secret key (wire.ts says what is signed).
// Signing and verification run in node:crypto (OpenSSL): the same Ed25519 as any other
// implementation, and fast enough that verification is not what limits a server.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** DER prefixes of Ed25519 keys (RFC 8410): raw 32-byte keys go in after them. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export const SIGNING_KEY_BYTES = 32;

export interface SigningIdentity {
  readonly principal: string;
  /** raw 32-byte Ed25519 public key, hex: what the SRS registers */
  readonly publicKey: string;
  sign(message: Uint8Array): string;
  /** raw 32-byte secret seed, hex: for the client's key file only, never logged or sent */
  exportSecret(): string;
}

function identityFrom(principal: string, key: KeyObject): SigningIdentity {
  const pub = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return {
    principal,
    publicKey: Buffer.from(pub).toString('hex'),
    sign: (m) => sign(null, m, key).toString('hex'),
    exportSecret: () => Buffer.from(key.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length)).toString('hex'),
  };
}

export function newIdentity(principal: string): SigningIdentity {
  return identityFrom(principal, generateKeyPairSync('ed25519').privateKey);
}

/** How a 32-byte key is written in key files and requests: 64 lowercase hex characters. */
export const KEY_HEX = '64 hex characters (0-9, a-f)';
export const KEY_HEX_PATTERN = '^[0-9a-f]{64}$';
const keyHex = new RegExp(KEY_HEX_PATTERN);
export const isKeyHex = (v: unknown): v is string => typeof v === 'string' && keyHex.test(v);

/** An identity from its 32-byte secret seed (hex), as a client's key file keeps it. */
export function identityFromSecret(principal: string, secretHex: string): SigningIdentity {
  if (!isKeyHex(secretHex)) throw new Error(`signing key of ${principal}: expected ${KEY_HEX}`);
  return identityFrom(principal, createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(secretHex, 'hex')]), format: 'der', type: 'pkcs8' }));
}

const publicKeys = new Map<string, KeyObject>();

/** Verifies an Ed25519 signature (hex) by a raw public key (hex); false on any malformed input. */
export function verifySignature(publicKeyHex: string, message: Uint8Array, signatureHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(publicKeyHex) || !/^[0-9a-f]{128}$/.test(signatureHex)) return false;
  let key = publicKeys.get(publicKeyHex);
  if (!key) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' });
    } catch {
      return false;
    }
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(publicKeyHex, key);
  }
  try {
    return verify(null, message, key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
