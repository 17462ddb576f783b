// Seeded random walks of a ground net from M0, firing by the explorer's rule (model/firing.ts).
// Breadth-first search proves and finds shortest traces, but on a large net it stops at its bound
// near M0; a walk goes deep at once. What a walk finds is only ever a run of the net: used to
// guess invariant candidates (smt/simulate.ts) and to find a trace the bounded search did not
// reach (walk-traces.ts), never to conclude that something holds.
import { type FastTransition, compileTransition, enabledFast, fireInto } from './firing.js';
import { type Marking, m0Of } from './marking.js';
import type { GroundTransition, Net } from './net.js';

export interface WalkOptions {
  readonly walks?: number;
  readonly length?: number;
  readonly seed?: number;
}

/** The walks of the sampling and of the trace search unless told otherwise. */
export const DEFAULT_WALKS = { walks: 300, length: 120, seed: 0x5e5b4 } as const;

/** xorshift32: small, seedable, good enough to pick among enabled transitions. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** The net's transitions compiled to masks, by index, as walks need them. */
const compiled = new WeakMap<Net, Array<FastTransition | undefined>>();
export function fastOf(net: Net, t: GroundTransition): FastTransition {
  let byIndex = compiled.get(net);
  if (!byIndex) compiled.set(net, (byIndex = []));
  return (byIndex[t.index] ??= compileTransition(net, t));
}

/**
 * Walks from M0 firing only `only` (default: every transition). `visit` hears M0 at the start of
 * each walk (fired undefined) and every marking a step reaches, with the transition fired; the
 * marking is a buffer the next step overwrites. `visit` returning true ends that walk; `stop`
 * returning true after a walk ends them all. Restricting the walks to a slice's transitions is
 * still a set of runs of the net (a choice among enabled transitions).
 */
export function randomWalks(net: Net, opts: WalkOptions, only: readonly GroundTransition[] | undefined,
  visit: (m: Marking, walk: number, fired: GroundTransition | undefined) => boolean | void, stop?: () => boolean): void {
  const walks = opts.walks ?? DEFAULT_WALKS.walks, length = opts.length ?? DEFAULT_WALKS.length;
  const rand = rng(opts.seed ?? DEFAULT_WALKS.seed);
  const pool = only ?? net.transitions;
  const fast = pool.map((t) => fastOf(net, t));
  // transitions that change nothing (D_R_F: a refused request) only waste steps
  const moves = pool.map((_, k) => k).filter((k) => pool[k].add.length + pool[k].del.length + pool[k].when.length > 0);
  const count = pool.map(() => 0);
  // prefer what has fired least: rare transitions (Grant, Revoke, ...) reach the corners of the
  // state space uniform choice almost never visits. weight[k] = 1 / (1 + times k fired), kept
  // beside the count instead of divided out again at every step
  const weight = pool.map(() => 1);
  const m0 = m0Of(net);
  const needsMemo = moves.some((k) => fast[k].rest.length > 0);
  // what the guards of one marking share (knowledge closures), emptied at each step
  const memo = needsMemo ? new Map<string, Set<string>>() : undefined;
  const enabled = new Int32Array(moves.length);
  let m = new Uint32Array(m0.length), next = new Uint32Array(m0.length);
  for (let w = 0; w < walks; w++) {
    m.set(m0);
    if (visit(m, w, undefined) === true) { if (stop?.()) return; continue; }
    for (let s = 0; s < length; s++) {
      memo?.clear();
      let n = 0;
      // the weights summed in the order enabled
      let total = 0;
      for (let i = 0; i < moves.length; i++) {
        const k = moves[i];
        if (enabledFast(fast[k], m, memo)) { enabled[n++] = k; total += weight[k]; }
      }
      if (n === 0) break;
      let pick = rand() * total;
      let chosen = enabled[n - 1];
      for (let j = 0; j < n; j++) if ((pick -= weight[enabled[j]]) <= 0) { chosen = enabled[j]; break; }
      weight[chosen] = 1 / (1 + ++count[chosen]);
      fireInto(fast[chosen], m, next);
      [m, next] = [next, m];
      if (visit(m, w, pool[chosen]) === true) break;
    }
    if (stop?.()) return;
  }
}
