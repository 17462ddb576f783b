// The optional modules of the later SeSPHR write-ups (seeds 001-003: auditability and
// traceability, a third-party auditor, a time server bounding access). Each module is a set of
// rules of its own (`module` set: grounded only when NetConfig.modules lists it) plus extensions
// of existing rules (extra guard conjuncts and effects, applied by model/net.ts). The paper's
// rules keep their printed reading; with no module on, no net changes by a single fact.
// The time module's guard on R requests is the shared condition `windowAllows` in guards.ts,
// beside the policy's, since D_R_S (31) and D_R_F (32) must stay complements.
import { and, fact, not } from '../prop.js';
import { defineRule, transitionId, type RuleExtension } from '../rule.js';
import { C, CLOUD, Com, Corrupted, Detected, Expired, Logged, Member, TPA, holds } from '../terms.js';
import { patientTag } from '../universe.js';

// ---- audit -------------------------------------------------------------------------------------

/** The SRS events the model's log records: registration, key issue, approval, grant, revocation,
 *  the R_P upload, and every R^U issued (D_R_S). The implementation also logs every refused request
 *  (D_R_F); the model leaves those entries out: no property speaks of them, and each refused
 *  (u,f,i) would be one more independent bit of state (x8 on `small`, where all three modules
 *  together would then no longer be explored exhaustively within the default bound). */
export const AUDITED_RULES = ['Register', 'Send_Keys', 'Approve', 'Grant', 'Revoke', 'Revoke_Keep', 'Send_Ri', 'D_R_S'] as const;

export const AuditLog: RuleExtension = {
  module: 'audit',
  rules: AUDITED_RULES,
  arcs: { in: [], out: ['Log'] },
  reading: 'audit (seed 001, "auditability and traceability of access and data sharing events"): the SRS appends an entry naming this event to its append-only, hash-chained log. Nothing removes an entry.',
  extend: (rule, b, { U }) => ({ add: [Logged(transitionId(rule, b, U))] }),
};

// ---- third-party auditor -------------------------------------------------------------------------

export const TpaCommit: RuleExtension = {
  module: 'tpa',
  rules: ['Send_C'],
  arcs: { in: ['Integrity'], out: ['TPA'] },
  reading: 'tpa: with C the owner computes a commitment (a Merkle root over fixed-size blocks of C) and gives it to the TPA. A corrupted partition is not uploaded again (the model has one upload per (f,i)).',
  extend: (_rule, { f, i }) => ({ guard: not(fact(Corrupted(f, i))), add: [holds(TPA, Com(f, i))] }),
};

export const TpaServesIntact: RuleExtension = {
  module: 'tpa',
  rules: ['D_C', 'Leak_C'],
  arcs: { in: ['Integrity'], out: [] },
  reading: 'tpa: the cloud serves C(f,i) only while it holds it intact; once corrupted or deleted there is nothing valid to hand out.',
  extend: (_rule, { f, i }) => ({ guard: not(fact(Corrupted(f, i))) }),
};

export const Corrupt_C = defineRule({
  name: 'Corrupt_C', profile: 'paper', module: 'tpa',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['Cloud', 'Integrity'], out: ['Cloud', 'Integrity'] },
  paper: 'Seed 002/003 (third-party auditor): the untrusted cloud may lose, corrupt or delete what it stores.',
  reading: 'The cloud corrupts or deletes C(f,i): it no longer holds an intact copy. Users who downloaded C before keep theirs.',
  ground: ({ f, i }) => ({ guard: and(fact(holds(CLOUD, C(f, i))), not(fact(Corrupted(f, i)))), add: [Corrupted(f, i)], del: [holds(CLOUD, C(f, i))] }),
});

export const TPA_Challenge_S = defineRule({
  name: 'TPA_Challenge_S', profile: 'paper', module: 'tpa',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['TPA', 'Integrity'], out: [] },
  paper: 'Seed 002/003: the TPA checks the stored records without learning them.',
  reading: 'The TPA challenges blocks of C(f,i); the cloud answers with the blocks and their Merkle paths, which verify against Com(f,i). Nothing changes. The model\'s challenge covers the corrupted block (the implementation\'s k random blocks catch c corrupted of n with probability 1-(1-c/n)^k).',
  ground: ({ f, i }) => ({ guard: and(fact(holds(TPA, Com(f, i))), not(fact(Corrupted(f, i)))), add: [], del: [] }),
});

export const TPA_Challenge_F = defineRule({
  name: 'TPA_Challenge_F', profile: 'paper', module: 'tpa',
  params: [['p', 'patient'], ['f', 'file'], ['i', 'partition']],
  arcs: { in: ['TPA', 'Integrity'], out: ['Integrity'] },
  paper: 'Seed 002/003: a TPA audit that fails flags the partition.',
  reading: 'The TPA challenges a corrupted or deleted C(f,i): an answer is missing or does not verify against Com(f,i), and the TPA records the detection.',
  ground: ({ f, i }) => ({ guard: and(fact(holds(TPA, Com(f, i))), fact(Corrupted(f, i)), not(fact(Detected(f, i)))), add: [Detected(f, i)], del: [] }),
});

// ---- time-bounded access -----------------------------------------------------------------------------

export const Expire = defineRule({
  name: 'Expire', profile: 'paper', module: 'time',
  params: [['p', 'patient'], ['u', 'joiner']],
  arcs: { in: ['Member', 'Clock'], out: ['Clock'] },
  paper: 'Seed 003 (time server): access is bounded by a start and an end time.',
  reading: 'The SRS\'s clock passes the end of member u\'s grant window. From then on the SRS refuses u\'s R requests (guards.ts windowAllows), as after a revocation; what u already holds it keeps. The window\'s start is the approval: a grant that starts later is an approval that happens later.',
  ground: ({ p, u }, { U }) => ({ guard: and(fact(Member(u, patientTag(U, p))), not(fact(Expired(u, patientTag(U, p))))), add: [Expired(u, patientTag(U, p))], del: [] }),
});

/** Documents what the time module does to requests; the guard itself is guards.ts windowAllows,
 *  inside requestGranted, so that D_R_F (32) stays the exact complement of D_R_S (31). */
export const TimeWindow: RuleExtension = {
  module: 'time',
  rules: ['D_R_S', 'D_R_F'],
  arcs: { in: ['Clock'], out: [] },
  reading: 'time: the request is granted only while the SRS\'s clock is inside u\'s window (¬Expired(u)); outside it, it is refused (OUTSIDE_WINDOW).',
  extend: () => ({}),
};

export const MODULE_RULES = [Corrupt_C, TPA_Challenge_S, TPA_Challenge_F, Expire] as const;
export const MODULE_EXTENSIONS: readonly RuleExtension[] = [AuditLog, TpaCommit, TpaServesIntact, TimeWindow];
