// What a party (or a coalition) can actually read with the bytes it holds, and nothing more: every
// route of the scheme's algebra (design.md "Token algebra and knowledge") tried on real bytes.
// The conformance oracle compares this with the model's knowledge closure. A route counts only if
// AES-GCM authenticates, so a wrong guess (wrong owner, stale version) never reads.
import { openPartition } from './aead.js';
import { sealedHeader } from './binding.js';
import { decodeGT, decodeScalar, gt, scalar, type GT } from '../group/group.js';
import { decodeKey, decodeRP, keyGroup, pairKeyRP } from './placement.js';
import { tok, type Holding } from '../holdings.js';
import { computeRU, maskFor, recoverMask } from './scheme.js';

export type ReadAttempt = { readable: true; route: string; plaintext: Uint8Array } | { readable: false; route?: undefined };

/** Tokens "kind(a,b,c)" split into kind and arguments. */
function parseToken(t: string): { kind: string; args: string[] } | undefined {
  const m = /^([A-Za-z]+)\((.*)\)$/.exec(t);
  return m ? { kind: m[1]!, args: m[2]!.split(',') } : undefined;
}

interface Known {
  sk: Map<string, bigint>;
  rk: Map<string, Uint8Array[]>;
  ru: Map<string, Uint8Array[]>;
  rp: Uint8Array[];
  r: Uint8Array[];
  c: Uint8Array[];
  phr: Uint8Array[];
}

function index(holdings: Holding[], f: string, i: string): Known {
  const k: Known = { sk: new Map(), rk: new Map(), ru: new Map(), rp: [], r: [], c: [], phr: [] };
  const push = (m: Map<string, Uint8Array[]>, key: string, b: Uint8Array) => m.set(key, [...(m.get(key) ?? []), b]);
  for (const h of holdings) {
    const t = parseToken(h.token);
    if (!t) continue;
    const [a, b, c] = t.args;
    const here = (x?: string, y?: string) => x === f && y === i;
    if (t.kind === 'sk') k.sk.set(a!, decodeScalar(h.bytes, h.token));
    else if (t.kind === 'RK') push(k.rk, a!, h.bytes);
    else if (t.kind === 'RU' && here(b, c)) push(k.ru, a!, h.bytes);
    else if (t.kind === 'RP' && here(a, b)) k.rp.push(h.bytes);
    else if (t.kind === 'r' && here(a, b)) k.r.push(h.bytes);
    else if (t.kind === 'C' && here(a, b)) k.c.push(h.bytes);
    else if (t.kind === 'PHR' && here(a, b)) k.phr.push(h.bytes);
  }
  return k;
}

/** Candidate masks Z^r, each with the route that produced it. */
function* masks(k: Known): Generator<[string, () => GT]> {
  for (const r of k.r) yield ['r(f,i)', () => maskFor(decodeScalar(r, 'r'))];
  for (const [u, rus] of k.ru) {
    const x = k.sk.get(u);
    if (x !== undefined) for (const ru of rus) yield [`RU(${u},f,i) + sk(${u})`, () => recoverMask(decodeGT(ru, 'RU'), x)];
  }
  const rps = k.rp.map((b) => decodeRP(b, 'RP'));
  for (const rp of rps) {
    for (const [u, rks] of k.rk) {
      const x = k.sk.get(u);
      if (x === undefined) continue;
      // RP + RK(u) -> RU(u,f,i) (the pairing), then + sk(u); equivalently RK(u) + sk(u) -> g1^(1/x_P).
      for (const rk of rks) yield [`RP(f,i) + RK(${u}) + sk(${u})`, () => recoverMask(computeRU(rp, decodeKey(rk, 'RK')), x)];
    }
    // RP + sk(P) -> Z^r = e(g1, RP)^(1/x_P): any held secret key might be the owner's.
    for (const [x, sk] of k.sk) yield [`RP(f,i) + sk(${x})`, () => gt.pow(pairKeyRP(keyGroup.base(), rp), scalar.inv(sk))];
  }
}

/**
 * Can these holdings yield PHR(f,i)? Tries the plaintext itself, then every mask route against
 * every held C(f,i), authenticating against the binding written in C (the attacker has nothing
 * else). Returns the first route that authenticates.
 */
export function tryRead(holdings: Holding[], f: string, i: string): ReadAttempt {
  const k = index(holdings, f, i);
  const direct = k.phr[0];
  if (direct) return { readable: true, route: tok.PHR(f, i), plaintext: Uint8Array.from(direct) };
  if (k.c.length === 0) return { readable: false };
  for (const [route, mask] of masks(k)) {
    const m = mask();
    for (const c of k.c) {
      try {
        return { readable: true, route: `${route} + C(f,i)`, plaintext: openPartition(m, sealedHeader(c, tok.C(f, i)), c) };
      } catch {
        // this route does not open this C; try the next
      }
    }
  }
  return { readable: false };
}
