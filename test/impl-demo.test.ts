// The running example behind `sesphr demo`: the outcomes the paper's story requires, and no
// secret material in what the demo returns.
import { describe, expect, it } from 'vitest';
import { runDemo, type DemoRow } from '../impl/tools/demo.js';

const pick = (rows: DemoRow[], party: string, file: string) =>
  Object.fromEntries(rows.filter((r) => r.party === party && r.file === file).map((r) => [r.partition, r.outcome === 'read' ? 'read' : r.code]));

describe('demo (paper running example)', () => {
  const history = runDemo('srs-keys', 'history');
  const fromJoin = runDemo('owner-keys', 'from-join-date');

  it.each([
    ['history', history],
    ['from-join-date', fromJoin],
  ] as const)('%s: role defaults, revocation and the second owner', (_, rows) => {
    expect(pick(rows, 'doctor', 'file1')).toEqual({ personal: 'read', medical: 'read', insurance: 'NOT_GRANTED', prescription: 'read' });
    expect(pick(rows, 'pharmacist', 'file1')).toEqual({ personal: 'NOT_GRANTED', medical: 'NOT_GRANTED', insurance: 'read', prescription: 'read' });
    expect(pick(rows, 'insurer', 'file2')).toEqual({ personal: 'NOT_GRANTED', medical: 'NOT_GRANTED', insurance: 'read', prescription: 'NOT_GRANTED' });
    expect(pick(rows, 'researcher', 'file2')).toEqual({ personal: 'NOT_GRANTED', medical: 'read', insurance: 'NOT_GRANTED', prescription: 'NOT_GRANTED' });
    expect(Object.values(pick(rows, 'family', 'file2'))).toEqual(['read', 'read', 'read', 'read']);
    expect(Object.values(pick(rows, 'doctor', 'file2'))).toEqual(['REVOKED', 'REVOKED', 'REVOKED', 'REVOKED']);
    expect(Object.values(pick(rows, 'doctor-of-patient2', 'file1'))).toEqual(['OTHER_OWNER', 'OTHER_OWNER', 'OTHER_OWNER', 'OTHER_OWNER']);
    for (const r of rows.filter((x) => x.outcome === 'read')) expect(r.detail).toMatch(/equal to the upload/);
  });

  it('the late family member reads file1 under history only', () => {
    expect(Object.values(pick(history, 'family-late', 'file1'))).toEqual(['read', 'read', 'read', 'read']);
    expect(Object.values(pick(fromJoin, 'family-late', 'file1'))).toEqual(['BEFORE_JOIN', 'BEFORE_JOIN', 'BEFORE_JOIN', 'BEFORE_JOIN']);
  });

  it('returns no key, R value or plaintext', () => {
    const out = JSON.stringify([history, fromJoin]);
    expect(out).not.toMatch(/[0-9a-f]{32}/);
    expect(out).not.toMatch(/hypertension|amlodipine|Ann Example/);
  });
});
