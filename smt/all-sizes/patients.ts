// The symbolic universe of the patient-sorted reading: the model's own functions run on a
// universe whose patient list stands for any number of patients (README, "A patient-sorted
// reading"). What differs from the one-patient universe (symbolic.ts):
//  - every read of the patient list returns the case's patient constants, the patient variables
//    of the loops still running (a nested read sees its enclosing loop's variable, so that the
//    model's `b !== a` drops it and the fresh variable stands for b ≠ a), and one fresh variable
//    excluding all of them; the users likewise;
//  - a patient's files and labels are the constants of that patient and a fresh variable
//    constrained by FileOf(·,p) or PartOf(p,·); a joiner's default labels a fresh variable
//    constrained by Default(p,u,·);
//  - a user's kind is per patient: a user constant's kind for the case's patient comes from the
//    case split; a users read returns two variables, one a joiner and one an outsider of whatever
//    patient asks (the kind constrains it: Joiner(p,v), Outsider(p,v)); a variable asked about two
//    patients would stand for only the users with that kind for both, so it is refused.
// Which loops are running is known because the lists are Loop arrays: their iteration methods
// note the element while its callback runs, and the arrays they build are Loops again.
import type { Prop } from '../../model/prop.js';
import { fact } from '../../model/prop.js';
import type { PatientSpec, Role, Universe, UserSpec } from '../../model/universe.js';
import type { Sym, Symbols } from './symbols.js';

/** Ids of the elements whose loop callbacks are running, innermost last. */
const running: string[] = [];

/** The ids an element of a list carries: itself, an object's id, a tuple's members. */
function idsOf(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) return x.filter((y): y is string => typeof y === 'string');
  if (x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string') return [(x as { id: string }).id];
  return [];
}

function within<R>(x: unknown, fn: () => R): R {
  const ids = idsOf(x);
  running.push(...ids);
  try {
    return fn();
  } finally {
    running.length -= ids.length;
  }
}

/** An array whose iteration notes, while each callback runs, which element it is on. */
export class Loop<T> extends Array<T> {}
for (const name of ['map', 'flatMap', 'filter', 'forEach', 'some', 'every', 'find', 'findIndex'] as const) {
  const base = Array.prototype[name] as (this: unknown[], cb: (x: unknown, k: number, a: unknown[]) => unknown, that?: unknown) => unknown;
  Object.defineProperty(Loop.prototype, name, {
    value(this: unknown[], cb: (x: unknown, k: number, a: unknown[]) => unknown, that?: unknown) {
      return base.call(this, (x, k, a) => within(x, () => cb.call(that, x, k, a)));
    },
    writable: true, configurable: true,
  });
}

const loop = <T>(xs: readonly T[]): Loop<T> => {
  const l = new Loop<T>();
  l.push(...xs);
  return l;
};

/** Variables of `sort` (users only, for Prin) whose loops are running, outermost first. */
function runningVars(S: Symbols, sort: Sym['sort']): Sym[] {
  const out: Sym[] = [];
  for (const id of running) {
    const s = S.get(id);
    if (s && s.role === 'var' && s.listed && s.sort === sort && (sort !== 'Prin' || s.user) && !out.includes(s)) out.push(s);
  }
  return out;
}

/** A joiner's role as its default access table is looked up by: the user and the patient. */
const roleFor = (u: string, p: string) => `@${u}@${p}` as Role;

export function patientUniverse(S: Symbols, name = 'symbolic-patients'): Universe {
  const specs = new Map<string, PatientSpec>();
  const users = new Map<string, UserSpec>();
  const isPatientSym = (id: string) => S.get(id)?.sort === 'Patient';

  const filesOf = (p: string) => {
    const cs = S.constants('File').filter((c) => c.of === p).map((c) => c.id);
    return loop([...cs, S.fresh('File', undefined, cs, undefined, { of: p }).id]);
  };
  const partsOf = (p: string) => {
    // labels are shared names: a label constant of another patient may be p's too, which the fresh
    // variable (PartOf(p,·)) covers; only p's own label constants are listed and excluded
    const cs = S.constants('Part').filter((c) => c.of === p).map((c) => c.id);
    return loop([...cs, S.fresh('Part', undefined, cs, undefined, { of: p }).id]);
  };
  const spec = (p: string): PatientSpec => {
    let x = specs.get(p);
    if (!x)
      specs.set(p, (x = {
        id: p,
        get files() { return filesOf(p); },
        get partitions() { return partsOf(p); },
        defaultAccess: new Proxy({} as Record<Role, readonly string[]>, {
          get(_t, role: string | symbol) {
            const m = typeof role === 'string' ? /^@(.+)@(.+)$/.exec(role) : null;
            if (!m || m[2] !== p) throw new Error(`default access of role '${String(role)}' for patient ${p} has no first-order reading: only a joiner's default access (Default(p, u, i)) is lifted`);
            return loop([S.fresh('Part', undefined, [], m[1], { of: p }).id]);
          },
        }),
      }));
    return x;
  };

  const userSpec = (s: Sym): UserSpec => {
    let x = users.get(s.id);
    if (!x)
      users.set(s.id, (x = {
        id: s.id,
        roles: new Proxy({} as Record<string, Role>, {
          get(_t, p: string | symbol) {
            if (typeof p !== 'string' || !isPatientSym(p)) return undefined;
            const had = s.kinds!.get(p);
            if (had) return had === 'joiner' ? roleFor(s.id, p) : 'outsider';
            if (s.role === 'const') throw new Error(`the kind of user ${s.id} for patient ${p} is not decided by the case (a user constant's kind is split for the rule's own patient only)`);
            const kind = s.kind === 'outsider' ? 'outsider' : 'joiner';
            if (s.kinds!.size) throw new Error(`user variable ${s.id} is asked its kind for patients ${[...s.kinds!.keys()].join(', ')} and ${p}: one variable would stand only for users of the same kind for all of them, which the reading does not split`);
            s.kinds!.set(p, kind);
            return kind === 'joiner' ? roleFor(s.id, p) : 'outsider';
          },
          ownKeys() { throw new Error(`the roles of user ${s.id} cannot be listed in the patient-sorted reading: ask for one patient`); },
        }),
      }));
    return x;
  };
  const userConsts = () => S.constants('Prin').filter((c) => c.user);
  const madeUsers: Sym[] = [];

  const patients = () => {
    const cs = S.constants('Patient');
    const inner = runningVars(S, 'Patient');
    const list = loop([...cs, ...inner].map((s) => spec(s.id)));
    // the fresh variable is made when the list is iterated, not when it is searched (`patient`,
    // `isPatient` look up a patient by id without reading "every other patient")
    let fresh: PatientSpec | undefined;
    Object.defineProperty(list, list.length, {
      get: (): PatientSpec => (fresh ??= spec(S.fresh('Patient', undefined, [...cs, ...inner].map((s) => s.id), undefined, { listed: true }).id)),
      enumerable: true, configurable: true,
    });
    const known = () => [...S.ids.values()].filter((s) => s.sort === 'Patient').map((s) => spec(s.id));
    Object.defineProperty(list, 'find', { value: (pred: (p: PatientSpec) => boolean) => known().find(pred) });
    Object.defineProperty(list, 'some', { value: (pred: (p: PatientSpec) => boolean) => known().some(pred) });
    Object.defineProperty(list, 'slice', { value: () => { throw new Error('a symbolic patient list has no order: "the patients after a" cannot be read (write b !== a over a second read)'); } });
    return list;
  };
  const usersList = () => {
    const cs = userConsts();
    // running user variables are not reused: a nested read filtered by kind (joiners(U,b)) would ask
    // the outer user its kind for a second patient, which one variable cannot answer both ways. A
    // nested users read is then "every user", the outer one included: a comparison v !== u keeps the
    // diagonal v = u, a stronger statement than the ground one (the proof must cover it too)
    const inner: Sym[] = [];
    const excl = [...cs, ...inner].map((s) => s.id);
    const twins = [S.fresh('Prin', 'joiner', excl, undefined, { user: true, kinds: new Map(), listed: true }), S.fresh('Prin', 'outsider', excl, undefined, { user: true, kinds: new Map(), listed: true })];
    madeUsers.push(...twins);
    const list = loop([...cs, ...inner, ...twins].map(userSpec));
    Object.defineProperty(list, 'find', { value: (pred: (u: UserSpec) => boolean) => [...userConsts(), ...madeUsers].map(userSpec).find(pred) });
    Object.defineProperty(list, 'slice', { value: () => { throw new Error('a symbolic user list has no order: "the users after u" misses two distinct users one variable stands for (write v !== u over a second read)'); } });
    return list;
  };
  const all = (sort: 'File' | 'Part') => {
    const cs = S.constants(sort).map((c) => c.id);
    return loop([...cs, S.fresh(sort, undefined, cs).id]);
  };
  return {
    name,
    severalPatients: true,
    roleAtom: (u: string, p: string): Prop => fact(`Joiner(${p},${u})`),
    get patients() { return patients(); },
    get users() { return usersList(); },
    get files() { return all('File'); },
    get partitions() { return all('Part'); },
  };
}
