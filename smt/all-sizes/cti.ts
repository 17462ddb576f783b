// The smallest counterexample to induction of a failed proof, as a marking in the report's
// notation: a state satisfying the invariant, a firing of the named case, and a clause false
// after it. Sizes grow one element at a time (a principal, a file, a partition), so the first
// model found is a smallest one. The same search gives the smallest marking of any satisfiable
// query (premise.ts: a state of the invariant that meets a premise).
import { type F, disj, eq, factOf, forall, smt } from './fo.js';
import { type Candidate, type Ctx, caseQuery, prime, skolemNeg, weaken } from './houdini.js';
import type { Query } from './query.js';
import type { Case } from './reading.js';
import { Session, SolverTimeout } from '../z3.js';
import type { FoSort } from './symbolic.js';

export interface Cti {
  readonly sizes: Readonly<Record<FoSort, number>>;
  /** the marking before the firing, as facts */
  readonly marking: readonly string[];
  readonly kinds: readonly string[];
  /** the firing, at the marking's ids */
  readonly firing: string;
  /** the clause that fails after the firing, and at which ids */
  readonly fails: string;
  readonly text: string;
}

/** A finite model of a query, read back: the marking, the principals' kinds, and the constants' values. */
export interface SmallModel {
  readonly sizes: Readonly<Record<FoSort, number>>;
  readonly marking: readonly string[];
  readonly kinds: readonly string[];
  /** the element (named as in the marking) a constant of the query stands for */
  readonly valueOf: (constant: string) => string;
}

/** The sizes a smallest model is searched among, in the order they are asked: by total number of principals, files and partitions, then patients, principals, files. */
export function scanSizes(max: number, patients: boolean): Array<Record<FoSort, number>> {
  const out: Array<Record<FoSort, number>> = [];
  // the patient-sorted reading: one or two patients, each also a principal (own), and the users
  for (let n = 3; n <= max; n++)
    for (const pa of patients ? [1, 2] : [0])
      for (let p = Math.max(1, pa); p <= n - 2; p++)
        for (let f = 1; f <= n - p - 1; f++) out.push({ Prin: p, File: f, Part: n - p - f, Patient: pa });
  return out;
}

const SORTS: readonly FoSort[] = ['Patient', 'Prin', 'File', 'Part'];
/** `a` has at most as many elements of each sort as `b` */
const within = (a: Readonly<Record<FoSort, number>>, b: Readonly<Record<FoSort, number>>) => SORTS.every((s) => a[s] <= b[s]);
const join = (a: Readonly<Record<FoSort, number>>, b: Readonly<Record<FoSort, number>>) => Object.fromEntries(SORTS.map((s) => [s, Math.max(a[s], b[s])])) as Record<FoSort, number>;
const elements = (s: Readonly<Record<FoSort, number>>) => s.Prin + s.File + s.Part;

const PATIENT_NAMES = ['A', 'B', 'C'];

/** The universe closed to `size`: a constant per element, and each sort's elements are those constants (at most that many: they may coincide). */
function closeTo(size: Record<FoSort, number>, patients: boolean): { els: Record<FoSort, string[]>; closure: Array<{ where: string; f: F }> } {
  const els: Record<FoSort, string[]> = { Prin: [], File: [], Part: [], Patient: [] };
  const closure: Array<{ where: string; f: F }> = [];
  for (const s of (patients ? ['Patient', 'Prin', 'File', 'Part'] : ['Prin', 'File', 'Part']) as FoSort[]) {
    for (let k = 0; k < size[s]; k++) els[s].push(`e_${s}_${k}`);
    closure.push({ where: `the universe has ${size[s]} ${s}`, f: forall([['z', s]], disj(...els[s].map((e) => eq('z', e)))) });
  }
  return { els, closure };
}

/**
 * Which sizes the query has no model of, asked in one context: the query once, then per question
 * (push) the elements and closure of a size (check-sat) (pop). Only `unsat` is taken from here (no
 * model of at most that many elements, whatever the context asked before); every other answer, and
 * the model read back, comes from the size's query asked alone, exactly as without the scan.
 *
 * Why no model at a size settles every size below it, sort by sort (Patient, Prin, File, Part): a
 * size's closure `∀z. z = e_0 ∨ … ∨ e_(k-1)` says only that the sort has at most k elements. The
 * `e_i` are fresh constants that nothing keeps apart (they may coincide), the query is the same
 * at every size, and a sort is never empty in SMT-LIB, so no assertion asks for more elements as
 * the size grows: a model with at most k elements of each sort is a model at every size with at
 * least k of each (the further `e_i` name elements already there). So "no model at S" implies no
 * model at any S' ≤ S. The query is checked in the decidable fragment before it is sent, and the
 * answer taken is z3's `unsat`.
 *
 * The order of the questions: for the first size not yet settled, the sizes that follow it in the
 * search order, as long as their join (the most elements of each sort among them) stays within the
 * search's bound and is above no size known to have a model, asked as that one join; no model there
 * settles all of them at once. Otherwise (the join has a model, or the first size is the whole
 * block) the size is asked on its own, as before. A join not found unsat is not asked again, nor a
 * join above it. A model the scan finds is read for how many elements of each sort it has (the
 * closure makes them the values of the `e_i`): a size with at least as many of each has a model too,
 * so it is asked alone at once, and no join above it is asked. Which sizes the scan settles changes,
 * never the size asked alone that has the model, nor its query: that one is below no size found
 * unsat, and every size before it in the order is still settled or asked alone.
 */
class NoModelScan {
  private s?: Session;
  private dead = false;
  /** sizes found without a model: every size within one of them has none */
  private readonly none: Array<Record<FoSort, number>> = [];
  /** joins asked that were not found unsat */
  private readonly tried: Array<Record<FoSort, number>> = [];
  /** the sizes of the models the scan found: every size with at least as many elements of each sort has one */
  private readonly models: Array<Record<FoSort, number>> = [];
  constructor(private readonly base: Query, private readonly timeoutSeconds: number, private readonly all: ReadonlyArray<Record<FoSort, number>>, private readonly bound: number, private readonly patients: boolean) {}

  /** Whether the k-th size of the order has no model (false: not known, or known to have one: ask it alone). */
  async unsat(k: number): Promise<boolean> {
    const size = this.all[k];
    if (this.none.some((n) => within(size, n))) return true;
    const hasModel = () => this.models.some((m) => within(m, size));
    if (this.dead || hasModel()) return false;
    const block = this.blockFrom(k);
    if (block && !this.tried.some((t) => within(t, block))) {
      if (await this.ask(block)) return true;
      this.tried.push(block);
      if (this.dead || hasModel()) return false;
    }
    return this.ask(size);
  }

  /** The join of the k-th size and those after it, as far as it stays within the bound and above no size with a model; undefined when that is the k-th size itself. */
  private blockFrom(k: number): Record<FoSort, number> | undefined {
    let j = this.all[k];
    for (let i = k + 1; i < this.all.length; i++) {
      const next = join(j, this.all[i]);
      if (elements(next) > this.bound || this.models.some((m) => within(m, next))) break;
      j = next;
    }
    return within(j, this.all[k]) ? undefined : j;
  }

  private async ask(size: Record<FoSort, number>): Promise<boolean> {
    try {
      if (!this.s) {
        const text = this.base.text();
        // one size's limit per question: at most two a size
        this.s = await Session.open(this.timeoutSeconds * 2 * this.all.length, this.timeoutSeconds);
        await this.s.send(text);
      }
      const { els, closure } = closeTo(size, this.patients);
      const decls = (Object.entries(els) as Array<[FoSort, string[]]>).flatMap(([s, es]) => es.map((e) => `(declare-const ${e} ${s})`));
      const a = await this.s.check(`(push 1)\n${decls.join('\n')}\n${closure.map((c) => `(assert ${smt(c.f)})`).join('\n')}\n(check-sat)\n`);
      if (a === 'sat') {
        // the model's elements of each sort are the values of that sort's e_i (the closure): count them
        const names = Object.values(els).flat();
        const out = await this.s.send(`(get-value (${names.join(' ')}))\n`);
        const value = new Map([...out.matchAll(/\((e_\w+) ([^()\s]+)\)/g)].map((m) => [m[1], m[2]] as const));
        if (names.every((e) => value.has(e)))
          this.models.push({ ...size, ...Object.fromEntries((Object.entries(els) as Array<[FoSort, string[]]>).map(([so, es]) => [so, new Set(es.map((e) => value.get(e))).size])) });
      }
      await this.s.send('(pop 1)\n');
      if (a === 'unsat') this.none.push(size);
      return a === 'unsat';
    } catch (e) {
      if (!(e instanceof SolverTimeout)) throw e;
      // past the scan's limit, or one question's: the sizes not settled yet are asked alone
      this.close();
      this.dead = true;
      return false;
    }
  }

  close(): void {
    this.s?.close();
    this.s = undefined;
  }
}

/**
 * The smallest model of the query `build` makes (asked once per size, smallest first), its
 * universe closed to that size; `consts` are the query's constants whose values are read back.
 */
export async function smallestModel(ctx: Ctx, build: (tag: string) => Query, consts: ReadonlyMap<string, FoSort>, maxElements = 7): Promise<SmallModel | undefined> {
  const patients = ctx.R.patients;
  const all = scanSizes(maxElements, patients);
  const scan = new NoModelScan(build('scan'), ctx.timeoutSeconds, all, maxElements, patients);
  try {
    return await smallestOf(ctx, build, consts, all, scan);
  } finally {
    scan.close();
  }
}

async function smallestOf(ctx: Ctx, build: (tag: string) => Query, consts: ReadonlyMap<string, FoSort>, order: ReadonlyArray<Record<FoSort, number>>, scan: NoModelScan): Promise<SmallModel | undefined> {
  const patients = ctx.R.patients;
  for (const [k, size] of order.entries()) {
    if (await scan.unsat(k)) continue;
    const q = build(`${patients ? `${size.Patient}-` : ''}${size.Prin}-${size.File}-${size.Part}`);
    const { els, closure } = closeTo(size, patients);
    for (const s of (patients ? ['Patient', 'Prin', 'File', 'Part'] : ['Prin', 'File', 'Part']) as FoSort[]) for (const e of els[s]) q.constant(e, s);
    for (const c of closure) q.assert(c.where, c.f);
    const terms: string[] = [];
    const want: Array<{ what: 'fact' | 'eq' | 'kind'; rel: string; args: string[] }> = [];
    const tuples = (sorts: readonly FoSort[]): string[][] => sorts.reduce<string[][]>((acc, s) => acc.flatMap((a) => els[s].map((e) => [...a, e])), [[]]);
    for (const [rel, sorts] of ctx.R.sig) for (const t of tuples(sorts)) { terms.push(sorts.length ? `(|${rel}| ${t.join(' ')})` : `|${rel}|`); want.push({ what: 'fact', rel, args: t }); }
    if (patients)
      for (const p of els.Patient) {
        for (const e of els.Prin) for (const k of ['Joiner', 'Outsider']) { terms.push(`(${k} ${p} ${e})`); want.push({ what: 'kind', rel: k, args: [p, e] }); }
        for (const e of els.Prin) { terms.push(`(= (own ${p}) ${e})`); want.push({ what: 'eq', rel: `own ${p}`, args: [e] }); }
      }
    else for (const e of els.Prin) for (const k of ['Joiner', 'Outsider']) { terms.push(`(${k} ${e})`); want.push({ what: 'kind', rel: k, args: [e] }); }
    const all = new Map<string, FoSort>([...(patients ? [] : [['P', 'Prin'] as const]), ...consts]);
    for (const [name, s] of all) for (const e of els[s]) { terms.push(`(= ${name} ${e})`); want.push({ what: 'eq', rel: name, args: [e] }); }
    const text = q.text();
    const s = await Session.open(ctx.timeoutSeconds);
    let vals: string[] = [];
    try {
      const a = await s.check(text + '(check-sat)\n');
      if (a !== 'sat') continue;
      const out = await s.send(`(get-value (${terms.join(' ')}))\n`);
      vals = [...out.matchAll(/\s(true|false)\)/g)].map((m) => m[1]);
    } catch (e) {
      if (!(e instanceof SolverTimeout)) throw e;
      continue;
    } finally {
      s.close();
    }
    const val = (k: number) => vals[k] === 'true';
    // names: the owner P, joiners u1.., outsiders o1.., files f1.., partitions i1..
    const name = new Map<string, string>();
    const ownerEl = els.Prin.find((e) => want.some((w, k) => w.what === 'eq' && w.rel === 'P' && w.args[0] === e && val(k)));
    let nj = 0, no = 0;
    if (patients) {
      // a patient and its principal share a name, as in the model (A holds sk(A)); users u1.., with their kind per patient
      els.Patient.forEach((p, k) => name.set(p, PATIENT_NAMES[k]));
      const ownOf = (e: string) => els.Patient.find((p) => want.some((w, k) => w.what === 'eq' && w.rel === `own ${p}` && w.args[0] === e && val(k)));
      let nu = 0;
      const kinds: string[] = [];
      for (const e of els.Prin) {
        const p = ownOf(e);
        if (p) { name.set(e, name.get(p)!); continue; }
        name.set(e, `u${++nu}`);
        kinds.push(`u${nu} ${els.Patient.map((q) => `${want.some((w, k) => w.what === 'kind' && w.rel === 'Joiner' && w.args[0] === q && w.args[1] === e && val(k)) ? 'joiner' : 'outsider'} of ${name.get(q)}`).join(', ')}`);
      }
      els.File.forEach((e, k) => name.set(e, `f${k + 1}`));
      els.Part.forEach((e, k) => name.set(e, `i${k + 1}`));
      const valueOf = (c0: string) => name.get(want.find((w, k) => w.what === 'eq' && w.rel === c0 && val(k))?.args[0] ?? '') ?? c0;
      const marking = want.flatMap((w, k) => (w.what === 'fact' && val(k) ? [factOf(w.rel, w.args.map((a) => name.get(a)!))] : [])).sort();
      return { sizes: size, marking, kinds, valueOf };
    }
    for (const e of els.Prin) {
      if (e === ownerEl) { name.set(e, 'P'); continue; }
      const joiner = want.some((w, k) => w.what === 'kind' && w.rel === 'Joiner' && w.args[0] === e && val(k));
      name.set(e, joiner ? `u${++nj}` : `o${++no}`);
    }
    els.File.forEach((e, k) => name.set(e, `f${k + 1}`));
    els.Part.forEach((e, k) => name.set(e, `i${k + 1}`));
    const valueOf = (c0: string) => name.get(want.find((w, k) => w.what === 'eq' && w.rel === c0 && val(k))?.args[0] ?? '') ?? c0;
    const marking = want.flatMap((w, k) => (w.what === 'fact' && val(k) ? [factOf(w.rel, w.args.map((a) => name.get(a)!))] : [])).sort();
    const kinds = [...name.values()].filter((n) => n !== 'P' && /^[uo]/.test(n)).map((n) => `${n} ${n.startsWith('u') ? 'joiner' : 'outsider'}`);
    return { sizes: size, marking, kinds, valueOf };
  }
  return undefined;
}

/** How a small model's universe reads: "2 principals with the owner P: u1 joiner; 1 file, 1 partition". */
export const sizeText = (m: SmallModel) => m.sizes.Patient
  ? `${m.sizes.Patient} patient${m.sizes.Patient > 1 ? 's' : ''} (${PATIENT_NAMES.slice(0, m.sizes.Patient).join(', ')}), ${m.sizes.Prin - m.sizes.Patient} user${m.sizes.Prin - m.sizes.Patient === 1 ? '' : 's'}${m.kinds.length ? `: ${m.kinds.join('; ')}` : ''}; ${m.sizes.File} file${m.sizes.File > 1 ? 's' : ''}, ${m.sizes.Part} partition${m.sizes.Part > 1 ? 's' : ''}`
  : `${m.sizes.Prin} principal${m.sizes.Prin > 1 ? 's' : ''} with the owner P${m.kinds.length ? `: ${m.kinds.join(', ')}` : ''}; ${m.sizes.File} file, ${m.sizes.Part} partition${m.sizes.Part > 1 ? 's' : ''}`;

export async function smallestCti(ctx: Ctx, kept: readonly Candidate[], goal: Candidate, c: Case, maxElements = 7): Promise<Cti | undefined> {
  let bads: Array<readonly [string, FoSort]> = [];
  const build = (tag: string) => {
    const q = caseQuery(ctx, c, `${ctx.label}/cti.${goal.key.replace(/[^A-Za-z0-9_.-]+/g, '_')}.${tag}`, [...kept, { ...goal, assume: goal.assume ?? weaken(goal.f) }]);
    const g: F = skolemNeg(prime(goal.f, c.writes), q, 'bad');
    q.assert(`the clause fails after the firing: ${goal.source}`, g);
    bads = [...q.text().matchAll(/\(declare-const (bad_\w+) (\w+)\)/g)].map((m) => [m[1], m[2] as FoSort] as const);
    return q;
  };
  // the Skolem constants of the failing clause are known once the query is built: build it once to learn them
  build('names');
  const consts = new Map<string, FoSort>([...c.consts.map((k) => [k.id, k.sort] as const), ...bads]);
  const m = await smallestModel(ctx, build, consts, maxElements);
  if (!m) return undefined;
  let firing = c.id;
  for (const k of c.consts) firing = firing.split(k.id).join(m.valueOf(k.id));
  const at = bads.map(([b]) => `${b.replace(/^bad_/, '')}=${m.valueOf(b)}`).join(', ');
  return {
    sizes: m.sizes, marking: m.marking, kinds: m.kinds, firing, fails: `${goal.source}${at ? ` at ${at}` : ''}`,
    text: `smallest counterexample to induction (${sizeText(m)}): in the marking {${m.marking.join(', ')}}, which satisfies the invariant, firing ${firing} breaks ${goal.source}${at ? ` at ${at}` : ''}`,
  };
}
