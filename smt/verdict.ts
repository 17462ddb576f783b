// What the SMT layer reports (design.md, "Verdict kinds"). `proved` and `unreachable` are only
// ever unbounded results (Horn clauses solved by Spacer, an inductive invariant checked by the
// solver, or a one-step induction over every state); a bounded search says `holds-to-depth`.
import type { NetConfig } from '../model/config.js';
import type { Trace } from '../model/explore.js';
import type { Fingerprint } from '../model/fingerprint.js';

export type Method = 'chc-spacer' | 'step-induction' | 'inductive-invariant' | 'bmc';

export type SmtVerdict =
  | { readonly kind: 'proved'; readonly method: Exclude<Method, 'bmc'> }
  | { readonly kind: 'unreachable'; readonly method: Exclude<Method, 'bmc'> }
  | { readonly kind: 'holds-to-depth'; readonly depth: number }
  | { readonly kind: 'violated'; readonly depth: number; readonly trace: Trace }
  | { readonly kind: 'witness'; readonly depth: number; readonly trace: Trace }
  | { readonly kind: 'unknown'; readonly limit: string }
  /** holds only because its premise is unreachable (smt/vacuity.ts): never reported as `proved` */
  | { readonly kind: 'vacuous'; readonly method: Exclude<Method, 'bmc'> | 'empty-statement' };

/** One query file as written, and the answers the in-process solver gave to its (check-sat)s in order. */
export interface QueryFile {
  readonly method: Method;
  readonly path?: string;
  /** a query with no file of its own: its commands are the first of this later query's file (the
   *  full BMC of a part goes on from where its quick BMC stopped, under the same file name) */
  readonly within?: string;
  readonly answers: readonly string[];
  readonly seconds: number;
}

export interface VerifyResult extends NetConfig {
  readonly property: string;
  readonly universe: string;
  readonly verdict: SmtVerdict;
  /** how the verdict was reached, for the table: "chc-spacer", "bmc k=7", ... */
  readonly how: string;
  readonly seconds: number;
  readonly solver: string;
  /** the cone of influence: state variables and transitions kept, of the net's */
  readonly slice: { readonly vars: number; readonly facts: number; readonly transitions: number; readonly of: number };
  readonly queries: readonly QueryFile[];
  /** premise → conclusion properties: whether the premise is reachable, with its witness */
  readonly vacuity?: Vacuity;
  /** hashes of the ground statement and net checked (golden file) */
  readonly fingerprint?: Fingerprint;
}

/** A premise → conclusion property's premise, checked for reachability after the property (vacuity.ts). */
export interface Vacuity {
  /** reachable: shown by a trace; unreachable: proved never met; not-shown: neither within the limits */
  readonly premise: 'reachable' | 'unreachable' | 'not-shown';
  /** how: the method, `bmc k=N`, `the counterexample`, or the limit that stopped the check */
  readonly how: string;
  /** the witness: a run that meets the premise (absent when the verdict's counterexample is one) */
  readonly trace?: Trace;
  /** the catalogue's reason, when it says the premise is unreachable on this configuration by design */
  readonly expected?: string;
  readonly seconds: number;
}
