// The committed vectors are reproduced by the implementation, verify under an independent
// recomputation (node:crypto HKDF and AES-GCM straight from the JSON fields, the pairing relation),
// and the parties themselves produce the same sealed bytes when fed the vector's scalars and nonces.
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { Cloud, PatientClient, Srs, UserClient, VARIANTS, fixedRandom } from '../impl/index.js';
import { firstDifference, vectorInput, vectorText, type Vector } from '../impl/tools/vectors.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const load = (variant: string) => JSON.parse(readFileSync(`impl/vectors/${variant}.json`, 'utf8')) as Vector;

describe.each(VARIANTS)('vectors: %s', (variant) => {
  const vec = load(variant);

  it('the generator reproduces the committed file byte for byte', () => {
    expect(vectorText(variant)).toBe(readFileSync(`impl/vectors/${variant}.json`, 'utf8'));
  });

  it('verifies independently from the JSON fields alone', () => {
    const { G1, G2, fields, pairing } = bls12_381;
    const q = fields.Fr.ORDER;
    const xP = BigInt('0x' + vec.x_P);
    const xU = BigInt('0x' + vec.x_U);
    // format 2: pk and RK in G1, R_P in G2, R_U = e(RK, R_P); the format byte opens every aad
    expect(vec.format).toBe(2);
    for (const p of vec.partitions) expect(hex(p.aad)[0]).toBe(vec.format);
    expect(Buffer.from(G1.Point.BASE.multiply(xU).toBytes(true)).toString('hex')).toBe(vec.pk_U);
    const rk = G1.Point.fromHex(vec.RK);
    expect(rk.equals(G1.Point.BASE.multiply((xU * fields.Fr.inv(xP)) % q))).toBe(true);
    for (const p of vec.partitions) {
      const r = BigInt('0x' + p.r);
      const rp = G2.Point.fromHex(p.R_P);
      expect(rp.equals(G2.Point.BASE.multiply((r * xP) % q))).toBe(true);
      const ru = pairing(rk, rp);
      expect(Buffer.from(fields.Fp12.toBytes(ru)).toString('hex')).toBe(p.R_U);
      const zr = fields.Fp12.pow(fields.Fp12.fromBytes(hex(vec.Z)), r);
      expect(Buffer.from(fields.Fp12.toBytes(zr)).toString('hex')).toBe(p.Z_r);
      const key = new Uint8Array(hkdfSync('sha256', hex(p.Z_r), hex(p.hkdf_salt), hex(p.hkdf_info), 32));
      expect(Buffer.from(key).toString('hex')).toBe(p.key);
      const sealed = hex(p.sealed);
      const aad = hex(p.aad);
      expect(Buffer.from(sealed.subarray(0, aad.length)).equals(Buffer.from(aad))).toBe(true);
      expect(Buffer.from(sealed.subarray(aad.length, aad.length + 12)).toString('hex')).toBe(p.nonce);
      const d = createDecipheriv('aes-256-gcm', key, hex(p.nonce));
      d.setAAD(aad);
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      const pt = Buffer.concat([d.update(sealed.subarray(aad.length + 12, sealed.length - 16)), d.final()]);
      expect(pt.toString('hex')).toBe(p.plaintext);
    }
  });

  it('the parties produce the vector bytes when given its scalars and nonces', () => {
    const input = vectorInput(variant);
    const rs = input.partitions.map((p) => p.r);
    const nonces = input.partitions.map((p) => p.nonce);
    // Rule order per partition: drawR consumes one scalar, encryptPartition one nonce.
    const ownerRng = fixedRandom(variant === 'owner-keys' ? [input.xP, ...rs] : rs, nonces);
    const srs = new Srs({ variant, policy: 'history', rng: fixedRandom(variant === 'srs-keys' ? [input.xP, input.xU] : [], []) });
    const cloud = new Cloud();
    const owner = new PatientClient(input.owner, { srs, cloud, rng: ownerRng });
    const user = new UserClient(input.user, { srs, cloud, rng: fixedRandom(variant === 'owner-keys' ? [input.xU] : [], []) });
    owner.register({ defaultAccess: { family: [], friend: [], doctor: input.partitions.map((p) => p.label), pharmacist: [], insurer: [], researcher: [] } });
    owner.genKey();
    owner.sendKeys();
    user.register(input.owner, 'doctor');
    user.genKey();
    user.sendKeys();
    owner.approve(input.user);
    owner.upload(input.file, Object.fromEntries(input.partitions.map((p) => [p.label, p.plaintext])));
    const held = new Map(srs.holdings().map((h) => [h.token, Buffer.from(h.bytes).toString('hex')]));
    expect(held.get(`RK(${input.user})`)).toBe(vec.RK);
    for (const p of vec.partitions) {
      expect(Buffer.from(cloud.get(input.file, p.label)).toString('hex')).toBe(p.sealed);
      expect(held.get(`RP(${input.file},${p.label})`)).toBe(p.R_P);
      const res = user.requestRU(input.file, p.label);
      expect(res.granted && Buffer.from(res.ru).toString('hex')).toBe(p.R_U);
    }
    expect(user.readAll(input.file).map((o) => (o.status === 'read' ? Buffer.from(o.bytes).toString('hex') : o.code))).toEqual(vec.partitions.map((p) => p.plaintext));
  });
});

describe('where two vector files part', () => {
  const text = readFileSync('impl/vectors/srs-keys.json', 'utf8');
  const lines = text.split('\n');
  /** the file with one value changed on the first line holding `field`'s key, the n-th such line */
  const changed = (key: string, n = 0) => {
    const at = lines.map((l, i) => (l.trimStart().startsWith(`"${key}":`) ? i : -1)).filter((i) => i >= 0)[n]!;
    const copy = [...lines];
    copy[at] = copy[at]!.replace(/: "./, ': "#');
    return { at: at + 1, text: copy.join('\n') };
  };

  it('names no difference when the bytes are the same', () => {
    expect(firstDifference(text, text)).toBeUndefined();
  });

  it.each([
    ['RK', 0, 'RK'],
    ['scalar', 0, 'encodings.scalar'],
    ['R_U', 0, 'partitions[0].R_U'],
    ['R_U', 2, 'partitions[2].R_U'],
    ['sealed', 0, 'encodings.sealed'],
    ['sealed', 4, 'partitions[3].sealed'],
  ])('names the field by its path of keys and indices: %s (%i) is %s', (key, n, path) => {
    const { at, text: other } = changed(key, n);
    expect(firstDifference(text, other)).toEqual({ line: at, field: path });
  });

  it('names the line, never the value, and says where a file cut short or grown parts', () => {
    const { text: other } = changed('x_P');
    const d = firstDifference(text, other)!;
    expect(JSON.stringify(d)).not.toContain(JSON.parse(text).x_P);
    expect(firstDifference(text, '')).toEqual({ line: 1, field: 'the whole file' });
    expect(firstDifference(text, text + 'x')?.field).toBe('past the end of the file');
    const cut = firstDifference(text, lines.slice(0, 30).join('\n'));
    expect(cut?.line).toBe(31);
  });
});
