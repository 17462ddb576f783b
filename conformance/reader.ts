// The implementation side of the oracle: what a coalition can read with the bytes it ACTUALLY
// holds, found by trying every route of the scheme's algebra (design.md "Token algebra and
// knowledge", rules K1-K9 of model/knowledge.ts) with real group operations, and counting a
// partition as read only when the exact plaintext bytes come out. Every derived key is tried
// on every ciphertext held, not only its own partition's: a key reused across partitions must show.
// The search is bounded (limits.ts maxRouteAttempts): each key derived and each (key, ciphertext)
// attempt counts one; at the bound it stops and says so, so a faulty party handing out many keys
// cannot make one state check run unbounded.
import { RK, ginv, parseTerm } from '../model/terms.js';
import { patientTag } from '../model/universe.js';
import { openPartition, sealedHeader, tok, type Holding } from '../impl/index.js';
import type { GroupCache, Mask } from './cache.js';
import type { World } from './world.js';

export interface ImplRead {
  readonly file: string;
  readonly partition: string;
  readonly readable: boolean;
  /** the route that produced the exact plaintext (token names only, never bytes) */
  readonly route?: string;
}

export interface ReadSearch {
  readonly reads: ImplRead[];
  /** keys derived plus (key, ciphertext) attempts made */
  readonly attempts: number;
  /** the search stopped at the bound before every attempt was made */
  readonly stopped: boolean;
}

/** Counts attempts against the bound; `spend` says whether one more may be made. */
class Budget {
  used = 0;
  stopped = false;
  constructor(readonly max: number) {}
  spend(): boolean {
    if (this.used >= this.max) { this.stopped = true; return false; }
    this.used++;
    return true;
  }
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
    return openPartition(mask, sealedHeader(c, 'C'), c);
  } catch {
    return undefined;
  }
}

/** Token name -> the distinct values (hex) a set of holdings yields for it. */
export type Derived = Map<string, Set<string>>;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Every mask Z^r the holdings yield, each with the route that produced it. With `record`, every
 *  value met on the way (RK, R^U, g^{1/x_P}, key) is also kept under its token name, and R^U is
 *  formed by the pairing even for a user whose secret the holdings lack (closure K4). */
function masks(w: World, h: Held, cache: GroupCache, budget: Budget, record?: Derived): Array<{ route: string; mask: Mask }> {
  const { U } = w;
  const get = (t: string) => h.get(t) ?? [];
  const out: Array<{ route: string; mask: Mask }> = [];
  const keep = (t: string, v: string) => { if (record) record.set(t, (record.get(t) ?? new Set()).add(v)); };
  let keyName = '';
  const add = (route: string, m: Mask | undefined) => { if (m) { out.push({ route, mask: m }); keep(keyName, m.key); } };
  // Each derivation is spent before it is made: at the bound, the rest are skipped.
  const may = () => budget.spend();
  // patient by patient: each owner P has its own RK_{P->u} (the model's token name) and files
  for (const { id: P, files, partitions } of U.patients) {
  const skP = get(tok.sk(P));
  // RK(u) candidates: held (K-), from both secrets (K5), from sk(P) + pk(u) (K6).
  const rks = new Map<string, Array<{ how: string; rk: Uint8Array }>>();
  for (const { id: u } of U.users) {
    const rkName = RK(u, patientTag(U, P));
    const list = get(rkName).map((rk) => ({ how: rkName, rk }));
    for (const xp of skP) {
      for (const xu of get(tok.sk(u))) if (may()) list.push({ how: `sk(${P})+sk(${u})`, rk: cache.rkFromSecrets(xp, xu) });
      for (const pk of get(tok.pk(u))) { const rk = may() ? cache.rkFromPublic(pk, xp) : undefined; if (rk) list.push({ how: `sk(${P})+pk(${u})`, rk }); }
    }
    rks.set(u, list);
    for (const { rk } of list) keep(rkName, hex(rk));
  }
  for (const f of files) for (const i of partitions) {
    keyName = `key(${f},${i})`;
    for (const r of get(tok.r(f, i))) if (may()) add(`r(${f},${i})`, cache.maskFromR(r));
    // key(f,i) = Z^r held as such (no honest party keeps it; a faulty one might hand it out).
    for (const k of get(`key(${f},${i})`)) if (may()) add(`key(${f},${i})`, cache.maskFromBytes(k));
    const rps = get(tok.RP(f, i));
    for (const rp of rps) for (const xp of skP) if (may()) add(`RP(${f},${i})+sk(${P})`, cache.maskFromOwner(rp, xp));
    for (const { id: u } of U.users) {
      const sks = get(tok.sk(u));
      if (sks.length === 0 && !record) continue;
      // K2 on held R^U, and on R^U formed by the pairing (K4) from held or derived RK.
      const rus = get(tok.RU(u, f, i)).map((ru) => ({ how: tok.RU(u, f, i), ru }));
      for (const rp of rps) for (const { how, rk } of rks.get(u)!) {
        const ru = may() ? cache.ruFromPairing(rp, rk) : undefined;
        if (ru) rus.push({ how: `e(RP(${f},${i}),${how})`, ru });
      }
      for (const { ru } of rus) keep(tok.RU(u, f, i), hex(ru));
      for (const { how, ru } of rus) for (const xu of sks) if (may()) add(`${how}+sk(${u})`, cache.maskFromRU(ru, xu));
      // K8 + K9: g2^{1/x_P} from RK(u) and sk(u), paired with R^P.
      for (const rp of rps) for (const { how, rk } of rks.get(u)!) for (const xu of sks) {
        const gi = may() ? cache.ginv(rk, xu) : undefined;
        if (gi) keep(ginv(patientTag(U, P)), hex(gi));
        if (gi && may()) add(`e(RP(${f},${i}),(${how})^(1/sk(${u})))`, cache.maskFromGinv(rp, gi));
      }
    }
  }
  }
  return out;
}

/** For every (file, partition): can these holdings produce its exact plaintext? At most
 *  `maxAttempts` keys derived and tried (limits.ts); past it, `stopped` says the answer is partial. */
export function implReadable(w: World, holdings: readonly Holding[], cache: GroupCache, maxAttempts = Infinity): ReadSearch {
  const h = index(holdings);
  const { U } = w;
  const budget = new Budget(maxAttempts);
  const cs = U.files.flatMap((f) => U.partitions.flatMap((i) => (h.get(tok.C(f, i)) ?? []).map((c) => ({ f, i, c }))));
  // Without any ciphertext, only a held plaintext can be read: skip the group work.
  const ms = cs.length ? masks(w, h, cache, budget) : [];
  const reads: ImplRead[] = [];
  for (const f of U.files) for (const i of U.partitions) {
    const want = Buffer.from(w.plaintext(f, i));
    let route: string | undefined;
    if ((h.get(tok.PHR(f, i)) ?? []).some((b) => want.equals(Buffer.from(b)))) route = tok.PHR(f, i);
    for (const { f: cf, i: ci, c } of cs) {
      if (route || budget.stopped) break;
      for (const { route: how, mask } of ms) {
        if (!budget.spend()) break;
        const got = cache.open(mask, c, attackerOpen);
        if (got && want.equals(Buffer.from(got))) { route = `${how} opens C(${cf},${ci})`; break; }
      }
    }
    reads.push({ file: f, partition: i, readable: route !== undefined, route });
  }
  return { reads, attempts: budget.used, stopped: budget.stopped };
}

/** Everything these holdings yield, token by token: what they hold, and what the routes above
 *  form from it (RK, R^U, g^{1/x_P}, key(f,i)), by value; PHR(f,i) when the exact plaintext comes
 *  out. Unbounded: for a scenario's few questions, not for the oracle's every state. */
export function implDerived(w: World, holdings: readonly Holding[], cache: GroupCache): Derived {
  const h = index(holdings);
  const out: Derived = new Map();
  for (const [t, vs] of h) out.set(t, new Set(vs.map(hex)));
  masks(w, h, cache, new Budget(Infinity), out);
  for (const r of implReadable(w, holdings, cache).reads) if (r.readable) out.set(tok.PHR(r.file, r.partition), new Set([hex(w.plaintext(r.file, r.partition))]));
  return out;
}

/** The token's (file, partition) if it is a C token. */
export function cOf(token: string): { f: string; i: string } | undefined {
  const { head, args } = parseTerm(token);
  return head === 'C' && args.length === 2 ? { f: args[0], i: args[1] } : undefined;
}
