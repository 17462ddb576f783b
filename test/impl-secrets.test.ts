// The parties that hold secrets show only their public face when printed, inspected, serialised or
// named in a failed assertion: a stray log line or a test's message carries no secret key, R_U,
// randomness or plaintext. Each check first shows that the secret is there to be found (inspected
// without the face), so a face that leaked would fail it.
import { inspect } from 'node:util';
// what vitest's runner does to a failed assertion before its reporter prints it (vitest's own package)
import { processError } from '@vitest/utils/error';
import { describe, expect, it } from 'vitest';
import { VARIANTS, deterministicRandom, type Principal } from '../impl/index.js';
import { TapeRandom } from '../services/tape-random.js';
import { makeWorld } from './impl-fixtures.js';

const PLAINTEXT = 'ZEBRA-WITHHELD-PLAINTEXT';

/** Every way a value reaches a reader: util.inspect (console.log), JSON, a failed assertion. */
function renderings(x: unknown): Record<string, string> {
  let assertion = '';
  try {
    expect({ party: x }).toEqual({ party: null });
  } catch (e) {
    const shown = processError(e) as { message: string; diff?: string; actual?: string };
    assertion = [shown.message, shown.diff, shown.actual].join('\n');
  }
  expect(assertion, 'the failed assertion came with its diff').toContain('party');
  return { inspect: inspect(x, { depth: Infinity }), json: JSON.stringify(x), assertion };
}

/** The ways the secrets of a world show when an object's fields are printed in full. */
function secretsOf(principals: Principal[], extra: string[]): string[] {
  return [
    ...principals.flatMap((p) => {
      const sk = p.heldSecret();
      if (sk === undefined) throw new Error(`${p.id} holds no key`);
      return [sk.toString(), sk.toString(16)];
    }),
    ...extra,
  ];
}

describe.each(VARIANTS)('what the parties show of themselves: %s', (variant) => {
  const w = makeWorld(variant);
  const fam = w.join('fam', 'family');
  w.owner.upload('f', `<phr><personal>${PLAINTEXT}</personal><medical>m</medical><insurance>i</insurance><prescription>rx</prescription></phr>`);
  const read = fam.readAll('f');
  const ru = fam.requestRU('f', 'personal');
  if (!ru.granted) throw new Error('the family member was refused R_U');
  const ruHex = Buffer.from(ru.ru).toString('hex');
  const secrets = secretsOf([w.owner, fam], [ruHex.slice(0, 64)]);
  const parties = { srs: w.srs, owner: w.owner, user: fam };

  it('the secrets are in the objects, for a leak to be seen', () => {
    expect(read.find((o) => o.label === 'personal')?.status).toBe('read');
    const raw = inspect(parties, { depth: Infinity, customInspect: false, maxArrayLength: Infinity });
    // both keys appear in full (decimal) in the clients' own fields; in srs-keys the SRS holds them too
    for (const s of secrets.filter((_, n) => n % 2 === 0 && n < 4)) expect(raw).toContain(s);
    expect(raw).toMatch(/\d{40,}n/);
    expect(raw).toContain('Uint8Array');
  });

  for (const [name, party] of Object.entries(parties)) {
    it(`${name}: its face names its ids and what it withholds, and shows no key, R_U, plaintext or bytes`, () => {
      for (const [how, out] of Object.entries(renderings(party))) {
        for (const s of secrets) expect(out, `${how} of ${name}`).not.toContain(s);
        expect(out, `${how} of ${name}: a bigint`).not.toMatch(/\d{40,}n/);
        expect(out, `${how} of ${name}: bytes`).not.toContain('Uint8Array');
        expect(out, `${how} of ${name}: bytes`).not.toMatch(/(\d{1,3}, ){16}/);
        expect(out, `${how} of ${name}`).not.toContain(PLAINTEXT);
        expect(out, `${how} of ${name}`).toContain(variant);
        expect(out, `${how} of ${name}`).toContain('withheld');
      }
    });
  }

  it('the faces say what they hold in public terms', () => {
    expect(inspect(w.srs)).toContain('members: 1');
    expect(inspect(w.srs)).toContain(variant === 'srs-keys' ? "[ 'sk', 'RK' ]" : "[ 'RK' ]");
    expect(inspect(w.owner)).toMatch(/PatientClient \{[^]*id: 'patient'[^]*keys: 'held'[^]*partitions: 4/);
    expect(inspect(fam)).toMatch(/UserClient \{[^]*id: 'fam'[^]*'R_U', 'PHR'/);
    // nested inside anything printed, the face is still what shows
    expect(inspect({ world: parties }, { depth: Infinity })).not.toContain(secrets[0]);
  });
});

describe("the SRS service's recorded randomness", () => {
  it('shows how many draws it holds, never the draws', () => {
    const tape = new TapeRandom(deterministicRandom('faces'));
    const s = tape.scalar();
    const b = Buffer.from(tape.bytes(32)).toString('hex');
    const raw = inspect(tape, { depth: Infinity, customInspect: false });
    expect(raw).toContain(s.toString(16));
    expect(raw).toContain(b);
    for (const [how, out] of Object.entries(renderings(tape))) {
      expect(out, how).not.toContain(s.toString(16));
      expect(out, how).not.toContain(b);
      expect(out, how).toContain('recorded');
      expect(out, how).toContain('draws');
    }
    expect(inspect(tape)).toContain('recorded: 2');
  });
});
