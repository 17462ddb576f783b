// The bounds every part of the suite runs under, and the hooks through which it speaks while it
// runs. A faulty implementation is exactly the case the suite exists for, so no stage may run
// unbounded on one: the reachable graph, the route search per coalition, the random runs and the
// shrinking of a failing run each stop at a bound, and every bound is reported with the results.
import { DEFAULT_MAX_STATES } from '../model/explore.js';
import type { Mismatch } from './oracle.js';

export interface Limits {
  /** reachable graph: states enumerated before the graph is cut (the cut is reported) */
  readonly maxStates: number;
  /** reader: (key, ciphertext) attempts per coalition per state before the search stops */
  readonly maxRouteAttempts: number;
  /** random runs: commands per fast-check run */
  readonly maxCommands: number;
  /** seconds spent shrinking failing random runs, over the whole suite */
  readonly shrinkSeconds: number;
}

export const DEFAULT_LIMITS: Limits = {
  // `small` has a few thousand reachable states per configuration, `two-patients` up to about
  // 4.2 million (adversarial); `paper` is never enumerated (it is cut here and gets fast-check).
  // The explorer's own default bound.
  maxStates: DEFAULT_MAX_STATES,
  // The honest implementation needs a few thousand attempts per coalition on `paper`.
  maxRouteAttempts: 200_000,
  maxCommands: 100,
  shrinkSeconds: 30,
};

/** Where a stage stopped at a bound (reported; a stage cut short never passes silently). */
export interface BoundReached {
  /** a limit of the run, its time budget, or the explorer's memory bound (model/explore.ts) */
  readonly bound: keyof Limits | 'timeBudget' | 'memory';
  readonly where: string;
  readonly detail: string;
}

/** The route-search bound reached `stops` times in a stage (`where`): the one form every stage reports it in. */
export const routeStopsReached = (where: string, stops: number, maxRouteAttempts: number): BoundReached =>
  ({ bound: 'maxRouteAttempts', where, detail: `${stops} state checks stopped a route search at ${maxRouteAttempts} attempts` });

/** A running stage: `done` of `total` units (paths, runs, states), for a progress display. */
export interface ProgressEvent {
  readonly stage: 'graph' | 'paths' | 'traces' | 'random' | 'shrink';
  /** configuration name (profile/variant/policy) */
  readonly config: string;
  readonly done: number;
  readonly total?: number;
  readonly note?: string;
}

export interface Hooks {
  /** the first mismatch of each stage, the moment it is found (before any shrinking) */
  readonly onMismatch?: (m: Mismatch, where: { config: string; stage: string }) => void;
  readonly onProgress?: (e: ProgressEvent) => void;
}

/** One line naming where a mismatch is and what each side says (no secret bytes: token names only). */
export function describeMismatch(m: Mismatch): string {
  const at = `${m.path} step ${m.step} (${m.event ?? 'initial state'})`;
  return `${at}: ${m.kind} mismatch for ${m.party}${m.file ? ` on ${m.file}/${m.partition}` : ''}: model says ${m.model}; the implementation's bytes: ${m.impl}`;
}
