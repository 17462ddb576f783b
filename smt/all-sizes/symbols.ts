// The symbols of a symbolic universe (symbolic.ts, and the patient-sorted reading, patients.ts):
// their sorts, the kinds of a principal, and the table of one instantiation, each id with what it
// stands for.

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
