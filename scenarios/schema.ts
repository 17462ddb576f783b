// The scenario file format: a universe and configuration, then steps, each one verb. Verbs are
// the paper's operations at the grain a reader thinks in (join, upload, read, revoke, collude);
// `fire` reaches any single model transition. Expectations can follow any step.
import { z } from 'zod';
import { MODULES, POLICIES, PROFILES, VARIANTS } from '../model/config.js';
import { REFUSAL_REASONS } from '../model/step-refusal.js';
import { UniverseFile } from '../universes/schema.js';

/** `d~2` names a user's second key generation (a re-join) */
const id = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(~[2-9])?$/, 'an identifier (letters and digits; d~2 for a re-joined user\'s second key generation)');
const ids = z.union([id, z.array(id).min(1)]);
/** a party or a coalition: `pha`, or `[SRS, Cloud]` */
const party = z.union([id, z.array(id).min(1)]);
/** a file id: `f1`, or `A.f1` in a universe with several patients */
const fileId = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?(~[2-9])?$/, 'a file id (f1, or A.f1 with several patients; f1~2 for its second version)');
const target = z.strictObject({ file: fileId, partition: id.optional() });
const userTarget = target.extend({ user: id });
const readTarget = z.strictObject({ party, file: fileId, partition: id });
const requestTarget = z.strictObject({ user: id, file: fileId, partition: id });
const partTarget = z.strictObject({ file: fileId, partition: id });
/** a token of the knowledge closure, in the model's syntax: sk(P), key(f1,medical), RK(doc), ginvP */
const token = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\([A-Za-z0-9.,~]*\))?$/, 'a token of the knowledge closure, e.g. sk(P), key(f1,medical), RU(doc,f1,medical), ginvP');
const knowsTarget = z.strictObject({ party, token });

export const Expectation = z.strictObject({
  'can-read': z.array(readTarget).optional(),
  'cannot-read': z.array(readTarget).optional(),
  /** the last R request for this (user, file, partition) was refused (D_R_F) */
  refused: z.array(requestTarget).optional(),
  /** the last R request for this (user, file, partition) was granted (D_R_S) */
  granted: z.array(requestTarget).optional(),
  /** tpa module: the last TPA challenge of this (file, partition) failed (TPA_Challenge_F) */
  detected: z.array(partTarget).optional(),
  /** tpa module: the last TPA challenge of this (file, partition) passed (TPA_Challenge_S) */
  intact: z.array(partTarget).optional(),
  /** audit module: the SRS's log has the entry of the R^U issued to this (user, file, partition) */
  logged: z.array(requestTarget).optional(),
  /** the coalition can derive this token of the knowledge closure from what its members hold */
  knows: z.array(knowsTarget).optional(),
  /** the coalition cannot derive this token */
  'not-knows': z.array(knowsTarget).optional(),
});

/** A step the model must refuse, with the code of its first failing condition (model/step-refusal.ts). */
const refused = z.enum(REFUSAL_REASONS as unknown as [string, ...string[]]).optional();

/** Every verb but `expect` may say that the step is refused: `{ approve: doc, refused: NOT_REGISTERED }`. */
export const REFUSABLE = 'refused';

/** One schema per verb, so an error on a known verb can name the field that is wrong. */
export const STEP_VERBS = {
  keys: z.strictObject({ keys: ids, refused }),
  register: z.strictObject({ register: ids, refused }),
  approve: z.strictObject({ approve: ids, refused }),
  join: z.strictObject({ join: ids, refused }),
  grant: z.strictObject({ grant: z.strictObject({ user: id, partition: id }), refused }),
  // universes with `narrowing` / `exceptions` (universes/lifecycle.yaml): the owner takes a label back, or sets a member's backward access against the policy
  ungrant: z.strictObject({ ungrant: z.strictObject({ user: id, partition: id }), refused }),
  except: z.strictObject({ except: ids, refused }),
  upload: z.strictObject({ upload: z.union([fileId, target]), refused }),
  download: z.strictObject({ download: userTarget, refused }),
  request: z.strictObject({ request: userTarget, refused }),
  decrypt: z.strictObject({ decrypt: userTarget, refused }),
  read: z.strictObject({ read: userTarget, refused }),
  revoke: z.strictObject({ revoke: z.union([id, z.strictObject({ user: id, keep: z.boolean().optional() })]), refused }),
  leak: z.strictObject({ leak: z.strictObject({ to: id, file: fileId, partition: id.optional() }), refused }),
  // the optional modules; each needs its module in the scenario's `modules`
  expire: z.strictObject({ expire: ids, refused }),
  corrupt: z.strictObject({ corrupt: target, refused }),
  challenge: z.strictObject({ challenge: target, refused }),
  // any transition of the net: rule names carry underscores (D_R_S, Gen_Key); names.ts checks it exists
  fire: z.strictObject({ fire: z.looseObject({ type: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a transition name (letters, digits, underscores)') }), refused }),
  expect: z.strictObject({ expect: Expectation }),
} as const;

/** The verb of a step: its one key other than `refused`. */
export const verbOf = (step: object): string => Object.keys(step).find((k) => k !== REFUSABLE) ?? REFUSABLE;

export const Step = z.union(Object.values(STEP_VERBS) as unknown as [typeof STEP_VERBS.keys, ...(typeof STEP_VERBS)[keyof typeof STEP_VERBS][]]);

export const Scenario = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** the paper's claim this scenario illustrates */
  claim: z.string().optional(),
  /** a shipped universe by name, a universe file (path relative to the scenario), or a universe declared inline */
  universe: z.union([z.string().min(1), UniverseFile]),
  profile: z.enum(PROFILES as [string, ...string[]]),
  variant: z.enum(VARIANTS as [string, ...string[]]),
  policy: z.enum(POLICIES as [string, ...string[]]),
  /** optional modules: audit, tpa, time */
  modules: z.array(z.enum(MODULES as [string, ...string[]])).optional(),
  steps: z.array(Step).min(1),
});

export type ScenarioSpec = z.infer<typeof Scenario>;
export type StepSpec = z.infer<typeof Step>;
export type ExpectationSpec = z.infer<typeof Expectation>;
