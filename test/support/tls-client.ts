// A client in a process of its own, for test/services-tls.test.ts: NODE_EXTRA_CA_CERTS is read
// once, at a process's start, so trusting a private CA (or not) is a new process each time.
// argv: the SRS url and, optionally, the cloud url. Prints one JSON line: the first exchange's
// status and error, then, when it was answered, what registerOwner, Gen_Key, Send_Keys and a
// signed read of the cloud gave back (the secret key's length, never the key).
import { randomUUID } from 'node:crypto';
import { ServiceClient } from '../../services/client.js';
import { send } from '../../services/http-send.mjs';
import { newIdentity } from '../../services/identity.js';

const [srsUrl, cloudUrl] = process.argv.slice(2) as [string, string | undefined];
const first = await send({ method: 'GET', url: `${srsUrl}/v1/info`, headers: {} }, 10_000);
const out: Record<string, unknown> = { info: { status: first.status, error: first.error } };
if (first.status === 200) {
  // a new owner each run: several runs may share one SRS
  const owner = `P-${randomUUID()}`;
  const P = newIdentity(owner);
  const c = new ServiceClient({ srsUrl, cloudUrl: cloudUrl ?? '', identity: P, retryMs: 5_000 });
  await c.srs('registerOwner', { owner, signingKey: P.publicKey });
  await c.srs('genKey', { x: owner });
  const k = await c.srs<{ principal: string; sk: string }>('sendKeys', { x: owner });
  out.owner = owner;
  out.keys = { principal: k.principal, skBytes: Buffer.from(k.sk, 'base64').length };
  // signed: the cloud checks the signature with the key its SRS's directory holds
  if (cloudUrl) out.labels = await c.labels('f1');
}
process.stdout.write(JSON.stringify(out) + '\n');
