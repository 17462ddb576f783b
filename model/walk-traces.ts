// Traces by random walks, for a net whose breadth-first exploration stopped at its bound before
// reaching a violation of an invariant or a witness of a reachability property. A walk that meets
// one is a run of the net, so its path is a trace like the explorer's, only not a shortest one:
// it is shortened before it is returned (loops cut, then any single firing whose removal leaves a
// run that still meets the property dropped, until none is). Finding nothing concludes nothing.
import { type Compiled, compile } from './compile.js';
import { enabledFast, fireInto } from './firing.js';
import { traceOf, type Trace } from './explore.js';
import { type Marking, m0Of } from './marking.js';
import type { GroundTransition, Net } from './net.js';
import type { Property } from './properties.js';
import { type WalkOptions, fastOf, randomWalks } from './walks.js';

export interface WalkTrace {
  readonly id: string;
  /** a violation of an invariant, or a witness of a reachability property */
  readonly kind: 'violated' | 'witness';
  readonly trace: Trace;
  /** firings of the walk's path before it was shortened */
  readonly walked: number;
}

/** Whether m is what the search looks for: an invariant false, a reachability statement true. */
const meets = (p: Property, test: Compiled, m: Marking) => {
  const v = test(m, undefined, new Map());
  return p.kind === 'invariant' ? !v : v;
};

/** The firings of `path` from M0 up to the first marking that meets the property; undefined if a firing is not enabled or none does. */
function runTo(net: Net, path: readonly GroundTransition[], hit: (m: Marking) => boolean): GroundTransition[] | undefined {
  let m = m0Of(net).slice(), next = new Uint32Array(m.length);
  if (hit(m)) return [];
  for (let k = 0; k < path.length; k++) {
    const ft = fastOf(net, path[k]);
    if (!enabledFast(ft, m, new Map())) return undefined;
    fireInto(ft, m, next);
    [m, next] = [next, m];
    if (hit(m)) return path.slice(0, k + 1);
  }
  return undefined;
}

/** Loops cut (a marking met twice: the firings between dropped), then single firings dropped while the run still meets the property. */
function shorten(net: Net, path: readonly GroundTransition[], hit: (m: Marking) => boolean): GroundTransition[] {
  const seen = new Map<string, number>();
  const noLoops: GroundTransition[] = [];
  let m = m0Of(net).slice(), next = new Uint32Array(m.length);
  seen.set(m.join(), 0);
  for (const t of path) {
    fireInto(fastOf(net, t), m, next);
    [m, next] = [next, m];
    noLoops.push(t);
    const key = m.join();
    const at = seen.get(key);
    if (at !== undefined) {
      // back at a marking met after `at` firings: the loop goes, and with it the markings it met
      noLoops.length = at;
      for (const [k, v] of seen) if (v > at) seen.delete(k);
    } else seen.set(key, noLoops.length);
  }
  let best = runTo(net, noLoops, hit) ?? [...path];
  for (let k = best.length - 1; k >= 0; k--) {
    const shorter = runTo(net, [...best.slice(0, k), ...best.slice(k + 1)], hit);
    // a firing dropped: scan again from the end of the shorter run
    if (shorter) { best = shorter; k = best.length; }
  }
  return best;
}

/**
 * For each state property of `props` (invariants and reachability; step properties are the
 * explorer's), the shortened path of the first seeded walk that meets it, if any walk does.
 */
export function walkTraces(net: Net, props: readonly Property[], opts: WalkOptions = {}): WalkTrace[] {
  const open = props.filter((p) => p.kind === 'invariant' || p.kind === 'reachable').map((p) => ({ p, test: compile(net, p.statement(net)) }));
  const found = new Map<string, { path: GroundTransition[] }>();
  const paths: GroundTransition[] = [];
  randomWalks(net, opts, undefined, (m, _w, fired) => {
    if (fired === undefined) paths.length = 0;
    else paths.push(fired);
    for (const { p, test } of open) if (!found.has(p.id) && meets(p, test, m)) found.set(p.id, { path: [...paths] });
    return open.every(({ p }) => found.has(p.id));
  }, () => open.every(({ p }) => found.has(p.id)));
  return open.flatMap(({ p, test }) => {
    const f = found.get(p.id);
    if (!f) return [];
    const path = shorten(net, f.path, (m) => meets(p, test, m));
    return [{ id: p.id, kind: p.kind === 'invariant' ? 'violated' as const : 'witness' as const, trace: traceOf(net, path), walked: f.path.length }];
  });
}
