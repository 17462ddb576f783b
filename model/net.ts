// The HLPN N = (P, T, F, phi, R, L, M0) instantiated over a universe and a configuration:
// every rule grounded over every binding, every fact indexed, M0 built. The explorer, the
// XState machine, the SMT encoder and the exports all consume this one object.
import { type NetConfig, checkConfig, configName, hasModule, includesProfile } from './config.js';
import { MAX_GROUND_TRANSITIONS, NetTooLarge } from './net-size.js';
import { type Prop, and, factsOf } from './prop.js';
import { type Binding, type Ctx, type Rule, type RuleExtension, type Sort, type WhenEffect, transitionId } from './rule.js';
import { ADVERSARY_RULES } from './rules/adversary.js';
import { LIFECYCLE_EXTENSIONS, LIFECYCLE_RULES } from './rules/lifecycle.js';
import { MODULE_EXTENSIONS, MODULE_RULES } from './rules/modules.js';
import { PAPER_RULES } from './rules/paper.js';
import { ACL, Member, PHR, Registered, holds } from './terms.js';
import { type Universe, boundsOf, defaultAccessOf, filesOf, joiners, lifecycleUniverse, outsiders, partitionsOf, patientIds, patientTag, principals } from './universe.js';

/** The refusal of a net past the limit, naming the universe, its file and what it holds. */
function tooLarge(U: Universe, cfg: NetConfig): NetTooLarge {
  const most = (of: (p: Universe['patients'][number]) => readonly string[]) => U.patients.reduce((m, p) => Math.max(m, of(p).length), 0);
  const holds = `${U.users.length} users, ${U.patients.length} patient${U.patients.length === 1 ? '' : 's'}, up to ${most((p) => p.partitions)} partitions and ${most((p) => p.files)} files a patient`;
  return new NetTooLarge(
    `universe '${U.name}'${U.source ? ` (${U.source})` : ''} grounds to more than ${MAX_GROUND_TRANSITIONS} transitions on ${configName(cfg)} ` +
      `(${holds}), the most one net may have: check smaller universes here, and every size with verify --all-sizes`,
  );
}

/** Every rule of every profile, in presentation order (the paper's first). */
export const ALL_RULES: readonly Rule[] = [...PAPER_RULES, ...LIFECYCLE_RULES, ...ADVERSARY_RULES, ...MODULE_RULES];

export interface GroundTransition {
  /** `Name(a,b,c)`: the rule name applied to the binding values in parameter order */
  readonly id: string;
  readonly index: number;
  readonly rule: Rule;
  readonly binding: Binding;
  readonly guard: Prop;
  readonly add: readonly string[];
  readonly del: readonly string[];
  readonly when: readonly WhenEffect[];
}

export interface Net {
  readonly U: Universe;
  readonly cfg: NetConfig;
  readonly rules: readonly Rule[];
  readonly transitions: readonly GroundTransition[];
  /** every fact any transition, condition or M0 mentions; a fact's index is its bit */
  readonly facts: readonly string[];
  readonly factIndex: ReadonlyMap<string, number>;
  readonly m0: readonly string[];
  readonly byId: ReadonlyMap<string, GroundTransition>;
}

export interface BuildOptions {
  /** replace the rule set (seeded-fault tests build faulty nets from modified rules) */
  readonly rules?: readonly Rule[];
}

/** The values of sort `s`, given the variables bound so far (a patient's sorts need its `p`). */
function domain(U: Universe, s: Sort, b: Binding): string[] {
  const p = () => {
    if (b.p === undefined) throw new Error(`sort '${s}' ranges over one patient's values: bind a 'patient' parameter 'p' before it`);
    return b.p;
  };
  switch (s) {
    case 'patient': return patientIds(U);
    case 'principal': return principals(U);
    case 'user': return U.users.map((u) => u.id);
    case 'joiner': return joiners(U, p());
    case 'outsider': return outsiders(U, p());
    case 'file': return [...filesOf(U, p())];
    case 'partition': return [...partitionsOf(U, p())];
  }
}

function bindings(U: Universe, rule: Rule): Binding[] {
  let acc: Record<string, string>[] = [{}];
  for (const [name, sort] of rule.params) acc = acc.flatMap((b) => domain(U, sort, b).map((v) => ({ ...b, [name]: v })));
  return acc;
}

export { transitionId };

/** A rule as the configuration's modules extend it: guard conjuncts and effects appended, arcs
 *  merged, the extension's reading after the rule's own. The rule itself when nothing applies. */
export function extended(rule: Rule, exts: readonly RuleExtension[]): Rule {
  const mine = exts.filter((e) => e.rules.includes(rule.name));
  if (!mine.length) return rule;
  const merge = (a: readonly string[], b: readonly string[]) => [...a, ...b.filter((p) => !a.includes(p))];
  return {
    ...rule,
    arcs: mine.reduce((arcs, e) => ({ in: merge(arcs.in, e.arcs.in), out: merge(arcs.out, e.arcs.out) }), rule.arcs),
    reading: [rule.reading, ...mine.map((e) => `[${e.module ?? 'lifecycle'}] ${e.reading}`)].join(' '),
    ground: (b, ctx) => {
      const g = rule.ground(b, ctx);
      if (!g) return g;
      return mine.reduce((acc, e) => {
        const x = e.extend(rule, b, ctx);
        return {
          ...acc, guard: x.guard ? and(acc.guard, x.guard) : acc.guard, add: [...acc.add, ...(x.add ?? [])], del: [...acc.del, ...(x.del ?? [])],
          ...(x.when?.length && { when: [...(acc.when ?? []), ...x.when] }),
        };
      }, g);
    },
  };
}

/** The extensions of existing rules a configuration applies: the lifecycle profiles' (record
 *  updates, narrowing epochs), then its modules'. */
export function extensionsFor(cfg: NetConfig, U?: Universe): RuleExtension[] {
  const b = U && boundsOf(U);
  // a universe with neither updates nor narrowing has nothing for them to extend: its nets (and
  // their declared arcs, which the exports draw) stay what they were
  const lifecycle = b !== undefined && (b.versions > 1 || b.narrowing);
  return [
    ...(lifecycle ? LIFECYCLE_EXTENSIONS.filter((e) => e.profile !== undefined && includesProfile(cfg.profile, e.profile)) : []),
    ...MODULE_EXTENSIONS.filter((e) => e.module !== undefined && hasModule(cfg, e.module)),
  ];
}

/** M0 (defect no-initial-marking): each owner holds every plaintext of its files; in the paper profile the users are already members. */
export function initialMarking(ctx: Ctx): string[] {
  const { U, cfg } = ctx;
  const m = U.patients.flatMap((p) => p.files.flatMap((f) => p.partitions.map((i) => holds(p.id, PHR(f, i)))));
  if (cfg.profile === 'paper')
    for (const p of patientIds(U))
      for (const u of joiners(U, p)) {
        const P = patientTag(U, p);
        m.push(Registered(u, P), Member(u, P), ...defaultAccessOf(U, u, p).map((i) => ACL(u, i, P)));
      }
  return m;
}

export function buildNet(written: Universe, cfg: NetConfig, opts: BuildOptions = {}): Net {
  checkConfig(cfg);
  // versions and key generations exist in the lifecycle profiles only (model/universe.ts)
  const U = lifecycleUniverse(written, cfg.profile);
  const ctx: Ctx = { U, cfg };
  const exts = extensionsFor(cfg, U);
  const rules = (opts.rules ?? ALL_RULES)
    .filter((r) => includesProfile(cfg.profile, r.profile) && (!r.module || hasModule(cfg, r.module)) && (!r.applies || r.applies(ctx)))
    .map((r) => extended(r, exts));
  const transitions: GroundTransition[] = [];
  for (const rule of rules) {
    for (const b of bindings(U, rule)) {
      const g = rule.ground(b, ctx);
      if (!g) continue;
      if (g.guard.t === 'const' && !g.guard.v) continue; // never enabled: not part of the ground net
      transitions.push({ id: transitionId(rule, b, U), index: transitions.length, rule, binding: b, guard: g.guard, add: g.add, del: g.del, when: g.when ?? [] });
      if (transitions.length > MAX_GROUND_TRANSITIONS) throw tooLarge(written, cfg);
    }
  }
  const m0 = initialMarking(ctx);
  const factSet = new Set<string>(m0);
  for (const t of transitions) {
    factsOf(t.guard, factSet);
    t.add.forEach((f) => factSet.add(f));
    t.del.forEach((f) => factSet.add(f));
    for (const w of t.when) {
      factsOf(w.if, factSet);
      w.add.forEach((f) => factSet.add(f));
      w.del.forEach((f) => factSet.add(f));
    }
  }
  const facts = [...factSet].sort();
  const factIndex = new Map(facts.map((f, k) => [f, k] as const));
  return { U, cfg, rules, transitions, facts, factIndex, m0, byId: new Map(transitions.map((t) => [t.id, t] as const)) };
}
