// Checking one property on one net, and the catalogue over configurations. The strategy, per
// property, is the one that measured fastest on the `paper` universe:
//  1. step properties first try one-step induction from any state (they speak of what a single
//     firing changes, which rarely depends on reachability);
//  2. Horn clauses for Spacer on the cone-of-influence slice: a model (sat) is an unbounded proof;
//  3. only when Spacer says reachable (or gives up), BMC by iterative deepening finds the
//     shortest trace, decoded and replayed on the XState machine (smt/trace.ts).
import { performance } from 'node:perf_hooks';
import { checkConfig, POLICIES, PROFILES, VARIANTS, type NetConfig, type Policy, type Profile, type Variant } from '../model/config.js';
import { buildNet, type Net } from '../model/net.js';
import { not } from '../model/prop.js';
import { CATALOGUE, propertyById, type Property } from '../model/properties.js';
import { universeByName } from '../model/universe.js';
import { BmcScript } from './bmc.js';
import { type Bad, chcScript } from './chc.js';
import { writeQuery } from './export.js';
import { slice, type Slice } from './slice.js';
import { netSystem } from './system.js';
import { replayedTrace } from './trace.js';
import type { Method, QueryFile, SmtVerdict, VerifyResult } from './verdict.js';
import { Session, SolverTimeout, z3Version } from './z3.js';

export interface VerifyOptions {
  /** deepest BMC step (default 40) */
  readonly depth?: number;
  /** wall-clock limit per query, seconds (default 60) */
  readonly timeoutSeconds?: number;
  /** directory for the .smt2 files; none written when absent */
  readonly smtOut?: string;
}

type Answer = 'sat' | 'unsat' | 'unknown' | 'timeout';

export async function verifyProperty(net: Net, property: Property, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const t0 = performance.now();
  const maxDepth = opts.depth ?? 40;
  const limit = opts.timeoutSeconds ?? 60;
  const solver = await z3Version();
  const sys = netSystem(net);
  const stmt = sys.fold(property.statement(net));
  const bad: Bad = property.kind === 'reachable' ? { kind: 'state', p: stmt } : { kind: property.kind === 'step' ? 'step' : 'state', p: not(stmt) };
  const queries: QueryFile[] = [];

  /** Runs one session, records its file, maps a deadline to 'timeout'. */
  const run = async <T>(method: Method, sl: Slice, body: (s: Session) => Promise<T>): Promise<T | 'timeout'> => {
    const q0 = performance.now();
    const s = await Session.open(limit);
    let out: T | 'timeout';
    try {
      out = await body(s);
    } catch (e) {
      if (!(e instanceof SolverTimeout)) throw e;
      out = 'timeout';
    } finally {
      s.close();
    }
    const path = opts.smtOut ? writeQuery(opts.smtOut, net, property, method, sl, solver, s.answers, s.transcript.join('')) : undefined;
    queries.push({ method, path, answers: [...s.answers], seconds: (performance.now() - q0) / 1000 });
    return out;
  };
  const result = (verdict: SmtVerdict, how: string, sl: Slice): VerifyResult => ({
    property: property.id, universe: net.U.name, ...net.cfg, verdict, how,
    seconds: (performance.now() - t0) / 1000, solver,
    slice: { vars: sl.vars.length, facts: net.facts.length, transitions: sl.transitions.length, of: net.transitions.length },
    queries,
  });
  const holdsKind = property.kind === 'reachable' ? 'unreachable' : 'proved';

  if (bad.kind === 'step') {
    const any = slice(sys, [bad.p], true);
    const a = await run('step-induction', any, async (s) => {
      const b = new BmcScript(any, bad, true);
      await s.send(b.prelude() + b.step(1));
      return s.check(b.check(1));
    });
    if (a === 'unsat') return result({ kind: 'proved', method: 'step-induction' }, 'step-induction', any);
  }

  const sl = slice(sys, [bad.p], bad.kind === 'step');
  // In SMT-LIB HORN mode `sat` means the clauses have a model: an inductive invariant exists and
  // no bad state is reachable. `unsat` means a derivation of `false`: the bad state is reachable.
  const chc: Answer = await run('chc-spacer', sl, (s) => s.check(chcScript(sl, bad)));
  if (chc === 'sat') return result({ kind: holdsKind, method: 'chc-spacer' }, 'chc-spacer', sl);

  // Reachable per Spacer, or Spacer gave up: look for the shortest trace.
  let reached = -1;
  const found = await run('bmc', sl, async (s) => {
    const b = new BmcScript(sl, bad);
    await s.send(b.prelude());
    for (let k = bad.kind === 'state' ? 0 : 1; k <= maxDepth; k++) {
      if (k > 0) await s.send(b.step(k));
      const a = await s.check(b.check(k));
      if (a === 'sat') return { k, firings: b.decodeSelectors(await s.send(b.getValue(k)), k).map((i) => sl.transitions[i].t) };
      await s.send('(pop 1)\n');
      if (a === 'unknown') return 'unknown' as const;
      reached = k;
    }
    return undefined;
  });
  const spacer = chc === 'unsat' ? 'Spacer: reachable' : `Spacer: ${chc === 'timeout' ? `no answer within ${limit} s` : 'unknown'}`;
  if (found === 'timeout' || found === 'unknown')
    return result({ kind: 'unknown', limit: `${spacer}; BMC ${found === 'timeout' ? `reached the ${limit} s limit` : 'answered unknown'} after depth ${reached}` }, `bmc k=${reached}`, sl);
  if (found) {
    const trace = replayedTrace(net, property, found.firings);
    const how = `bmc k=${found.k}`;
    return result(property.kind === 'reachable' ? { kind: 'witness', depth: found.k, trace } : { kind: 'violated', depth: found.k, trace }, how, sl);
  }
  if (chc === 'unsat') return result({ kind: 'unknown', limit: `${spacer}, but no trace up to BMC depth ${maxDepth}` }, `bmc k=${maxDepth}`, sl);
  return property.kind === 'reachable'
    ? result({ kind: 'unknown', limit: `${spacer}; no witness up to BMC depth ${maxDepth}` }, `bmc k=${maxDepth}`, sl)
    : result({ kind: 'holds-to-depth', depth: maxDepth }, `bmc k=${maxDepth}`, sl);
}

export interface CatalogueOptions extends VerifyOptions {
  readonly universe?: string;
  readonly profiles?: readonly Profile[];
  readonly variants?: readonly Variant[];
  readonly policies?: readonly Policy[];
  /** property ids; all of the catalogue when absent */
  readonly properties?: readonly string[];
  /** called as each result arrives (progress output) */
  readonly onResult?: (r: VerifyResult) => void;
}

export interface PlannedRun {
  readonly property: Property;
  readonly cfg: NetConfig;
}

const valid = (cfg: NetConfig) => {
  try {
    checkConfig(cfg);
    return true;
  } catch {
    return false;
  }
};

/** Each property on each of its profiles (or those asked for), every variant and policy asked for, invalid combinations skipped. */
export function plannedRuns(opts: CatalogueOptions = {}): PlannedRun[] {
  const props = opts.properties ? opts.properties.map(propertyById) : CATALOGUE;
  const out: PlannedRun[] = [];
  for (const property of props)
    for (const profile of PROFILES.filter((p) => property.profiles.includes(p) && (!opts.profiles || opts.profiles.includes(p))))
      for (const variant of opts.variants ?? VARIANTS)
        for (const policy of opts.policies ?? POLICIES) {
          const cfg = { profile, variant, policy };
          if (valid(cfg)) out.push({ property, cfg });
        }
  return out;
}

export async function verifyCatalogue(opts: CatalogueOptions = {}): Promise<VerifyResult[]> {
  const U = universeByName(opts.universe ?? 'paper');
  const nets = new Map<string, Net>();
  const netOf = (cfg: NetConfig) => {
    const key = `${cfg.profile}/${cfg.variant}/${cfg.policy}`;
    let n = nets.get(key);
    if (!n) nets.set(key, (n = buildNet(U, cfg)));
    return n;
  };
  const out: VerifyResult[] = [];
  for (const { property, cfg } of plannedRuns(opts)) {
    const r = await verifyProperty(netOf(cfg), property, opts);
    opts.onResult?.(r);
    out.push(r);
  }
  return out;
}
