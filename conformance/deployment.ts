// The conformance suite against a running deployment instead of in-process parties: the same
// runs, oracle and coverage, with the world's SRS and cloud being the deployment's (reached over
// HTTP, services/remote-parties.ts) and the patient and users being the implementation's clients
// on top of them, each signing as itself. Every world starts the deployment over through its
// test-only reset route, with the SRS's key randomness seeded from the world's seed as in
// process. What the oracle reads of the servers' holdings comes through the inspection routes.
import { type NetConfig, hasModule } from '../model/config.js';
import { type Universe, outsidersToAll } from '../model/universe.js';
import { type Cloud, PatientClient, type Srs, UserClient } from '../impl/index.js';
import { type SigningIdentity, newIdentity } from '../services/identity.js';
import { type Deployment, RemoteCloud, RemoteSrs } from '../services/remote-parties.js';
import type { Makers } from './world.js';

/** Why a configuration cannot run against a deployment, if it cannot. */
export function deploymentLimit(cfg: NetConfig): string | undefined {
  if (hasModule(cfg, 'audit')) return 'the audit module\'s log is not served over HTTP';
  if (hasModule(cfg, 'tpa')) return 'the tpa module\'s challenges are not served over HTTP';
  return undefined;
}

/** Party constructors that build the world on the deployment `d`. `universes`: those the run
 *  uses, whose outsiders read C only as the cloud insider hands it over (Leak_C); a user not
 *  registered yet (at the SRS, whose directory the cloud checks signatures against) receives
 *  C the same way, as Leak_C gives it to any user. */
export function deploymentMakers(d: Deployment, universes: readonly Universe[]): Makers {
  const outside = new Set(universes.flatMap(outsidersToAll));
  // One signing identity per principal: a user who re-joins with a fresh key pair (its next key
  // generation, a client of its own) is still the same principal at the wire, bound to one
  // signing key at its first registration.
  const identities = new Map<string, SigningIdentity>();
  const identity = (id: string) => identities.get(id) ?? identities.set(id, newIdentity(id)).get(id)!;
  return {
    srs: (o) => {
      if (o.audit) throw new Error('the adapter has no mapping for the audit module against a deployment');
      const srs = new RemoteSrs(d, undefined, o.variant, o.policy);
      srs.reset(Buffer.from(o.rng!.bytes(32)).toString('hex'));
      return srs as unknown as Srs;
    },
    cloud: (o) => {
      if (o?.merkleTrees) throw new Error('the adapter has no mapping for the tpa module against a deployment');
      const cloud = new RemoteCloud(d, undefined);
      cloud.reset();
      return cloud as unknown as Cloud;
    },
    patient: (id, o) => {
      const me = identity(id);
      return new PatientClient(id, { ...o, srs: new RemoteSrs(d, me, o.srs.variant, o.srs.policy) as unknown as Srs, cloud: new RemoteCloud(d, me) as unknown as Cloud });
    },
    user: (id, o) => {
      const me = identity(id);
      return new UserClient(id, { ...o, srs: new RemoteSrs(d, me, o.srs.variant, o.srs.policy) as unknown as Srs, cloud: new RemoteCloud(d, me, outside.has(id), true) as unknown as Cloud });
    },
  };
}
