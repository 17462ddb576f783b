// The oracle, run after every step: for every coalition of interest and every (file, partition),
// the model's knowledge closure (model/knowledge.ts readable over model/marking.ts heldBy) must
// agree with what the coalition's real bytes open (reader.ts). It also checks that each party's
// implementation holdings carry exactly the token names the model gives it, and that every
// ciphertext names the (owner, file, partition) it belongs to. Mismatches name the party, the
// (file, partition) and both answers; they never contain secret bytes.
import { ownerOf, patientIds } from '../model/universe.js';
// Holdings are compared by value as well as by name: the model's terms are a free algebra, so two
// distinct terms (sk(a) and sk(b), r(f1,i) and r(f2,i), RK(a) and RK(b), RP(f1,i) and RP(f2,i))
// are distinct values, and the knowledge closure relies on it. Keys or randomness that coincide
// in the implementation where the model's do not are a mismatch the moment both are held.
import { readable } from '../model/knowledge.js';
import { type Marking, has, heldBy } from '../model/marking.js';
import type { Net } from '../model/net.js';
import { SRS, holds, parseTerm, sk } from '../model/terms.js';
import { sealedHeader, versionName, type Holding } from '../impl/index.js';
import type { GroupCache } from './cache.js';
import { type Coalition, coalitionsOf } from './coalitions.js';
import { implReadable } from './reader.js';
import { holdingsOf, partiesOf, type World } from './world.js';

export type MismatchKind = 'readable' | 'holdings' | 'coincide' | 'binding' | 'answer' | 'plaintext' | 'crash';

export interface Mismatch {
  readonly kind: MismatchKind;
  /** the path or run the step belongs to */
  path: string;
  /** 1-based step number within the path (0: the initial state) */
  step: number;
  /** the event sent at that step, as a transition id */
  event?: string;
  /** party or coalition (names joined with '+') */
  readonly party: string;
  readonly file?: string;
  readonly partition?: string;
  readonly model: string;
  readonly impl: string;
}

export type Finding = Omit<Mismatch, 'path' | 'step' | 'event'>;

export interface StateCheck {
  /** number of individual comparisons made */
  readonly checks: number;
  readonly findings: Finding[];
  /** per coalition, the (file, partition) both sides agree it reads: the concrete evidence */
  readonly reads: ReadonlyArray<{ coalition: string; file: string; partition: string; route?: string }>;
  /** the largest route search of this state (keys derived plus attempts, one coalition) */
  readonly routeAttempts: number;
  /** coalitions whose route search stopped at the bound */
  readonly routeStopped: string[];
}

/**
 * Deliberate differences between impl holdings and model tokens, each with its reason. Only
 * these are skipped; anything else is a mismatch.
 */
export const HOLDING_DIFFERENCES = [
  {
    id: 'srs-caches-rk',
    where: 'SRS, srs-keys',
    what: 'the SRS keeps RK(u) once formed; the model leaves it derived (closure K5 from sk(P), sk(u))',
    applies: (net: Net, m: Marking, party: string, token: string) =>
      party === SRS && net.cfg.variant === 'srs-keys' && parseTerm(token).head === 'RK' &&
      // RK(u), or RK(p,u) with several patients: formed from sk(p) and sk(u)
      ((args) => has(net, m, holds(SRS, sk(args.length > 1 ? args[0] : patientIds(net.U)[0]))) && has(net, m, holds(SRS, sk(args[args.length - 1]))))(parseTerm(token).args),
  },
] as const;

function checkHoldings(net: Net, m: Marking, party: string, hs: readonly Holding[], out: Finding[]): number {
  const model = new Set(heldBy(net, m, [party]));
  const impl = new Set(hs.map((h) => h.token));
  let checks = 0;
  for (const t of new Set([...model, ...impl])) {
    checks++;
    if (model.has(t) === impl.has(t)) continue;
    if (impl.has(t) && HOLDING_DIFFERENCES.some((d) => d.applies(net, m, party, t))) continue;
    out.push({ kind: 'holdings', party, model: model.has(t) ? `holds ${t}` : `does not hold ${t}`, impl: impl.has(t) ? `holds ${t}` : `does not hold ${t}` });
  }
  // Every C must name the owner, file and partition it is the ciphertext of (the AEAD binding).
  for (const h of hs) {
    const { head, args } = parseTerm(h.token);
    if (head !== 'C') continue;
    checks++;
    let named: string;
    try {
      const b = sealedHeader(h.bytes, h.token);
      named = `${b.owner}/${versionName(b.file, b.version)}/${b.label}`;
    } catch {
      named = 'unparseable';
    }
    const want = `${ownerOf(net.U, args[0])}/${args[0]}/${args[1]}`;
    if (named !== want) out.push({ kind: 'binding', party, file: args[0], partition: args[1], model: `C bound to ${want}`, impl: `C bound to ${named}` });
  }
  return checks;
}

/** By value: the model's distinct atoms must be distinct bytes. Every value held under two or more
 *  token names is one finding, naming the names and who holds them (never the bytes). */
function checkCoincidences(held: ReadonlyMap<string, readonly Holding[]>, out: Finding[]): number {
  const byValue = new Map<string, Map<string, Set<string>>>();
  for (const [party, hs] of held) for (const h of hs) {
    const k = Buffer.from(h.bytes).toString('hex');
    const names = byValue.get(k) ?? new Map<string, Set<string>>();
    names.set(h.token, (names.get(h.token) ?? new Set()).add(party));
    byValue.set(k, names);
  }
  for (const names of byValue.values()) {
    if (names.size < 2) continue;
    const list = [...names.keys()].sort();
    const holders = [...new Set([...names.values()].flatMap((ps) => [...ps]))];
    out.push({
      kind: 'coincide', party: holders.join('+'),
      model: `${list.join(', ')} are distinct values`,
      impl: `the same bytes: ${list.map((t) => `${[...names.get(t)!].join('+')} holds it as ${t}`).join('; ')}`,
    });
  }
  return byValue.size;
}

/** Checks one state: holdings per party (by name and by value), bindings, and readability per
 *  coalition, each coalition's route search bounded by `maxRouteAttempts`. */
export function checkState(net: Net, m: Marking, w: World, cache: GroupCache, coalitions: readonly Coalition[] = coalitionsOf(net.U, net.cfg), maxRouteAttempts = Infinity): StateCheck {
  const findings: Finding[] = [];
  const reads: Array<{ coalition: string; file: string; partition: string; route?: string }> = [];
  let checks = 0, routeAttempts = 0;
  const routeStopped: string[] = [];
  const held = new Map(partiesOf(net.U, net.cfg).map((p) => [p, holdingsOf(w, p)] as const));
  for (const [p, hs] of held) checks += checkHoldings(net, m, p, hs, findings);
  checks += checkCoincidences(held, findings);
  for (const c of coalitions) {
    const modelReads = new Set(readable(net.U, heldBy(net, m, c.parties)).map((x) => `${x.file}/${x.partition}`));
    const search = implReadable(w, c.parties.flatMap((p) => held.get(p) ?? []), cache, maxRouteAttempts);
    routeAttempts = Math.max(routeAttempts, search.attempts);
    if (search.stopped) routeStopped.push(c.name);
    for (const r of search.reads) {
      checks++;
      const mr = modelReads.has(`${r.file}/${r.partition}`);
      if (mr && r.readable) reads.push({ coalition: c.name, file: r.file, partition: r.partition, route: r.route });
      if (mr === r.readable) continue;
      findings.push({
        kind: 'readable', party: c.name, file: r.file, partition: r.partition,
        model: mr ? 'readable' : 'not readable',
        impl: r.readable ? `readable via ${r.route}` : search.stopped ? `not readable within the route search bound (${maxRouteAttempts} attempts)` : 'not readable (no route yields the exact plaintext)',
      });
    }
  }
  return { checks, findings, reads, routeAttempts, routeStopped };
}
