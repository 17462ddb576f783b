// The seeded faults of the mutation score each change what a party does: a fault that changes
// nothing (its override reading a map under a key the party no longer uses, say) can never be
// caught, and would count as a miss of the suite instead of a defect of the fault.
import { describe, expect, it } from 'vitest';
import { HONEST, type Makers } from '../conformance/world.js';
import { Cloud, deterministicRandom, type Variant } from '../impl/index.js';
import { FAULTS } from '../scripts/faults.js';

const make = (id: string) => FAULTS.find((f) => f.id === id)!.make;

/** The SRS's control state after: an owner, a doctor joined and approved, the doctor revoked. */
function afterRevoke(m: Makers, variant: Variant): string {
  // seeded: two honest runs draw the same keys, so only the fault can tell the states apart
  const srs = m.srs({ variant, policy: 'history', rng: deterministicRandom(`faults/${variant}/srs`) });
  const cloud = new Cloud();
  const owner = m.patient('P', { srs, cloud, rng: deterministicRandom(`faults/${variant}/P`) });
  owner.register();
  owner.genKey();
  owner.sendKeys();
  const d = m.user('d', { srs, cloud, rng: deterministicRandom(`faults/${variant}/d`) });
  d.register('P', 'doctor');
  d.genKey();
  d.sendKeys();
  owner.approve('d');
  owner.revoke('d');
  return srs.stateDigest();
}

describe('seeded faults', () => {
  for (const id of ['revoke-keeps-acl', 'revoke-keeps-keys'])
    for (const variant of ['srs-keys', 'owner-keys'] as const)
      it(`${id} leaves the SRS in another state than an honest revocation (${variant})`, () => {
        expect(afterRevoke(make(id), variant)).not.toBe(afterRevoke(HONEST, variant));
      });

  it('the honest parties give the same state twice (the comparison above can tell)', () => {
    for (const variant of ['srs-keys', 'owner-keys'] as const) expect(afterRevoke(HONEST, variant)).toBe(afterRevoke(HONEST, variant));
  });
});
