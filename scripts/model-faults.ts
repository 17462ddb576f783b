// Seeded model faults for the mutation score: each is an in-memory transformation of the rules
// the net is grounded from, or of the property catalogue (never an edit of a source file), of the
// kind a careless change to model/ makes: a dropped epoch fact, a removed guard conjunct, a
// weakened statement. Each must be caught, against the golden file, by a moved verdict, a
// vacuous proof or a changed fingerprint; the table says by which.
// Usage: node --import ./register.mjs scripts/model-faults.ts [--golden FILE] [--json]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, buildNet, type Net } from '../model/net.js';
import { type Prop, and, fact, knows, not } from '../model/prop.js';
import { CATALOGUE, type Property } from '../model/properties.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Ground, Rule } from '../model/rule.js';
import { CLOUD } from '../model/terms.js';
import { universeByName } from '../universes/index.js';
import { configName, type NetConfig } from '../model/config.js';
import { goldenKey, readGolden, readGoldenFile } from '../report/golden.js';
import { projectRoot } from '../report/meta.js';
import { checkRun } from '../smt/verify.js';
import { plannedRuns } from '../smt/catalogue.js';
import { checkInputFile } from '../cli/paths.js';
import { orRefuse, scriptArgs } from '../input/script-args.js';
import { writeFileAtomic } from '../output/atomic-file.js';

/** The committed golden file the faulty model is compared with: the project's own, wherever the
 *  command runs from (a path relative to the working directory left `reproduce` run elsewhere
 *  without its model faults). */
export const GOLDEN_FILE = join(projectRoot(), 'test', 'golden', 'verdicts.json');

export interface ModelFault {
  readonly id: string;
  readonly describe: string;
  /** the rules the faulty net is grounded from */
  readonly rules?: (rules: readonly Rule[]) => Rule[];
  /** the faulty catalogue */
  readonly catalogue?: (props: readonly Property[]) => Property[];
}

/** `rules` with one rule's ground() post-processed. */
const onRule = (name: string, change: (g: Ground) => Ground) => (rules: readonly Rule[]): Rule[] =>
  rules.map((r) => (r.name === name ? { ...r, ground: (b, ctx) => { const g = r.ground(b, ctx); return g && change(g); } } : r));

/** A guard without its conjuncts on facts named `head(...)`. */
const dropConjunct = (guard: Prop, head: string): Prop =>
  (guard.t === 'and' ? and(...guard.as.filter((a) => !(a.t === 'fact' && a.f.startsWith(`${head}(`)))) : guard);

/** Rebuilds a formula bottom-up through `fn`; an implication keeps its (rebuilt) premise. */
function mapProp(p: Prop, fn: (p: Prop) => Prop): Prop {
  switch (p.t) {
    case 'not': return fn(not(mapProp(p.a, fn)));
    case 'and': return fn(and(...p.as.map((a) => mapProp(a, fn))));
    case 'or': {
      const as = p.as.map((a) => mapProp(a, fn));
      return fn(p.premise ? { t: 'or', as, premise: mapProp(p.premise, fn) } : { t: 'or', as });
    }
    default: return fn(p);
  }
}

/** `props` with one property's statement rewritten. */
const onProperty = (id: string, change: (stmt: Prop) => Prop) => (props: readonly Property[]): Property[] =>
  props.map((p) => (p.id === id ? { ...p, statement: (net: Net) => change(p.statement(net)) } : p));

/** Each top-level implication's premise strengthened by `extra(premise)`. */
const strengthenPremises = (extra: (premise: Prop) => Prop) => (stmt: Prop): Prop => {
  const one = (c: Prop): Prop => {
    if (c.t !== 'or' || !c.premise) return c;
    const premise = and(c.premise, extra(c.premise));
    return { t: 'or', as: [not(premise), ...c.as.slice(1)], premise };
  };
  return stmt.t === 'and' ? and(...stmt.as.map(one)) : one(stmt);
};
const firstFact = (p: Prop): string | undefined =>
  p.t === 'fact' ? p.f : p.t === 'and' ? p.as.map(firstFact).find((f) => f !== undefined) : undefined;

export const MODEL_FAULTS: readonly ModelFault[] = [
  {
    id: 'send-ri-drops-revoked-at-upload',
    describe: 'a dropped epoch fact: Send_Ri no longer records RevokedAtUpload',
    rules: onRule('Send_Ri', (g) => ({ ...g, when: (g.when ?? []).filter((w) => !w.add.some((f) => f.startsWith('RevokedAtUpload('))) })),
  },
  {
    id: 'send-ri-drops-member-at-upload',
    describe: 'a dropped epoch fact: Send_Ri no longer records MemberAtUpload',
    rules: onRule('Send_Ri', (g) => ({ ...g, when: (g.when ?? []).filter((w) => !w.add.some((f) => f.startsWith('MemberAtUpload('))) })),
  },
  {
    id: 'd-r-s-drops-acl',
    describe: 'a removed guard conjunct: D_R_S no longer checks the ACL',
    rules: onRule('D_R_S', (g) => ({ ...g, guard: dropConjunct(g.guard, 'ACL') })),
  },
  {
    id: 'd-c-drops-member',
    describe: 'a removed guard conjunct: D_C (download C) no longer requires membership',
    rules: onRule('D_C', (g) => ({ ...g, guard: dropConjunct(g.guard, 'Member') })),
  },
  {
    id: 'collusion-revoked-cloud-alone',
    describe: 'a weakened property: collusion.revoked-cloud looks at the revoked user alone, not with the cloud',
    catalogue: onProperty('collusion.revoked-cloud', (s) => mapProp(s, (p) => (p.t === 'knows' && p.parties.includes(CLOUD) ? knows(p.parties.filter((x) => x !== CLOUD), p.token) : p))),
  },
  {
    id: 'no-ungranted-R-self-contradicting-premise',
    describe: 'a weakened property: paper.no-ungranted-R\'s premise also asks that its first fact be false',
    catalogue: onProperty('paper.no-ungranted-R', strengthenPremises((premise) => not(fact(firstFact(premise) ?? 'none')))),
  },
];

export interface ModelMutationRow {
  readonly fault: string;
  readonly describe: string;
  readonly caught: boolean;
  /** what caught it: moved verdicts, vacuous proofs, changed fingerprints, each with an example */
  readonly by: { readonly verdict: readonly string[]; readonly vacuity: readonly string[]; readonly fingerprint: readonly string[] };
  /** runs fingerprinted, and runs re-verified (those whose statement or net changed, on the checked configurations) */
  readonly runs: number;
  readonly verified: number;
  readonly seconds: number;
}

export interface ModelMutationOptions {
  readonly golden?: string;
  readonly universe?: string;
  /** configurations re-verified when their statement or net changed (default: the srs-keys ones;
   *  fingerprints are compared on every configuration) */
  readonly verifyOn?: (cfg: NetConfig, property: string) => boolean;
  readonly faults?: readonly ModelFault[];
  readonly timeoutSeconds?: number;
}

/** One line naming what caught a fault, for the tables. */
export function caughtBy(r: ModelMutationRow): string {
  const part = (what: string, xs: readonly string[]) => (xs.length ? `${what} (${xs.length}: ${xs[0]}${xs.length > 1 ? ', ...' : ''})` : '');
  return [part('verdict', r.by.verdict), part('vacuity', r.by.vacuity), part('fingerprint', r.by.fingerprint)].filter(Boolean).join('; ') || 'missed';
}

/** Applies each model fault alone, and compares the faulty model's runs with the golden file. */
export async function modelMutationScore(opts: ModelMutationOptions = {}): Promise<ModelMutationRow[]> {
  const file = opts.golden ?? GOLDEN_FILE;
  const { verdicts: golden, fingerprints: fps } = readGoldenFile(file);
  const U = universeByName(opts.universe ?? 'small');
  const verifyOn = opts.verifyOn ?? ((cfg: NetConfig) => cfg.variant === 'srs-keys');
  const rows: ModelMutationRow[] = [];
  for (const fault of opts.faults ?? MODEL_FAULTS) {
    const t0 = performance.now();
    const catalogue = fault.catalogue ? fault.catalogue(CATALOGUE) : CATALOGUE;
    const rules = fault.rules ? fault.rules(ALL_RULES) : undefined;
    const nets = new Map<string, Net>();
    const netOf = (cfg: NetConfig) => nets.get(configName(cfg)) ?? nets.set(configName(cfg), buildNet(U, cfg, { rules })).get(configName(cfg))!;
    const by = { verdict: [] as string[], vacuity: [] as string[], fingerprint: [] as string[] };
    let runs = 0, verified = 0;
    for (const { property: shipped, cfg } of plannedRuns({ universe: U.name })) {
      const property = catalogue.find((p) => p.id === shipped.id)!;
      const net = netOf(cfg);
      const key = goldenKey({ property: property.id, universe: U.name, ...cfg });
      const was = fps[key];
      const now = fingerprint(property, net);
      runs++;
      const changed = (['statement', 'net'] as const).filter((k) => was && was[k] !== now[k]);
      if (!changed.length) continue; // the same statement on the same net: the same verdict
      by.fingerprint.push(`${changed.join('+')} of ${key}`);
      if (!verifyOn(cfg, property.id)) continue;
      verified++;
      const r = await checkRun(net, property, { timeoutSeconds: opts.timeoutSeconds ?? 60 });
      if (r.verdict.kind !== golden[key]) (r.verdict.kind === 'vacuous' ? by.vacuity : by.verdict).push(`${key}: ${golden[key]} -> ${r.verdict.kind}`);
    }
    const caught = by.verdict.length + by.vacuity.length + by.fingerprint.length > 0;
    rows.push({ fault: fault.id, describe: fault.describe, caught, by, runs, verified, seconds: (performance.now() - t0) / 1000 });
  }
  return rows;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const USAGE = 'usage: node --import ./register.mjs scripts/model-faults.ts [--golden FILE] [--json]';
  const o = scriptArgs('model-faults', USAGE, { golden: { type: 'string', default: GOLDEN_FILE }, json: { type: 'boolean' } });
  orRefuse('model-faults', USAGE, () => readGolden(checkInputFile('--golden', o.golden)));
  const rows = await modelMutationScore({ golden: o.golden });
  const { shutdownZ3 } = await import('../smt/z3.js');
  await shutdownZ3();
  mkdirSync('reports', { recursive: true });
  writeFileAtomic('reports/model-mutation.json', JSON.stringify(rows, null, 2) + '\n');
  if (o.json) console.log(JSON.stringify(rows, null, 2));
  else {
    const w = Math.max(...rows.map((r) => r.fault.length));
    console.log(`${'model fault'.padEnd(w)}  result   seconds  caught by`);
    for (const r of rows) console.log(`${r.fault.padEnd(w)}  ${(r.caught ? 'caught' : 'MISSED').padEnd(8)} ${r.seconds.toFixed(1).padStart(7)}  ${caughtBy(r)}`);
    console.log(`\nmodel mutation score: ${rows.filter((r) => r.caught).length} / ${rows.length} faults caught`);
  }
}
