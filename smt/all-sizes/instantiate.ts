// A lifted transition instantiated back on a finite universe: constants get every concrete value
// of their kind (distinct where the case keeps them apart), variables expand over what they stand
// for. The test compares the result with the ground net, transition by transition.
import type { Prop } from '../../model/prop.js';
import { transitionId } from '../../model/rule.js';
import { type Universe, defaultAccessOf, filesOf, joiners, outsiders, partitionsOf, patientIds } from '../../model/universe.js';
import { atomOf, factOf, termId } from './fo.js';
import type { Case } from './reading.js';
import { type Sym, type Symbols, depsOf, onePatient } from './symbolic.js';

export interface Instance {
  readonly id: string;
  readonly guard: Prop;
  readonly add: readonly string[];
  readonly del: readonly string[];
  readonly when: ReadonlyArray<{ readonly if: Prop; readonly add: readonly string[]; readonly del: readonly string[] }>;
}

function domain(U: Universe, s: Sym, val: ReadonlyMap<string, string>): string[] {
  if (s.defaultOf) return [...defaultAccessOf(U, val.get(s.defaultOf) ?? s.defaultOf, onePatient(U))];
  const all = s.sort === 'Prin' ? (s.kind === 'joiner' ? joiners(U, onePatient(U)) : s.kind === 'outsider' ? outsiders(U, onePatient(U)) : [onePatient(U)]) : s.sort === 'File' ? [...U.files] : [...U.partitions];
  const excl = new Set(s.excl.map((c) => val.get(c) ?? c));
  return all.filter((x) => !excl.has(x));
}

// a fact names a patient by its id wherever it stands (own(p) in a principal's position is p)
const sub = (S: Symbols, f: string, val: ReadonlyMap<string, string>) => {
  const a = atomOf(f, (id) => S.get(id)?.sort);
  return factOf(a.rel, a.args.map((t) => { const id = termId(t); return val.get(id) ?? id; }));
};

function substProp(S: Symbols, p: Prop, val: ReadonlyMap<string, string>): Prop {
  switch (p.t) {
    case 'fact': case 'pre': case 'post': return { ...p, f: sub(S, p.f, val) };
    case 'not': return { t: 'not', a: substProp(S, p.a, val) };
    case 'and': case 'or': return { t: p.t, as: p.as.map((a) => substProp(S, a, val)) };
    default: return p;
  }
}

/** Every assignment of the variables of `S` that occur in `ids`, extending `val`. */
function assignments(U: Universe, S: Symbols, ids: readonly string[], val: ReadonlyMap<string, string>): Array<Map<string, string>> {
  const vars = [...new Set(ids)].filter((id) => S.get(id)?.role === 'var');
  // a default-access variable after the principal it depends on
  vars.sort((a, b) => (S.get(a)!.defaultOf === b ? 1 : S.get(b)!.defaultOf === a ? -1 : 0));
  let acc = [new Map(val)];
  for (const v of vars) acc = acc.flatMap((m) => domain(U, S.get(v)!, m).map((x) => new Map(m).set(v, x)));
  return acc;
}

const idsOfFacts = (S: Symbols, fs: readonly string[]) => fs.flatMap((f) => atomOf(f, (id) => S.get(id)?.sort).args.map(termId));
const idsOfProp = (S: Symbols, p: Prop): string[] =>
  p.t === 'fact' || p.t === 'pre' || p.t === 'post' ? idsOfFacts(S, [p.f]) : p.t === 'not' ? idsOfProp(S, p.a) : p.t === 'and' || p.t === 'or' ? p.as.flatMap((a) => idsOfProp(S, a)) : [];

export function instances(c: Case, U: Universe): Instance[] {
  const S = c.S;
  let vals = [new Map<string, string>([['P', onePatient(U)]])];
  for (const k of c.consts) vals = vals.flatMap((m) => domain(U, k, m).filter((x) => ![...m.entries()].some(([id, v]) => v === x && S.get(id)?.sort === k.sort && id !== 'P' && c.consts.some((o) => o.id === id))).map((x) => new Map(m).set(k.id, x)));
  return vals.map((val) => {
    const expand = (fs: readonly string[]) => fs.flatMap((f) => assignments(U, S, idsOfFacts(S, [f]), val).map((m) => sub(S, f, m)));
    let id = `${c.rule.name}(${c.rule.params.filter(([, s]) => s !== 'patient').map(([n]) => val.get(c.binding[n]) ?? c.binding[n]).join(',')})`;
    if (!c.rule.params.length) id = `${c.rule.name}()`;
    const when = (c.g.when ?? []).flatMap((w) =>
      assignments(U, S, [...idsOfProp(S, w.if), ...idsOfFacts(S, [...w.add, ...w.del])], val).map((m) => ({ if: substProp(S, w.if, m), add: w.add.map((f) => sub(S, f, m)), del: w.del.map((f) => sub(S, f, m)) })));
    return { id, guard: substProp(S, c.g.guard, val), add: expand(c.g.add), del: expand(c.g.del), when };
  });
}

// ---- the patient-sorted reading --------------------------------------------------------------

/** What a symbol of the patient-sorted reading stands for on a finite universe, given its dependencies' values. */
function patientDomain(U: Universe, s: Sym, val: ReadonlyMap<string, string>): string[] {
  const v = (id: string) => val.get(id) ?? id;
  let all: string[];
  if (s.sort === 'Patient') all = patientIds(U);
  else if (s.sort === 'Prin') {
    all = U.users.map((u) => u.id);
    for (const [p, k] of s.kinds ?? []) all = all.filter((u) => (k === 'joiner' ? joiners(U, v(p)) : outsiders(U, v(p))).includes(u));
  } else if (s.sort === 'File') all = s.of ? [...filesOf(U, v(s.of))] : [...U.files];
  else all = s.defaultOf ? [...defaultAccessOf(U, v(s.defaultOf), v(s.of!))] : s.of ? [...partitionsOf(U, v(s.of))] : [...U.partitions];
  const excl = new Set(s.excl.map(v));
  return all.filter((x) => !excl.has(x));
}

/** Every assignment of the given symbols and the variables they depend on, dependencies first, extending `val`. */
export function patientAssignments(U: Universe, S: Symbols, ids: readonly string[], val: ReadonlyMap<string, string>): Array<Map<string, string>> {
  const order: string[] = [];
  const visit = (id: string) => {
    const s = S.get(id);
    if (!s || order.includes(id) || val.has(id)) return;
    for (const d of depsOf(s)) visit(d);
    order.push(id);
  };
  ids.map(termId).forEach(visit);
  let acc = [new Map(val)];
  for (const id of order) acc = acc.flatMap((m) => patientDomain(U, S.get(id)!, m).map((x) => new Map(m).set(id, x)));
  return acc;
}

/**
 * The instances of a case of the patient-sorted reading on a finite universe of several patients:
 * its constants' values (the binding), the ground id, the effects expanded over their variables,
 * the conditional effects with their conditions instantiated. The guard stays a formula of the
 * reading (its loop variables ∃), checked against the ground guard marking by marking.
 */
export function patientInstances(c: Case, U: Universe): Array<Instance & { readonly val: ReadonlyMap<string, string> }> {
  const S = c.S;
  let vals = [new Map<string, string>()];
  for (const k of c.consts)
    vals = vals.flatMap((m) => patientDomain(U, k, m).filter((x) => !c.consts.some((o) => o.sort === k.sort && m.get(o.id) === x)).map((x) => new Map(m).set(k.id, x)));
  return vals.map((val) => {
    const expand = (fs: readonly string[]) => fs.flatMap((f) => patientAssignments(U, S, idsOfFacts(S, [f]), val).map((m) => sub(S, f, m)));
    const binding = Object.fromEntries(Object.entries(c.binding).map(([n, id]) => [n, val.get(id) ?? id]));
    const when = (c.g.when ?? []).flatMap((w) =>
      patientAssignments(U, S, [...idsOfProp(S, w.if), ...idsOfFacts(S, [...w.add, ...w.del])], val).map((m) => ({ if: substProp(S, w.if, m), add: w.add.map((f) => sub(S, f, m)), del: w.del.map((f) => sub(S, f, m)) })));
    return { id: transitionId(c.rule, binding, U), guard: c.g.guard, add: expand(c.g.add), del: expand(c.g.del), when, val };
  });
}
