// The implementation side of the oracle: what a coalition can read with the bytes it ACTUALLY
// holds, found by trying every route of the scheme's algebra (design.md "Token algebra and
// knowledge", rules K1-K9 of model/knowledge.ts) with real group operations, and counting a
// partition as read only when the exact plaintext bytes come out. Every derived key is tried
// on every ciphertext held, not only its own partition's: a key reused across partitions must show.
import { parseTerm } from '../model/terms.js';
import { decodeSealed, openPartition, tok, type Holding } from '../impl/index.js';
import type { GroupCache, Mask } from './cache.js';
import type { World } from './world.js';

export interface ImplRead {
  readonly file: string;
  readonly partition: string;
  readonly readable: boolean;
  /** the route that produced the exact plaintext (token names only, never bytes) */
  readonly route?: string;
}

type Held = Map<string, Uint8Array[]>;

function index(holdings: readonly Holding[]): Held {
  const out: Held = new Map();
  for (const h of holdings) {
    const list = out.get(h.token) ?? [];
    if (!list.some((b) => Buffer.from(b).equals(Buffer.from(h.bytes)))) list.push(h.bytes);
    out.set(h.token, list);
  }
  return out;
}

/** An attacker opens C against the binding C itself names (it has nothing else). */
function attackerOpen(mask: Parameters<typeof openPartition>[0], c: Uint8Array): Uint8Array | undefined {
  try {
    return openPartition(mask, decodeSealed(c, 'C').header, c);
  } catch {
    return undefined;
  }
}

/** Every mask Z^r the holdings yield, each with the route that produced it. */
function masks(w: World, h: Held, cache: GroupCache): Array<{ route: string; mask: Mask }> {
  const { U } = w;
  const P = U.owner;
  const get = (t: string) => h.get(t) ?? [];
  const out: Array<{ route: string; mask: Mask }> = [];
  const add = (route: string, m: Mask | undefined) => { if (m) out.push({ route, mask: m }); };
  const skP = get(tok.sk(P));
  // RK(u) candidates: held (K-), from both secrets (K5), from sk(P) + pk(u) (K6).
  const rks = new Map<string, Array<{ how: string; rk: Uint8Array }>>();
  for (const { id: u } of U.users) {
    const list = get(tok.RK(u)).map((rk) => ({ how: tok.RK(u), rk }));
    for (const xp of skP) {
      for (const xu of get(tok.sk(u))) list.push({ how: `sk(${P})+sk(${u})`, rk: cache.rkFromSecrets(xp, xu) });
      for (const pk of get(tok.pk(u))) { const rk = cache.rkFromPublic(pk, xp); if (rk) list.push({ how: `sk(${P})+pk(${u})`, rk }); }
    }
    rks.set(u, list);
  }
  for (const f of U.files) for (const i of U.partitions) {
    for (const r of get(tok.r(f, i))) add(`r(${f},${i})`, cache.maskFromR(r));
    // key(f,i) = Z^r held as such (no honest party keeps it; a faulty one might hand it out).
    for (const k of get(`key(${f},${i})`)) add(`key(${f},${i})`, cache.maskFromBytes(k));
    const rps = get(tok.RP(f, i));
    for (const rp of rps) for (const xp of skP) add(`RP(${f},${i})+sk(${P})`, cache.maskFromOwner(rp, xp));
    for (const { id: u } of U.users) {
      const sks = get(tok.sk(u));
      if (sks.length === 0) continue;
      // K2 on held R^U, and on R^U formed by the pairing (K4) from held or derived RK.
      const rus = get(tok.RU(u, f, i)).map((ru) => ({ how: tok.RU(u, f, i), ru }));
      for (const rp of rps) for (const { how, rk } of rks.get(u)!) {
        const ru = cache.ruFromPairing(rp, rk);
        if (ru) rus.push({ how: `e(RP(${f},${i}),${how})`, ru });
      }
      for (const { how, ru } of rus) for (const xu of sks) add(`${how}+sk(${u})`, cache.maskFromRU(ru, xu));
      // K8 + K9: g2^{1/x_P} from RK(u) and sk(u), paired with R^P.
      for (const rp of rps) for (const { how, rk } of rks.get(u)!) for (const xu of sks) {
        const gi = cache.ginv(rk, xu);
        if (gi) add(`e(RP(${f},${i}),(${how})^(1/sk(${u})))`, cache.maskFromGinv(rp, gi));
      }
    }
  }
  return out;
}

/** For every (file, partition): can these holdings produce its exact plaintext? */
export function implReadable(w: World, holdings: readonly Holding[], cache: GroupCache): ImplRead[] {
  const h = index(holdings);
  const { U } = w;
  const cs = U.files.flatMap((f) => U.partitions.flatMap((i) => (h.get(tok.C(f, i)) ?? []).map((c) => ({ f, i, c }))));
  // Without any ciphertext, only a held plaintext can be read: skip the group work.
  const ms = cs.length ? masks(w, h, cache) : [];
  const out: ImplRead[] = [];
  for (const f of U.files) for (const i of U.partitions) {
    const want = Buffer.from(w.plaintext(f, i));
    let route: string | undefined;
    if ((h.get(tok.PHR(f, i)) ?? []).some((b) => want.equals(Buffer.from(b)))) route = tok.PHR(f, i);
    for (const { f: cf, i: ci, c } of cs) {
      if (route) break;
      for (const { route: how, mask } of ms) {
        const got = cache.open(mask, c, attackerOpen);
        if (got && want.equals(Buffer.from(got))) { route = `${how} opens C(${cf},${ci})`; break; }
      }
    }
    out.push({ file: f, partition: i, readable: route !== undefined, route });
  }
  return out;
}

/** The token's (file, partition) if it is a C token. */
export function cOf(token: string): { f: string; i: string } | undefined {
  const { head, args } = parseTerm(token);
  return head === 'C' && args.length === 2 ? { f: args[0], i: args[1] } : undefined;
}
