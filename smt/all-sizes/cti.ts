// The smallest counterexample to induction of a failed proof, as a marking in the report's
// notation: a state satisfying the invariant, a firing of the named case, and a clause false
// after it. Sizes grow one element at a time (a principal, a file, a partition), so the first
// model found is a smallest one.
import { type F, disj, eq, factOf, forall } from './fo.js';
import { type Candidate, type Ctx, caseQuery, prime, skolemNeg } from './houdini.js';
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

function sizes(max: number): Array<Record<FoSort, number>> {
  const out: Array<Record<FoSort, number>> = [];
  for (let n = 3; n <= max; n++)
    for (let p = 1; p <= n - 2; p++)
      for (let f = 1; f <= n - p - 1; f++) out.push({ Prin: p, File: f, Part: n - p - f });
  return out;
}

export async function smallestCti(ctx: Ctx, kept: readonly Candidate[], goal: Candidate, c: Case, maxElements = 7): Promise<Cti | undefined> {
  for (const size of sizes(maxElements)) {
    const q = caseQuery(ctx, c, `${ctx.label}/cti.${goal.key.replace(/[^A-Za-z0-9_.-]+/g, '_')}.${size.Prin}-${size.File}-${size.Part}`, [...kept, goal]);
    const els: Record<FoSort, string[]> = { Prin: [], File: [], Part: [] };
    for (const s of ['Prin', 'File', 'Part'] as FoSort[]) {
      for (let k = 0; k < size[s]; k++) {
        els[s].push(`e_${s}_${k}`);
        q.constant(`e_${s}_${k}`, s);
      }
      q.assert(`the universe has ${size[s]} ${s}`, forall([['z', s]], disj(...els[s].map((e) => eq('z', e)))));
    }
    const g: F = skolemNeg(prime(goal.f, c.writes), q, 'bad');
    q.assert(`the clause fails after the firing: ${goal.source}`, g);
    const terms: string[] = [];
    const want: Array<{ what: 'fact' | 'eq' | 'kind'; rel: string; args: string[] }> = [];
    const tuples = (sorts: readonly FoSort[]): string[][] => sorts.reduce<string[][]>((acc, s) => acc.flatMap((a) => els[s].map((e) => [...a, e])), [[]]);
    for (const [rel, sorts] of ctx.R.sig) for (const t of tuples(sorts)) { terms.push(sorts.length ? `(|${rel}| ${t.join(' ')})` : `|${rel}|`); want.push({ what: 'fact', rel, args: t }); }
    for (const e of els.Prin) for (const k of ['Joiner', 'Outsider']) { terms.push(`(${k} ${e})`); want.push({ what: 'kind', rel: k, args: [e] }); }
    const consts = new Map<string, FoSort>([['P', 'Prin'], ...c.consts.map((k) => [k.id, k.sort] as const)]);
    for (const [name, s] of consts) for (const e of els[s]) { terms.push(`(= ${name} ${e})`); want.push({ what: 'eq', rel: name, args: [e] }); }
    const bads = [...q.text().matchAll(/\(declare-const (bad_\w+) (\w+)\)/g)].map((m) => [m[1], m[2] as FoSort] as const);
    for (const [b, s] of bads) for (const e of els[s]) { terms.push(`(= ${b} ${e})`); want.push({ what: 'eq', rel: b, args: [e] }); }
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
    for (const e of els.Prin) {
      if (e === ownerEl) { name.set(e, 'P'); continue; }
      const joiner = want.some((w, k) => w.what === 'kind' && w.rel === 'Joiner' && w.args[0] === e && val(k));
      name.set(e, joiner ? `u${++nj}` : `o${++no}`);
    }
    els.File.forEach((e, k) => name.set(e, `f${k + 1}`));
    els.Part.forEach((e, k) => name.set(e, `i${k + 1}`));
    const valueOf = (c0: string) => name.get(want.find((w, k) => w.what === 'eq' && w.rel === c0 && val(k))?.args[0] ?? '') ?? c0;
    const marking = want.flatMap((w, k) => (w.what === 'fact' && val(k) ? [factOf(w.rel, w.args.map((a) => name.get(a)!))] : [])).sort();
    let firing = c.id;
    for (const k of c.consts) firing = firing.split(k.id).join(valueOf(k.id));
    const at = bads.map(([b]) => `${b.replace(/^bad_/, '')}=${valueOf(b)}`).join(', ');
    const kinds = [...name.values()].filter((n) => n !== 'P' && /^[uo]/.test(n)).map((n) => `${n} ${n.startsWith('u') ? 'joiner' : 'outsider'}`);
    const result: Cti = {
      sizes: size, marking, kinds, firing, fails: `${goal.source}${at ? ` at ${at}` : ''}`,
      text: `smallest counterexample to induction (${size.Prin} principal${size.Prin > 1 ? 's' : ''} with the owner P${kinds.length ? `: ${kinds.join(', ')}` : ''}; ${size.File} file, ${size.Part} partition${size.Part > 1 ? 's' : ''}): in the marking {${marking.join(', ')}}, which satisfies the invariant, firing ${firing} breaks ${goal.source}${at ? ` at ${at}` : ''}`,
    };
    return result;
  }
  return undefined;
}

