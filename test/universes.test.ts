// Universes as data: the shipped files, the positioned errors, and proof that moving `small` and
// `paper` into YAML and stating the model over patients changed no net and no property statement.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUniverse, shippedUniverses, small, paper, universeByName, UniverseError } from '../universes/index.js';
import { netFingerprints } from './net-fingerprint.js';

describe('universes as data', () => {
  it('ships small, paper, two-patients and hospital', () => {
    expect(shippedUniverses()).toEqual(expect.arrayContaining(['small', 'paper', 'two-patients', 'hospital']));
  });

  it('small and paper give exactly the nets and property statements they gave as code (every configuration, with and without modules)', () => {
    const recorded = JSON.parse(readFileSync(new URL('./golden/nets-one-patient.json', import.meta.url), 'utf8'));
    expect(netFingerprints(small)).toEqual(recorded.small);
    expect(netFingerprints(paper)).toEqual(recorded.paper);
  });

  it('qualifies file ids by patient when there are several, so two patients\' f1 never collide', () => {
    const U = universeByName('two-patients');
    expect(U.patients.length).toBe(2);
    expect(new Set(U.files).size).toBe(U.files.length);
    expect(U.files.every((f) => /^[A-Za-z0-9]+\.[a-z0-9]+$/.test(f))).toBe(true);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['bad YAML', 'name: x\npatients: [\n', /^u\.yaml:\d+:\d+: invalid YAML/],
    ['a missing field', 'name: x\nusers: []\n', /^u\.yaml:1:1: patients: /],
    ['an unknown key', 'name: x\npatients:\n  - id: P\n    partitions: [m]\n    files: [f1]\n    colour: red\nusers: []\n', /^u\.yaml:3:5: patients\.0: unexpected key\(s\) 'colour'/],
    ['an unknown role', 'name: x\npatients:\n  - id: P\n    partitions: [m]\n    files: [f1]\nusers:\n  - id: d\n    roles: { P: surgeon }\n', /^u\.yaml:8:17: users\.0\.roles\.P: Invalid option: expected one of/],
    ['a role for an unknown patient', 'name: x\npatients:\n  - id: P\n    partitions: [m]\n    files: [f1]\nusers:\n  - id: d\n    roles: { Q: doctor }\n', /^u\.yaml:8:17: users\.0\.roles\.Q: 'Q' is not a patient of this universe/],
    ['a default access to a partition the patient lacks', 'name: x\npatients:\n  - id: P\n    partitions: [m]\n    files: [f1]\n    default-access: { doctor: [m, x] }\nusers: []\n', /^u\.yaml:6:35: patients\.0\.default-access\.doctor\.1: 'x' is not a partition of patient 'P'/],
    ['an id used twice', 'name: x\npatients:\n  - id: P\n    partitions: [m]\n    files: [f1]\nusers:\n  - id: d\n  - id: d\n', /^u\.yaml:8:9: users\.1\.id: id 'd' is already used/],
    ['a party name as an id', 'name: x\npatients:\n  - id: SRS\n    partitions: [m]\n    files: [f1]\nusers: []\n', /^u\.yaml:3:9: patients\.0\.id: 'SRS' names a party/],
    ['a file listed twice', 'name: x\npatients:\n  - id: P\n    partitions: [m]\n    files: [f1, f1]\nusers: []\n', /^u\.yaml:5:17: patients\.0\.files\.1: 'f1' is listed twice/],
  ];
  it.each(bad)('%s: a positioned error', (_what, text, want) => {
    expect(() => parseUniverse('u.yaml', text)).toThrow(UniverseError);
    expect(() => parseUniverse('u.yaml', text)).toThrow(want);
  });
});
