// A deployment named on the command line: its SRS url, the cloud it advertises (or one given),
// and a check that both answer and serve the inspection routes a conformance run reads through.
import { UsageError, parseServiceUrl } from './options.js';
import { send } from '../services/http-send.mjs';
import type { Deployment } from '../services/remote-parties.js';

/** Why a service gave no answer (http-send.mjs's `error`), for a one-line error: a certificate
 *  refused here says how to trust it (a restart alone would not help), anything else asks whether
 *  the service runs. */
function noAnswerReason(code: string | undefined): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `${code}: the service's certificate does not name the host in the url`;
  if (code !== undefined && /CERT|UNABLE_TO_VERIFY/.test(code))
    return `${code}: the service's certificate is not trusted here; trust its CA with NODE_EXTRA_CA_CERTS=ca.pem`;
  return `${String(code)}; is \`sesphr serve\` running there?`;
}

/** A service's /v1/info, or one line saying why there is none: no answer, or not a SeSPHR one.
 *  Asked through the clients' own exchange, so it fails as they would. */
export async function info(url: string, what: string): Promise<Record<string, unknown>> {
  const res = await send({ method: 'GET', url: `${url}/v1/info`, headers: {} }, 5_000);
  if (res.status === 0) throw new UsageError(`${what} ${url} does not answer (${noAnswerReason(res.error)})`);
  if (res.status < 200 || res.status > 299) throw new UsageError(`${what} ${url} answered ${res.status} to /v1/info: not a SeSPHR service`);
  try {
    return JSON.parse(new TextDecoder().decode(res.body)) as Record<string, unknown>;
  } catch {
    throw new UsageError(`${what} ${url} does not answer as a SeSPHR service (its /v1/info is not JSON)`);
  }
}

export async function targetDeployment(target: string, cloud?: string): Promise<Deployment> {
  const srsUrl = parseServiceUrl('--target', target);
  const s = await info(srsUrl, '--target');
  if (s.service !== 'srs') throw new UsageError(`--target ${srsUrl} is a ${String(s.service)} service, not the SRS`);
  const cloudUrl = cloud ? parseServiceUrl('--cloud', cloud) : (s.cloudUrl as string | undefined);
  if (!cloudUrl) throw new UsageError(`--target ${srsUrl} advertises no cloud: give --cloud <url>`);
  const c = await info(cloudUrl, '--cloud');
  for (const [what, x, url] of [['SRS', s, srsUrl], ['cloud', c, cloudUrl]] as const)
    if (x.inspection !== true) throw new UsageError(`the ${what} at ${url} was not started with --inspection: a conformance run reads its holdings through those test-only routes`);
  // A service being restarted (a crash, a deliberate kill) is waited for, up to two minutes.
  return { srsUrl, cloudUrl, retryMs: 120_000 };
}
