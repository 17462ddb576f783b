// The symbolic universe: the model's own rule, closure, marking and property functions run on a
// universe whose ids are symbols, so the first-order reading is read off the one definition
// instead of being written a second time.
//  - A rule parameter becomes a constant (one per parameter; a case split on what kind of
//    principal it is, and on which parameters of one sort coincide).
//  - Every read of a universe list (users, files, partitions) returns the constants of that sort
//    and one fresh variable standing for "every other element of the sort". A loop over the
//    universe therefore yields one instance per constant and one quantified instance: the loop
//    becomes a quantified statement or a quantified update.
//  - Default access, a table per role, becomes the rigid relation Default(u, i): the symbolic
//    role of u answers with a fresh partition variable constrained by Default(u, ·).
import type { Sort } from '../../model/rule.js';
import type { PatientSpec, Role, Universe, UserSpec } from '../../model/universe.js';
import { boundsOf } from '../../model/universe.js';
import { patientUniverse } from './patients.js';

/** The sorts of the first-order reading; Patient only in the patient-sorted reading. */
export type FoSort = 'Prin' | 'File' | 'Part' | 'Patient';
export const FO_SORTS: readonly FoSort[] = ['Prin', 'File', 'Part'];

/** The kind of a principal: rigid, given by the universe (role outsider or not). */
export type PrinKind = 'owner' | 'joiner' | 'outsider';

export interface Sym {
  readonly id: string;
  readonly sort: FoSort;
  /** a constant names one element (the owner, a rule parameter); a variable stands for the rest of its sort */
  readonly role: 'const' | 'var';
  readonly kind?: PrinKind;
  /** a variable differs from these constants (the other members of the list it came from) */
  readonly excl: readonly string[];
  /** a partition variable drawn from Default(defaultOf, ·) */
  readonly defaultOf?: string;
  // the patient-sorted reading (patients.ts):
  /** the patient it belongs to: FileOf(x, of) for a file, PartOf(of, x) for a label, Default(of, defaultOf, x) for a default label */
  readonly of?: string;
  /** a principal that is a user (¬IsOwner), and its kind for each patient it was asked about */
  readonly user?: boolean;
  readonly kinds?: Map<string, 'joiner' | 'outsider'>;
  /** made by a read of a universe list (a nested read of the same list sees it while its loop runs) */
  readonly listed?: boolean;
}

/** The symbols a symbol's constraint mentions: they must be bound wherever it is. */
export const depsOf = (s: Sym): string[] => [...s.excl, ...(s.defaultOf ? [s.defaultOf] : []), ...(s.of ? [s.of] : []), ...(s.kinds ? [...s.kinds.keys()] : [])];

/** The owner's id in every symbolic universe. */
export const OWNER = 'P';

/** The model's rule-parameter sorts, read first-order: a sort and the principal kinds it admits. */
export function paramSort(s: Sort): { sort: FoSort; kinds: readonly (PrinKind | undefined)[] } {
  switch (s) {
    // one patient: the owner P. Its facts carry no patient argument (universe.ts patientTag), as
    // on small and paper; several patients have a reading of their own over a Patient sort
    // (patients.ts; smt/all-sizes/README.md "A patient-sorted reading").
    case 'patient': return { sort: 'Prin', kinds: ['owner'] };
    case 'principal': return { sort: 'Prin', kinds: ['owner', 'joiner', 'outsider'] };
    case 'user': return { sort: 'Prin', kinds: ['joiner', 'outsider'] };
    case 'joiner': return { sort: 'Prin', kinds: ['joiner'] };
    case 'outsider': return { sort: 'Prin', kinds: ['outsider'] };
    case 'file': return { sort: 'File', kinds: [undefined] };
    case 'partition': return { sort: 'Part', kinds: [undefined] };
    default: throw new Error(`rule parameter sort '${s as string}' has no first-order reading (smt/all-sizes/symbolic.ts paramSort)`);
  }
}

/**
 * What "every size" covers, read off the symbolic universe of the reading rather than typed in: a
 * list is unbounded when a read of it holds a variable ("every other element of the sort"). The
 * one-patient reading's patient list is the owner P; the patient-sorted reading's holds a
 * variable, and its facts carry their patient, so it covers any number of patients, though only as
 * the several-patients net (model/universe.ts severalPatients): two or more.
 */
export function allSizesScope(reading: boolean | 'both' = false): string {
  if (reading === 'both')
    return allSizesScope(true).replace('and two or more patients (the several-patients net: facts tagged by patient, files and labels per patient, a user\'s kind per patient)', 'and patients: every number of patients (one by the one-patient reading, two or more by the patient-sorted reading, both proved)');
  const patients = reading;
  const S = new Symbols(patients);
  const U = symbolicUniverse(S);
  const open = (ids: readonly string[]) => ids.some((id) => S.get(id)?.role === 'var');
  const lists: Array<[string, readonly string[]]> = [['users', U.users.map((u) => u.id)], ['files', U.files], ['partitions', U.partitions]];
  const unbounded = lists.filter(([, ids]) => open(ids)).map(([w]) => w);
  const patientIds = U.patients.map((p) => p.id);
  const several = open(patientIds);
  const named = several ? [...unbounded, 'two or more patients'] : unbounded;
  const words = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named.join('');
  const patientText = several
    ? ' (the several-patients net: facts tagged by patient, files and labels per patient, a user\'s kind per patient)'
    : `; ${patientIds.length === 1 ? 'one patient (the patient sort is read as the single owner P; several patients are covered by the patient-sorted reading)' : `${patientIds.length} patients`}`;
  // the lifecycle parts a universe opts into are read only as far as the symbolic universe has them
  const b = boundsOf(U);
  const off = [b.versions > 1 ? '' : 'record updates', b.rejoins > 0 ? '' : 're-joining', b.narrowing ? '' : 'narrowing', b.exceptions ? '' : 'per-member exceptions'].filter(Boolean);
  const lifecycle = off.length ? `; without ${off.join(', ')} (universe data off by default, model/universe.ts LifecycleBounds: the finite verdicts on universes/lifecycle.yaml cover them)` : '';
  return `any number of ${words}${patientText}${lifecycle}`;
}

/**
 * The one patient of a finite universe the reading is compared with or mined on. The reading has
 * one owner P, so a universe of several patients has no counterpart yet: a clear error, not a
 * silent restriction to its first patient.
 */
export function onePatient(U: Universe): string {
  if (U.patients.length !== 1)
    throw new Error(`the all-sizes reading has one patient; universe '${U.name}' has ${U.patients.length} (${U.patients.map((p) => p.id).join(', ')})`);
  return U.patients[0].id;
}

/** The ids of one symbolic instantiation and what each stands for. */
export class Symbols {
  readonly ids = new Map<string, Sym>();
  private n = 0;

  /** `patients`: the patient-sorted reading (patients.ts), whose patient list stands for any number of patients; otherwise the one owner P */
  constructor(readonly patients = false) {
    if (!patients) this.ids.set(OWNER, { id: OWNER, sort: 'Prin', role: 'const', kind: 'owner', excl: [] });
  }

  constant(id: string, sort: FoSort, kind?: PrinKind, more: Partial<Sym> = {}): Sym {
    const s: Sym = { id, sort, role: 'const', kind, excl: [], ...more };
    this.ids.set(id, s);
    return s;
  }

  fresh(sort: FoSort, kind: PrinKind | undefined, excl: readonly string[], defaultOf?: string, more: Partial<Sym> = {}): Sym {
    const s: Sym = { id: `v${++this.n}`, sort, role: 'var', kind, excl, defaultOf, ...more };
    this.ids.set(s.id, s);
    return s;
  }

  /** A copy of symbol `of` (a variable of the same sort and constraint) under a fresh id. */
  copy(of: Sym, more: Partial<Sym> = {}): Sym {
    const s: Sym = { ...of, id: `v${++this.n}`, role: 'var', kinds: of.kinds && new Map(of.kinds), ...more };
    this.ids.set(s.id, s);
    return s;
  }

  get(id: string): Sym | undefined {
    return this.ids.get(id);
  }

  constants(sort: FoSort): Sym[] {
    return [...this.ids.values()].filter((s) => s.role === 'const' && s.sort === sort);
  }
}

/** Role of a symbolic joiner: unique per id, so its default access can name it. */
const roleOfId = (id: string) => `@${id}` as Role;

/**
 * A universe whose lists are symbolic: the given constants plus, on every read, fresh variables
 * for the rest (one joiner and one outsider variable for users). `find` also sees every user
 * variable made so far, so lookups by id (roleOf, defaultAccessOf) work on variables.
 */
export function symbolicUniverse(S: Symbols, name = 'symbolic'): Universe {
  if (S.patients) return patientUniverse(S, name);
  const userSpec = (s: Sym): UserSpec => ({ id: s.id, roles: { [OWNER]: s.kind === 'outsider' ? 'outsider' : roleOfId(s.id) } });
  const made: UserSpec[] = [];
  const constUsers = () => S.constants('Prin').filter((s) => s.kind !== 'owner');
  const users = () => {
    const cs = constUsers();
    const excl = cs.map((c) => c.id);
    const vars = [S.fresh('Prin', 'joiner', excl), S.fresh('Prin', 'outsider', excl)].map(userSpec);
    made.push(...vars);
    const list = [...cs.map(userSpec), ...vars];
    Object.defineProperty(list, 'find', {
      value: (pred: (u: UserSpec) => boolean) => [...cs.map(userSpec), ...made].find(pred),
    });
    return list;
  };
  const list = (sort: FoSort) => {
    const cs = S.constants(sort).map((c) => c.id);
    return [...cs, S.fresh(sort, undefined, cs).id];
  };
  const defaultAccess = new Proxy({} as Record<Role, readonly string[]>, {
    get(_t, role: string | symbol) {
      if (typeof role !== 'string' || !role.startsWith('@'))
        throw new Error(`default access of role '${String(role)}' has no first-order reading: only a joiner's default access (Default(u, i)) is lifted`);
      return [S.fresh('Part', undefined, [], role.slice(1)).id];
    },
  });
  const owner: PatientSpec = {
    id: OWNER,
    get files() { return list('File'); },
    get partitions() { return list('Part'); },
    defaultAccess,
  };
  return {
    name,
    patients: [owner],
    get users() { return users(); },
    get files() { return list('File'); },
    get partitions() { return list('Part'); },
  };
}
