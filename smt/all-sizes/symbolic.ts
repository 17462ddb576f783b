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
import { type FoSort, type PrinKind, type Sym, OWNER, Symbols } from './symbols.js';

// the symbol table, for the reading's modules that read it through this one
export { FO_SORTS, OWNER, Symbols, depsOf, type FoSort, type PrinKind, type Sym } from './symbols.js';

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
