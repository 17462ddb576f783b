// `two-patients` explored exhaustively beyond the paper profile: one extended configuration with
// the whole catalogue, and one adversarial configuration with the properties only several patients
// can state. (Every configuration: `sesphr explore --universe two-patients --profile P`, whose
// counts the README gives; the largest takes minutes, more than a test should.)
import { describe, expect, it } from 'vitest';
import type { NetConfig } from '../model/config.js';
import { explore } from '../model/explore.js';
import { buildNet } from '../model/net.js';
import { PATIENT_CATALOGUE, propertiesFor } from '../model/properties.js';
import { universeByName } from '../universes/index.js';

const U = universeByName('two-patients');
const kinds = (r: ReturnType<typeof explore>) => Object.fromEntries(r.verdicts.map((v) => [v.id, v.verdict.kind]));

describe('two-patients, exhaustively', () => {
  it('extended, owner-keys, from-join-date: every reachable marking, the whole catalogue, cross-patient isolation proved', () => {
    const cfg: NetConfig = { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' };
    const r = explore(buildNet(U, cfg), propertiesFor(cfg, U));
    expect(r.complete).toBe(true);
    expect(r.cutBy).toBeUndefined();
    expect(r.states).toBeGreaterThan(200_000);
    const k = kinds(r);
    expect(k['isolation.cross-patient']).toBe('proved');
    // nothing is left to a bound
    expect(Object.values(k).filter((v) => v.includes('within-bounds'))).toEqual([]);
  }, 600_000);

  it('adversarial, owner-keys, from-join-date: the patient catalogue over every reachable marking (over 2.5 million)', () => {
    const cfg: NetConfig = { profile: 'adversarial', variant: 'owner-keys', policy: 'from-join-date' };
    const r = explore(buildNet(U, cfg), PATIENT_CATALOGUE);
    expect(r.complete).toBe(true);
    expect(r.states).toBeGreaterThan(2_500_000);
    expect(kinds(r)).toEqual({ 'isolation.cross-patient': 'proved', 'collusion.members-of-two-patients': 'proved', 'collusion.patient-srs': 'proved' });
    // the premise of each implication was met somewhere: neither holds vacuously
    for (const id of ['isolation.cross-patient', 'collusion.members-of-two-patients']) expect(r.verdicts.find((v) => v.id === id)!.premise, id).toBeDefined();
    // about a minute of CPU; the timeout only catches a hang on a loaded machine
  }, 900_000);
});
