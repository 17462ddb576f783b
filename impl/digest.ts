// The one way the implementation names bytes or text by a hash: SHA-256 in lowercase hex. State
// digests, the cloud's stored objects, the audit chain and the services' signed bodies all use it.
import { createHash } from 'node:crypto';

export const sha256Hex = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');
