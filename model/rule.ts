// What a rule of the net is: a named schema with its equation number, its arcs (the flow
// relation F at schema level), the paper's words, and a pure function from a binding of its
// variables to a ground guard and effect. Rules read like the paper; grounding is mechanical.
import type { Module, NetConfig, Profile } from './config.js';
import type { Prop } from './prop.js';
import { type Universe, severalPatients } from './universe.js';

/**
 * The sorts a rule variable ranges over. `patient` is a sort like the others: a rule about one
 * patient's data or members binds it first, and `joiner`, `outsider`, `file` and `partition` then
 * range over that patient's (its members-to-be, the users it has no role for, its files, its labels).
 */
export type Sort = 'patient' | 'principal' | 'user' | 'joiner' | 'outsider' | 'file' | 'partition';

export interface Effect {
  readonly add: readonly string[];
  readonly del: readonly string[];
}

/** A conditional effect: applied when its condition holds in the marking before firing. */
export interface WhenEffect extends Effect {
  readonly if: Prop;
}

export interface Ground extends Effect {
  readonly guard: Prop;
  readonly when?: readonly WhenEffect[];
}

export type Binding = Readonly<Record<string, string>>;

export interface Ctx {
  readonly U: Universe;
  readonly cfg: NetConfig;
}

export interface Rule {
  readonly name: string;
  /** the paper's equation number (Section 5), absent for extensions */
  readonly eq?: number;
  /** the least profile that has this rule */
  readonly profile: Profile;
  /** the optional module (NetConfig.modules) that brings this rule; absent: part of every net of its profile */
  readonly module?: Module;
  /** whether the rule is part of a net over this universe and configuration (absent: always,
   *  within its profile and module); the lifecycle parts a universe opts into use it */
  readonly applies?: (ctx: Ctx) => boolean;
  /** the variables and their sorts, in binding order */
  readonly params: readonly (readonly [string, Sort])[];
  /** input and output places (schema-level F); a test checks every ground instance stays inside them */
  readonly arcs: { readonly in: readonly string[]; readonly out: readonly string[] };
  /** what the paper prints or says (or, for an extension, the section it comes from) */
  readonly paper: string;
  /** our reading of the guard and the effect, in words */
  readonly reading: string;
  /** ids of the documented defect resolutions this rule depends on (model/defects.ts) */
  readonly defects?: readonly string[];
  /** the ground guard and effect; null when the binding does not apply (e.g. the owner itself) */
  readonly ground: (b: Binding, ctx: Ctx) => Ground | null;
}

/** `Name(a,b,c)`: the rule name applied to the binding values in parameter order. The patient is
 *  left out when the universe has only one (as for tokens: universe.ts patientTag), so a
 *  one-patient net keeps the single-owner names (`D_R_S(d,f1,medical)`). */
export const transitionId = (rule: Pick<Rule, 'name' | 'params'>, b: Binding, U: Universe) =>
  `${rule.name}(${rule.params.filter(([, s]) => s !== 'patient' || severalPatients(U)).map(([n]) => b[n]).join(',')})`;

export function defineRule(r: Rule): Rule {
  return r;
}

/**
 * What a module adds to rules it does not own: an extra guard conjunct and extra
 * effects for every ground instance of the named rules, when the module is on. The rule's own
 * text (`paper`, `reading`) stays as printed; net.ts appends the extension's reading and arcs.
 */
export interface RuleExtension {
  /** the optional module that brings it; absent: a lifecycle extension, part of every net of `profile` */
  readonly module?: Module;
  /** a lifecycle extension: the least profile whose nets it extends */
  readonly profile?: Profile;
  /** names of the rules it extends */
  readonly rules: readonly string[];
  readonly arcs: { readonly in: readonly string[]; readonly out: readonly string[] };
  /** where the module comes from and what it does to these rules, in words */
  readonly reading: string;
  readonly extend: (rule: Rule, b: Binding, ctx: Ctx) => { readonly guard?: Prop; readonly add?: readonly string[]; readonly del?: readonly string[]; readonly when?: readonly WhenEffect[] };
}
