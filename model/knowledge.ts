// The knowledge closure (design.md): what a party or coalition can derive from what it holds,
// under the scheme's algebra. One rule table; two interpreters over it: a forward fixpoint on
// concrete token sets (explorer, oracle) and a backward unfolding into a formula over `holds`
// facts (SMT). A test checks they agree.
import { type Prop, and, fact, or } from './prop.js';
import { C, PHR, RK, RP, RU, ginv, holds, key, pk, r, sk } from './terms.js';
import { type Universe, fileParts, patientTag, principals } from './universe.js';

export interface ClosureRule {
  readonly name: string;
  /** why the algebra allows it */
  readonly why: string;
  readonly premises: readonly string[];
  readonly conclusion: string;
}

/** The ground derivation rules of a universe, patient by patient (each owner P has its own RK_{P->u},
 *  g^{1/x_P} and keys; nothing derives across patients but what the tokens share: a user's sk).
 *  Acyclic by construction (strata: RK, g^{1/x_P} and R^U, key, PHR). */
export function closureRules(U: Universe): ClosureRule[] {
  const users = U.users.map((u) => u.id);
  const out: ClosureRule[] = [];
  for (const { id: P, files, partitions } of U.patients) {
    const tag = patientTag(U, P);
    for (const u of users) {
      out.push({ name: 'K5 RK from secrets', why: 'RK = g^{x_u/x_P} from x_P and x_u (Eq. 14)', premises: [sk(P), sk(u)], conclusion: RK(u, tag) });
      out.push({ name: 'K6 RK from pk', why: 'RK = pk_u^{1/x_P} (Eq. 14, owner-keys)', premises: [sk(P), pk(u)], conclusion: RK(u, tag) });
      out.push({ name: 'K8 proxy+delegatee', why: 'RK^{1/x_u} = g^{1/x_P}: single-key PRE collusion', premises: [RK(u, tag), sk(u)], conclusion: ginv(tag) });
    }
    for (const f of files) {
      for (const i of partitions) {
        out.push({ name: 'K1 owner r', why: 'Z^r from r', premises: [r(f, i)], conclusion: key(f, i) });
        out.push({ name: 'K7 owner secret', why: 'e(R^P, g)^{1/x_P} = Z^r', premises: [RP(f, i), sk(P)], conclusion: key(f, i) });
        out.push({ name: 'K9 g^{1/x_P}', why: 'e(R^P, g^{1/x_P}) = Z^r', premises: [RP(f, i), ginv(tag)], conclusion: key(f, i) });
        out.push({ name: 'K3 open', why: 'PHR = Open(key, C) (Eqs. 19-22)', premises: [key(f, i), C(f, i)], conclusion: PHR(f, i) });
        for (const u of users) {
          out.push({ name: 'K4 pairing', why: 'R^U = e(R^P, RK) (Eqs. 15-18)', premises: [RP(f, i), RK(u, tag)], conclusion: RU(u, f, i) });
          out.push({ name: 'K2 user decrypts', why: '(R^U)^{1/x_u} = Z^r (Eqs. 19-22)', premises: [RU(u, f, i), sk(u)], conclusion: key(f, i) });
        }
      }
    }
  }
  return out;
}

/** All tokens the closure can mention in this universe. */
export function allTokens(U: Universe): string[] {
  const set = new Set<string>();
  for (const p of principals(U)) set.add(sk(p)).add(pk(p));
  for (const rule of closureRules(U)) {
    rule.premises.forEach((t) => set.add(t));
    set.add(rule.conclusion);
  }
  return [...set].sort();
}

const cache = new WeakMap<Universe, { rules: ClosureRule[]; byConclusion: Map<string, ClosureRule[]> }>();
function indexed(U: Universe) {
  let c = cache.get(U);
  if (!c) {
    const rules = closureRules(U);
    const byConclusion = new Map<string, ClosureRule[]>();
    for (const rule of rules) byConclusion.set(rule.conclusion, [...(byConclusion.get(rule.conclusion) ?? []), rule]);
    c = { rules, byConclusion };
    cache.set(U, c);
  }
  return c;
}

/** Forward interpreter: everything derivable from `held` (a least fixpoint). */
export function closure(U: Universe, held: Iterable<string>): Set<string> {
  const known = new Set(held);
  const { rules } = indexed(U);
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      if (!known.has(rule.conclusion) && rule.premises.every((t) => known.has(t))) {
        known.add(rule.conclusion);
        changed = true;
      }
    }
  }
  return known;
}

/** Which (file, partition) a holder of `held` can read. */
export function readable(U: Universe, held: Iterable<string>): Array<{ file: string; partition: string }> {
  const k = closure(U, held);
  return fileParts(U).filter(([, f, i]) => k.has(PHR(f, i))).map(([, file, partition]) => ({ file, partition }));
}

/**
 * Backward interpreter: a formula over `holds(party, token)` facts that is true exactly when the
 * coalition can derive `token`. Terminates because the rule table is acyclic; `memo` shares
 * sub-formulas so the result is a DAG.
 */
export function knowsFormula(U: Universe, parties: readonly string[], token: string, memo = new Map<string, Prop>()): Prop {
  const hit = memo.get(token);
  if (hit) return hit;
  const { byConclusion } = indexed(U);
  const direct = parties.map((p) => fact(holds(p, token)));
  const derived = (byConclusion.get(token) ?? []).map((rule) => and(...rule.premises.map((t) => knowsFormula(U, parties, t, memo))));
  const result = or(...direct, ...derived);
  memo.set(token, result);
  return result;
}
