// "Can this coalition derive this token?" asked of the implementation: the values the coalition's
// real bytes yield (reader.ts implDerived, the one reader of bytes) against the token's genuine
// value. Genuine: the exact plaintext for PHR(f,i); Z^r formed from the owner's r(f,i) for
// key(f,i); for every other token, what the whole world holds or forms under that name. When no
// party of the implementation holds or forms the token, there is nothing to compare with, and the
// answer says so instead of guessing.
import { parseTerm } from '../model/terms.js';
import type { GroupCache } from './cache.js';
import { type Derived, implDerived } from './reader.js';
import { holdingsOf, partiesOf, type World } from './world.js';

export type ImplKnows = boolean | { readonly unwitnessed: string };

export function implKnows(w: World, parties: readonly string[], token: string, cache: GroupCache): ImplKnows {
  const mine = implDerived(w, parties.flatMap((p) => holdingsOf(w, p)), cache).get(token) ?? new Set<string>();
  const genuine = genuineValues(w, token, cache);
  if (!genuine.size) return { unwitnessed: `no party of the implementation holds or forms ${token} at this point, so no value to compare with` };
  return [...mine].some((v) => genuine.has(v));
}

function genuineValues(w: World, token: string, cache: GroupCache): Set<string> {
  const everyone = (): Derived => implDerived(w, partiesOf(w.U, w.cfg).flatMap((p) => holdingsOf(w, p)), cache);
  const { head, args } = parseTerm(token);
  if (head === 'key' && args.length === 2) {
    // Z^r from r(f,i) alone (closure K1): the value every other route must reproduce
    const rs = partiesOf(w.U, w.cfg).flatMap((p) => holdingsOf(w, p)).filter((h) => h.token === `r(${args[0]},${args[1]})`);
    return new Set(rs.map((h) => cache.maskFromR(h.bytes).key));
  }
  return everyone().get(token) ?? new Set();
}
