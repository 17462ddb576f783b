// Coverage, measured from what runs actually did (never assumed from what was selected): which
// transitions fired, which guard outcomes were exercised (enabled / disabled / one conjunct
// false), which refusal reasons were seen, which property states were visited.
import { compile, type Compiled } from '../model/compile.js';
import type { Marking } from '../model/marking.js';
import type { Net } from '../model/net.js';
import type { StepObservation } from './run.js';
import { type Classifier, type TargetKind, classifier, conjuncts, effectTests, propertyStates } from './targets.js';

export interface CoverageRow {
  readonly kind: TargetKind;
  /** items of this kind reachable in the model (undefined when the state space was not enumerated) */
  readonly reachable?: number;
  readonly covered: number;
  /** reachable but not covered (ids) */
  readonly missing: string[];
}

export const KIND_NAMES: Record<TargetKind, string> = {
  fire: 'transitions fired',
  effect: 'effects observable (del present, when true)',
  disabled: 'guards seen false (event refused)',
  conjunct: 'single conjunct false (MC/DC)',
  reason: 'R-request refusal reasons',
  state: 'property states visited',
};

export class Coverage {
  readonly seen = new Map<string, number>();
  readonly cls: Classifier;
  private readonly conj = new Map<string, Compiled[]>();
  private readonly effects = new Map<string, ReturnType<typeof effectTests>>();
  private readonly states: Array<{ id: string; test: (m: Marking) => boolean }>;

  constructor(readonly net: Net) {
    this.cls = classifier(net);
    this.states = propertyStates(net);
  }

  private mark(id: string): void {
    this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
  }

  observeState(m: Marking): void {
    for (const s of this.states) if (s.test(m)) this.mark(s.id);
  }

  observe(o: StepObservation): void {
    const id = o.t.id;
    if (o.enabled) {
      this.mark(`fire:${id}`);
      let eff = this.effects.get(id);
      if (!eff) this.effects.set(id, (eff = effectTests(this.net, o.t)));
      for (const [f, test] of eff) if (test(o.before)) this.mark(`effect:${id}:${f}`);
      if (o.t.rule.name === 'D_R_F' && o.refusal) this.mark(`reason:${id}:${o.refusal}`);
    } else {
      this.mark(`disabled:${id}`);
      let cs = this.conj.get(id);
      if (!cs) this.conj.set(id, (cs = conjuncts(o.t.guard).map((c) => compile(this.net, c))));
      const falses = cs.map((c, k) => (c(o.before) ? -1 : k)).filter((k) => k >= 0);
      if (cs.length > 1 && falses.length === 1) this.mark(`conjunct:${id}:${falses[0]}`);
    }
    this.observeState(o.after);
  }

  /** Per kind: reachable (if known), covered, and what is missing. */
  table(reachable?: ReadonlySet<string>): CoverageRow[] {
    const kinds = Object.keys(KIND_NAMES) as TargetKind[];
    return kinds.map((kind) => {
      const ids = this.cls.targets.filter((t) => t.kind === kind).map((t) => t.id);
      const universe = reachable ? ids.filter((x) => reachable.has(x)) : ids;
      const covered = universe.filter((x) => this.seen.has(x));
      return {
        kind, reachable: reachable ? universe.length : undefined, covered: covered.length,
        missing: reachable ? universe.filter((x) => !this.seen.has(x)) : [],
      };
    });
  }
}
