// Bounded model checking of a slice, written to be driven incrementally: step k declares one
// selector and the state after it, then `(push) bad@k (check-sat) (pop)`. Iterative deepening
// gives the shortest counterexample and reuses everything the solver learnt at smaller depths.
//  - the selector of step k is a bit-vector naming the transition fired; the value n (one past
//    the last transition) is the explicit no-op, so a run of depth k covers every depth <= k;
//  - explanatory frame axioms: f@k = (f@k-1 ∧ ¬deleted@k) ∨ added@k, where added/deleted are
//    disjunctions over the selector values (and the conditions of conditional effects, read on
//    the pre-marking): deletions before additions, as model/marking.ts fires;
//  - each selector value implies its transition's guard on the previous state.
import type { Bad } from './chc.js';
import type { Slice } from './slice.js';
import { type Namer, sym, toSmt } from './term.js';

export class BmcScript {
  readonly width: number;
  /** the selector value meaning "no transition fired" */
  readonly stutter: number;

  /** `freeInit`: step 0 is any state (for one-step induction), not M0. */
  constructor(readonly sl: Slice, readonly bad: Bad, readonly freeInit = false) {
    this.stutter = sl.transitions.length;
    this.width = Math.max(1, Math.ceil(Math.log2(this.stutter + 1)));
  }

  static stateVar = (f: string, k: number) => sym(`${f}@${k}`);
  static selVar = (k: number) => `sel@${k}`;
  /** The state at step k as a namer: each fact's name is made once, however many formulas a caller prints with it. */
  static at(k: number): Namer {
    const names = new Map<string, string>();
    return { fact: (f) => names.get(f) ?? names.set(f, BmcScript.stateVar(f, k)).get(f)! };
  }
  private is = (k: number, idx: number) => `(= ${BmcScript.selVar(k)} (_ bv${idx} ${this.width}))`;

  prelude(): string {
    const out = ['(set-option :produce-models true)', '; step 0: ' + (this.freeInit ? 'any state' : 'M0')];
    for (const f of this.sl.vars)
      out.push(this.freeInit ? `(declare-const ${BmcScript.stateVar(f, 0)} Bool)` : `(define-fun ${BmcScript.stateVar(f, 0)} () Bool ${this.sl.init.get(f)})`);
    return out.join('\n') + '\n';
  }

  step(k: number): string {
    const sel = BmcScript.selVar(k);
    const pre = BmcScript.at(k - 1);
    const fires = this.sl.transitions.map((_, idx) => this.is(k, idx));
    const out = [`; step ${k}`, `(declare-const ${sel} (_ BitVec ${this.width}))`, `(assert (bvule ${sel} (_ bv${this.stutter} ${this.width})))`];
    this.sl.transitions.forEach((ft, idx) => {
      if (!(ft.guard.t === 'const' && ft.guard.v)) out.push(`(assert (=> ${fires[idx]} ${toSmt(ft.guard, pre)})) ; ${ft.t.id}`);
    });
    // Each fact's additions and deletions, read off the transitions in one walk a step (in the
    // transitions' order, each transition's own effect before its conditional ones), so that each
    // selector test and each condition is printed once a step, not once for every state variable.
    const added = new Map<string, string[]>();
    const deleted = new Map<string, string[]>();
    const note = (to: Map<string, string[]>, facts: readonly string[], text: string) => {
      for (const f of new Set(facts)) (to.get(f) ?? to.set(f, []).get(f)!).push(text);
    };
    this.sl.transitions.forEach((ft, idx) => {
      note(added, ft.t.add, fires[idx]);
      note(deleted, ft.t.del, fires[idx]);
      for (const w of ft.when) {
        if (!w.add.length && !w.del.length) continue;
        const c = `(and ${fires[idx]} ${toSmt(w.if, pre)})`;
        note(added, w.add, c);
        note(deleted, w.del, c);
      }
    });
    for (const f of this.sl.vars) {
      const plus = added.get(f) ?? [];
      const minus = deleted.get(f) ?? [];
      const was = BmcScript.stateVar(f, k - 1);
      const kept = minus.length ? `(and ${was} (not ${orOf(minus)}))` : was;
      out.push(`(declare-const ${BmcScript.stateVar(f, k)} Bool)`);
      out.push(`(assert (= ${BmcScript.stateVar(f, k)} ${plus.length ? `(or ${kept} ${orOf(plus)})` : kept}))`);
    }
    return out.join('\n') + '\n';
  }

  /** The bad condition at depth k: a bad state after step k, or a bad step k. */
  badAt(k: number): string {
    if (this.bad.kind === 'state') return toSmt(this.bad.p, BmcScript.at(k));
    const index = new Map(this.sl.transitions.map((ft, idx) => [ft.t.id, idx] as const));
    const namer: Namer = {
      fact: (f) => BmcScript.stateVar(f, k - 1),
      pre: (f) => BmcScript.stateVar(f, k - 1),
      post: (f) => BmcScript.stateVar(f, k),
      fired: (id) => (index.has(id) ? this.is(k, index.get(id)!) : 'false'),
    };
    // a step property speaks of firings: the no-op step is not one
    return `(and (not ${this.is(k, this.stutter)}) ${toSmt(this.bad.p, namer)})`;
  }

  check(k: number): string {
    return `(push 1)\n(assert ${this.badAt(k)})\n(check-sat)\n`;
  }

  getValue(k: number): string {
    return `(get-value (${Array.from({ length: k }, (_, j) => BmcScript.selVar(j + 1)).join(' ')}))\n`;
  }

  /** Decodes `(get-value ...)` output at depth k into the indices of the fired transitions (no-op steps dropped). */
  decodeSelectors(out: string, k: number): number[] {
    const fired: number[] = [];
    const re = /\(sel@(\d+) (#b[01]+|#x[0-9a-fA-F]+|\(_ bv(\d+) \d+\))\)/g;
    const vals = new Map<number, number>();
    for (const m of out.matchAll(re)) {
      const v = m[3] !== undefined ? Number(m[3]) : m[2].startsWith('#b') ? parseInt(m[2].slice(2), 2) : parseInt(m[2].slice(2), 16);
      vals.set(Number(m[1]), v);
    }
    if (vals.size !== k) throw new Error(`expected ${k} selector values from the model, got ${vals.size}: ${out.slice(0, 200)}`);
    for (let j = 1; j <= k; j++) {
      const v = vals.get(j)!;
      if (v < this.stutter) fired.push(v);
    }
    return fired;
  }
}

const orOf = (xs: string[]) => (xs.length === 1 ? xs[0] : `(or ${xs.join(' ')})`);
