// Malformed input: each is refused with an error naming what is wrong, and leaves every party's
// stored state exactly as it was (validate first, then mutate).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, KEY_BYTES, RP_BYTES, VARIANTS, decodeKey, encodeKey, encodeRP, keyGroup, parsePHR, rpGroup, SesphrError } from '../impl/index.js';
import { collectionsDuring } from './gc-runs.js';
import { expectRefusedUnchanged, makeWorld, text } from './impl-fixtures.js';

const identityRP = Uint8Array.from([0xc0, ...new Uint8Array(RP_BYTES - 1)]);
const identityKey = Uint8Array.from([0xc0, ...new Uint8Array(KEY_BYTES - 1)]);

describe('PHR parsing', () => {
  const labels = DEFAULT_LABELS;
  const code = (input: string) => {
    try {
      parsePHR(input, labels);
      return 'ok';
    } catch (e) {
      return `${(e as SesphrError).code}: ${(e as Error).message}`;
    }
  };

  it('splits JSON and XML into labelled partitions', () => {
    const j = parsePHR('{"medical": {"bp": [120, 80]}, "personal": "Ann"}', labels);
    expect([...j.keys()]).toEqual(['medical', 'personal']);
    expect(text(j.get('medical')!)).toBe('{"bp":[120,80]}');
    const x = parsePHR('<?xml version="1.0"?><!-- c --><phr><medical a="1">x &amp; y</medical>\n<insurance/></phr>', labels);
    expect([...x.keys()]).toEqual(['medical', 'insurance']);
    expect(text(x.get('medical')!)).toBe('<medical a="1">x &amp; y</medical>');
  });

  it('any number of owner-chosen labels', () => {
    const many = Array.from({ length: 12 }, (_, n) => `L${n}`);
    expect(parsePHR(JSON.stringify(Object.fromEntries(many.map((l) => [l, l]))), many).size).toBe(12);
  });

  it('broken JSON and XML name the defect', () => {
    expect(code('{"medical": ')).toMatch(/^MALFORMED_PHR: PHR: broken JSON/);
    // JSON.parse quotes the text around the error; the PHR content must not reach the message.
    expect(code('{"medical": secret-diagnosis}')).toBe('MALFORMED_PHR: PHR: broken JSON at line 1, column 13: invalid symbol');
    // every fault is placed by line and column, including those V8 gives no position for
    expect(code('{\n  "medical": "x",\n  "personal": Ann\n}')).toBe('MALFORMED_PHR: PHR: broken JSON at line 3, column 15: invalid symbol');
    expect(code('{"medical": 1,}')).toBe('MALFORMED_PHR: PHR: broken JSON at line 1, column 15: property name expected');
    expect(code('{"medical": 1')).toBe('MALFORMED_PHR: PHR: broken JSON at line 1, column 14: close brace expected');
    expect(code('{"medical": 1}\n\n HIV')).toBe('MALFORMED_PHR: PHR: broken JSON at line 3, column 2: invalid symbol');
    expect(code('<phr><medical></phr>')).toMatch(/^MALFORMED_PHR: PHR: broken XML at line 1/);
    expect(code('<a/><b/>')).toMatch(/^MALFORMED_PHR/);
    expect(code('[1,2]')).toMatch(/^MALFORMED_PHR: PHR: expected a JSON object/);
    expect(code('{"x":1}'.replace('{', '['))).toMatch(/^MALFORMED_PHR/);
    expect(code('["medical"]')).toMatch(/^MALFORMED_PHR/);
    expect(code('<phr>loose text<medical/></phr>')).toMatch(/^MALFORMED_PHR: .*text directly inside <phr>/);
  });

  it('broken XML is named by line, column and kind, never by the document\'s own text', () => {
    // The validator's messages quote stray text, tag and attribute names: here the record's content.
    const broken = {
      '<phr><medical>glucose<7.9 diagnosis HIV-positive</medical></phr>': /line 1, column \d+: a tag is malformed/,
      '<phr><medical>HIV-positive</phr>': /line 1, column \d+: a tag is malformed/,
      '<phr><medical HIV="a" HIV="b"/></phr>': /line 1, column \d+: an attribute is malformed/,
      '<phr><medical>fever & HIV</medical></phr>': /line 1, column \d+: a character is not allowed/,
      '<phr><medical/></phr>HIV-positive': /line 1, column \d+: the document is not one well-formed root/,
    };
    for (const [doc, want] of Object.entries(broken)) {
      const said = code(doc);
      expect(said, doc).toMatch(/^MALFORMED_PHR: PHR: broken XML at /);
      expect(said, doc).toMatch(want);
      expect(said, doc).not.toMatch(/HIV|glucose|7\.9/);
    }
  });

  it('JSON nested deeper than the parser goes is malformed, said in our words; XML is read to its partitions only', () => {
    const deepJson = `{"medical": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const deepXml = `<phr><medical>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</medical></phr>`;
    expect(code(deepJson)).toBe('MALFORMED_PHR: PHR: nested too deeply to be read');
    // XML is read only down to the partitions, so a partition nests as deep as its owner wrote it
    expect(text(parsePHR(deepXml, ['medical']).get('medical')!)).toBe(deepXml.slice('<phr>'.length, -'</phr>'.length));
    // nesting a record may really have still reads
    expect(parsePHR(`{"medical": ${'['.repeat(500)}${']'.repeat(500)}}`, ['medical']).size).toBe(1);
  });

  it('a partition is kept as its owner wrote it: nothing inside it is parsed and written again', () => {
    const inner = `x &amp; y<b c='2'/><![CDATA[<q> & </medical>]]><!-- </medical> --><?pi </medical>?>\n  <c>z</c>`;
    const parts = parsePHR(`<phr><medical a="1">${inner}</medical><insurance>p</insurance></phr>`, labels);
    expect(text(parts.get('medical')!)).toBe(`<medical a="1">${inner}</medical>`);
    expect(text(parts.get('insurance')!)).toBe('<insurance>p</insurance>');
  });

  it('a document of tens of megabytes is read in pieces, not a character or an element at a time', async () => {
    // fast-xml-parser reads a text node, an attribute and a tag name a character at a time, a string
    // piece each, and makes objects for every element: a 64 MiB partition took seconds in the
    // garbage collector before the cloud could even refuse it. The parser now stops at the
    // partitions and patches/ takes each run of text at once; the collector's runs tell the two
    // apart (a few against dozens or hundreds for 16 MiB) where a clock would only measure the host.
    const size = 16 * 2 ** 20;
    const shapes: [string, string, number][] = [
      ['one long text', `<phr><medical>${'bp 120/80 '.repeat(size / 10)}</medical><insurance>policy 42</insurance></phr>`, 20],
      ['one long attribute', `<phr><medical note="${'a'.repeat(size)}">x</medical></phr>`, 20],
      ['many small elements', `<phr><medical>${'<v>1</v>'.repeat(size / 8)}</medical></phr>`, 150],
      ['text straight in the root, refused', `<phr>${'a'.repeat(size)}<medical/></phr>`, 20],
    ];
    for (const [shape, doc, most] of shapes) {
      const { runs, value: said } = await collectionsDuring(() => code(doc));
      expect(said, shape).toBe(shape.endsWith('refused') ? 'MALFORMED_PHR: PHR: text directly inside <phr>; partitions must be child elements' : 'ok');
      expect(runs, shape).toBeLessThan(most);
    }
    const whole = `<phr><medical>${'<v>1</v>'.repeat(1000)}</medical></phr>`;
    expect(text(parsePHR(whole, ['medical']).get('medical')!)).toBe(whole.slice('<phr>'.length, -'</phr>'.length));
  }, 120_000);

  it('a label in an error is cut at 64 characters, since a stray key may be content', () => {
    const long = 'x'.repeat(200);
    expect(code(`{"${long}": 1, "${long}": 2}`)).toBe(`DUPLICATE_LABEL: PHR: partition label "${'x'.repeat(64)}..." appears twice`);
    expect(code(`{"${long}": 1}`)).toMatch(new RegExp(`^UNKNOWN_LABEL: PHR: unknown partition label "x{64}\\.\\.\\." \\(`));
  });

  it('unknown and duplicate labels are named', () => {
    expect(code('{"medical": 1, "genome": 2}')).toMatch(/^UNKNOWN_LABEL: .*"genome"/);
    expect(code('<phr><genome/></phr>')).toMatch(/^UNKNOWN_LABEL: .*"genome"/);
    expect(code('{"medical": 1, "x": {"medical": 0}, "medical": 2}')).toMatch(/^(UNKNOWN_LABEL|DUPLICATE_LABEL)/);
    expect(code('{"medical": 1, "personal": {"medical": 0}, "medical": 2}')).toMatch(/^DUPLICATE_LABEL: .*"medical" appears twice/);
    expect(code('{"personal": "a,\\"medical\\":", "medical": 2}')).toBe('ok');
    expect(code('<phr><medical/><medical/></phr>')).toMatch(/^DUPLICATE_LABEL: .*"medical"/);
  });
});

describe.each(VARIANTS)('malformed input leaves state unchanged: %s', (variant) => {
  it('uploads of broken or mislabelled PHRs', () => {
    const w = makeWorld(variant);
    w.join('fam', 'family');
    w.owner.upload('f1', { medical: 'ok' });
    expectRefusedUnchanged(w, () => w.owner.upload('f1', '{"medical": "x",'), 'MALFORMED_PHR', 'broken JSON');
    expectRefusedUnchanged(w, () => w.owner.upload('f1', '<phr><medical>x</phr>'), 'MALFORMED_PHR', 'broken XML');
    expectRefusedUnchanged(w, () => w.owner.upload('f1', '{"medical": 1, "genome": 2}'), 'UNKNOWN_LABEL', 'genome');
    expectRefusedUnchanged(w, () => w.owner.upload('f2', '<phr><personal/><personal/></phr>'), 'DUPLICATE_LABEL', 'personal');
    expectRefusedUnchanged(w, () => w.owner.upload('bad id!', { medical: 'x' }), 'INVALID_CONFIG', 'file');
    // A file id already used by another owner is refused before anything is stored.
    const bob = w.addOwner('bob');
    expectRefusedUnchanged(w, () => bob.upload('f1', { medical: 'mine' }), 'FILE_OWNED_BY_OTHER', 'f1');
  });

  it('duplicate users and owners, unknown roles and owners', () => {
    const w = makeWorld(variant);
    w.join('doc', 'doctor');
    expectRefusedUnchanged(w, () => w.srs.register('doc', 'patient', 'doctor'), 'DUPLICATE_USER', 'doc');
    expectRefusedUnchanged(w, () => w.srs.register('patient', 'patient', 'family'), 'DUPLICATE_USER', 'patient');
    expectRefusedUnchanged(w, () => w.srs.registerOwner('patient'), 'DUPLICATE_OWNER', 'patient');
    expectRefusedUnchanged(w, () => w.srs.register('x', 'patient', 'surgeon' as never), 'INVALID_CONFIG', 'surgeon');
    expectRefusedUnchanged(w, () => w.srs.register('x', 'nobody', 'doctor'), 'UNKNOWN_OWNER', 'nobody');
    expectRefusedUnchanged(w, () => w.srs.registerOwner('o2', { labels: ['a', 'a'] }), 'DUPLICATE_LABEL', 'a');
    expectRefusedUnchanged(w, () => w.srs.registerOwner('o2', { labels: ['a'], defaultAccess: { doctor: ['b'] } as never }), 'UNKNOWN_LABEL', 'b');
    expectRefusedUnchanged(w, () => w.owner.approve('doc'), 'ALREADY_APPROVED', 'doc');
    expectRefusedUnchanged(w, () => w.owner.grant('doc', 'genome'), 'UNKNOWN_LABEL', 'genome');
  });

  it('invalid and identity group elements at the SRS: R_P, and C offered as R_P', () => {
    const w = makeWorld(variant);
    w.owner.upload('f1', { medical: 'm' });
    const msg = { owner: 'patient', file: 'f1', label: 'medical', version: 2 };
    expectRefusedUnchanged(w, () => w.srs.storeRP({ ...msg, rp: identityRP }), 'IDENTITY_ELEMENT', 'RP(f1,medical)');
    expectRefusedUnchanged(w, () => w.srs.storeRP({ ...msg, rp: new Uint8Array(RP_BYTES).fill(0x9a) }), 'INVALID_ENCODING', 'RP(f1,medical)');
    expectRefusedUnchanged(w, () => w.srs.storeRP({ ...msg, rp: encodeKey(keyGroup.base()) }), 'INVALID_ENCODING', 'compressed G2 point');
    // The only byte-taking door of rule 29 rejects a sealed partition: C cannot reach the SRS.
    expectRefusedUnchanged(w, () => w.srs.storeRP({ ...msg, rp: w.cloud.get('f1', 'medical') }), 'INVALID_ENCODING', 'RP(f1,medical)');
    // the version stored already: rule 29 once more, a repeated step
    expectRefusedUnchanged(w, () => w.srs.storeRP({ ...msg, version: 1, rp: encodeRP(rpGroup.base()) }), 'WRONG_STEP', 'version 1 is already stored');
  });

  it('invalid and identity group elements in key management', () => {
    const w = makeWorld(variant);
    w.join('u', 'doctor', { approve: false });
    if (variant === 'owner-keys') {
      expectRefusedUnchanged(w, () => w.srs.approve('patient', 'u', identityKey), 'IDENTITY_ELEMENT', 'RK(u)');
      // the first single-bit change of x that leaves the curve (about half of them do)
      const flipped = encodeKey(keyGroup.mul(5n));
      const offCurve = (bit: number) => {
        flipped[40]! ^= 1 << bit;
        try {
          decodeKey(flipped, 'RK');
        } catch (e) {
          if ((e as SesphrError).code === 'NOT_ON_CURVE') return true;
        }
        flipped[40]! ^= 1 << bit;
        return false;
      };
      expect([0, 1, 2, 3, 4, 5, 6, 7].some(offCurve)).toBe(true);
      expectRefusedUnchanged(w, () => w.srs.approve('patient', 'u', flipped), 'NOT_ON_CURVE', 'RK(u)');
      expectRefusedUnchanged(w, () => w.srs.approve('patient', 'u'), 'MISSING_KEY', 'RK');
      expectRefusedUnchanged(w, () => w.srs.receivePublicKey('u', encodeKey(keyGroup.base())), 'WRONG_STEP', 'already deposited');
      w.srs.register('v', 'patient', 'insurer');
      expectRefusedUnchanged(w, () => w.srs.receivePublicKey('v', identityKey), 'IDENTITY_ELEMENT', 'pk(v)');
    } else {
      expectRefusedUnchanged(w, () => w.srs.genKey('u'), 'WRONG_STEP', 'already generated');
      expectRefusedUnchanged(w, () => w.srs.sendKeys('nobody'), 'NOT_REGISTERED', 'nobody');
    }
    // The pending user is untouched by all of the above.
    expect(w.srs.member('u')!.approved).toBe(false);
  });

  it('error messages never carry secret material', () => {
    const w = makeWorld(variant);
    const doc = w.join('doc', 'doctor');
    w.owner.upload('f1', { medical: 'TOP-SECRET-DIAGNOSIS' });
    const secrets = [...w.owner.holdings(), ...doc.holdings(), ...w.srs.holdings()]
      .filter((h) => /^(sk|r|RK|RU)\(/.test(h.token))
      .map((h) => Buffer.from(h.bytes).toString('hex'));
    const messages: string[] = [];
    const grab = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        messages.push((e as Error).message);
      }
    };
    w.cloud.put({ owner: 'patient', file: 'f1', label: 'medical', c: Uint8Array.from(w.cloud.get('f1', 'medical')).fill(0, 60) });
    messages.push(...doc.readAll('f1').map((o) => (o.status === 'refused' ? o.reason : '')));
    grab(() => w.owner.upload('f1', '{"medical": "TOP-SECRET-DIAGNOSIS", "genome": 1}'));
    grab(() => w.srs.storeRP({ owner: 'patient', file: 'f1', label: 'medical', version: 9, rp: new Uint8Array(RP_BYTES).fill(1) }));
    expect(messages.length).toBe(3);
    for (const m of messages) {
      expect(m).not.toContain('TOP-SECRET');
      for (const s of secrets) expect(m).not.toContain(s.slice(0, 16));
    }
  });
});
