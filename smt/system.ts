// The transition system the SMT encodings share, derived from a ground net (never written by
// hand): which facts are state variables, which are constants, and every guard and conditional
// effect with those constants folded in. Two sound static simplifications happen here, once:
//  - a fact no transition adds or deletes keeps its M0 value in every reachable marking, so it
//    is a constant (true iff in M0); a fact the net never mentions is false (model/marking.ts);
//  - `knows` atoms are unfolded into the knowledge closure's formula over `holds` facts
//    (model/knowledge.ts, the one closure) and `enabled` atoms into the transition's guard.
// After folding, most closure premises are constants (nobody but the owner ever holds r or RP),
// which is what shrinks the `paper` universe queries.
import { knowsFormula } from '../model/knowledge.js';
import type { GroundTransition, Net } from '../model/net.js';
import { type Prop, and, not, or } from '../model/prop.js';

export interface FoldedTransition {
  readonly t: GroundTransition;
  readonly guard: Prop;
  readonly when: ReadonlyArray<{ readonly if: Prop; readonly add: readonly string[]; readonly del: readonly string[] }>;
  /** every fact this transition may write (unconditionally or under a condition) */
  readonly writes: ReadonlySet<string>;
}

export interface NetSystem {
  readonly net: Net;
  /** facts some transition adds or deletes: the candidate state variables */
  readonly mutable: ReadonlySet<string>;
  readonly m0: ReadonlySet<string>;
  readonly transitions: readonly FoldedTransition[];
  /** folds constants and unfolds knows/enabled in any formula over this net (DAG-preserving) */
  readonly fold: (p: Prop) => Prop;
}

const cache = new WeakMap<Net, NetSystem>();

export function netSystem(net: Net): NetSystem {
  const hit = cache.get(net);
  if (hit) return hit;
  const mutable = new Set<string>();
  for (const t of net.transitions) {
    for (const f of [...t.add, ...t.del]) mutable.add(f);
    for (const w of t.when) for (const f of [...w.add, ...w.del]) mutable.add(f);
  }
  const m0 = new Set(net.m0);
  // one memo per object identity keeps shared sub-formulas (the closure DAG) shared after folding
  const memo = new Map<Prop, Prop>();
  const knowsMemo = new Map<string, Map<string, Prop>>();
  const fold = (p: Prop): Prop => {
    const seen = memo.get(p);
    if (seen) return seen;
    let out: Prop;
    switch (p.t) {
      case 'const': case 'fired': out = p; break;
      case 'fact': case 'pre': case 'post':
        out = mutable.has(p.f) ? p : { t: 'const', v: m0.has(p.f) };
        break;
      case 'knows': {
        const key = p.parties.join('+');
        let m = knowsMemo.get(key);
        if (!m) knowsMemo.set(key, (m = new Map()));
        out = fold(knowsFormula(net.U, p.parties, p.token, m));
        break;
      }
      case 'enabled': {
        const t = net.byId.get(p.id);
        out = t ? fold(t.guard) : { t: 'const', v: false };
        break;
      }
      case 'not': out = not(fold(p.a)); break;
      case 'and': out = and(...p.as.map(fold)); break;
      case 'or': out = or(...p.as.map(fold)); break;
    }
    memo.set(p, out);
    return out;
  };
  const transitions = net.transitions.map((t): FoldedTransition => {
    const when = t.when.map((w) => ({ if: fold(w.if), add: w.add, del: w.del }));
    const writes = new Set([...t.add, ...t.del, ...when.flatMap((w) => [...w.add, ...w.del])]);
    return { t, guard: fold(t.guard), when, writes };
  });
  const sys: NetSystem = { net, mutable, m0, transitions, fold };
  cache.set(net, sys);
  return sys;
}

/** next(f) after firing t, as a formula over the pre-marking: deletions before additions, conditions on the pre-marking. */
export function nextValue(ft: FoldedTransition, f: string, cur: Prop): Prop {
  if (ft.t.add.includes(f)) return { t: 'const', v: true };
  const added = or(...ft.when.filter((w) => w.add.includes(f)).map((w) => w.if));
  const deleted = ft.t.del.includes(f) ? { t: 'const', v: true } as Prop : or(...ft.when.filter((w) => w.del.includes(f)).map((w) => w.if));
  return or(and(cur, not(deleted)), added);
}
