// What the model says the implementation must answer to an event in a marking: accept it when
// the transition is enabled, refuse it otherwise; for an R request (D_R_S / D_R_F), also WHY it
// is refused, read off the guard's conjuncts in the order the SRS checks them (impl/parties/acl.ts decide,
// then RK). A refusal for the wrong reason is a mismatch: it is how a revocation that leaves the
// ACL entry behind shows, even when the request happens to be refused anyway.
import { patientIds, patientTag } from '../model/universe.js';
import { fire, has, isEnabled, type Marking } from '../model/marking.js';
import type { GroundTransition, Net } from '../model/net.js';
import { hasModule } from '../model/config.js';
import { refusalReason } from '../model/refusal.js';
import { isRequest } from '../model/step-refusal.js';
import { Corrupted, Member, Registered, Revoked, holds, sk } from '../model/terms.js';

/** The SRS's answer the model predicts for u's request of (f,i): undefined = granted (model/refusal.ts). */

/** the patient tag of a transition's binding (undefined with one patient, as token names have it) */
const tagOf = (net: Net, t: GroundTransition) => (t.binding.p === undefined ? undefined : patientTag(net.U, t.binding.p));

export const expectedRefusal = refusalReason;

export interface Expectation {
  readonly enabled: boolean;
  /** for D_R_S / D_R_F: the refusal code the model predicts (undefined when granted) */
  readonly refusal?: string;
  /** the marking after firing (enabled only) */
  readonly next?: Marking;
}

export function expectationOf(net: Net, m: Marking, t: GroundTransition): Expectation {
  const enabled = isEnabled(net, t, m);
  const { u, f, i } = t.binding;
  const refusal = isRequest(t) ? expectedRefusal(net, m, u, f, i) : undefined;
  return { enabled, refusal, next: enabled ? fire(net, t, m) : undefined };
}

/**
 * Documented differences in what the implementation accepts: events the model's guard refuses
 * but the implementation performs by design. Each is reported (counted and listed), never
 * silently passed; the run stops checking after one, since the two sides no longer describe the
 * same state. Nothing else may be accepted while disabled, except a token-level repeat.
 */
export const DEVIATIONS = [
  {
    id: 'public-cloud',
    describe: 'the cloud serves C to anyone who asks (impl/parties/cloud.ts: C is ciphertext); the model\'s D_C is a member\'s download, and the adversarial Leak_C hands C to any other user',
    applies: (net: Net, m: Marking, t: GroundTransition) =>
      t.rule.name === 'D_C' && !has(net, m, Member(t.binding.u, tagOf(net, t))) && has(net, m, holds('Cloud', `C(${t.binding.f},${t.binding.i})`)),
  },
  {
    id: 'local-keygen',
    describe: 'owner-keys: a client makes its key pair locally whenever asked (impl/parties/principal.ts genKey); the model lets a user do so only once registered and not revoked. The pair stays private until Send_Keys, which the SRS refuses from an unregistered party',
    applies: (net: Net, m: Marking, t: GroundTransition) =>
      t.rule.name === 'Gen_Key' && net.cfg.variant === 'owner-keys' && !has(net, m, holds(t.binding.x, sk(t.binding.x))),
  },
  {
    id: 'revoke-pending',
    describe: 'the owner may revoke a registered user it has not approved yet (impl/parties/srs.ts revoke removes a pending registration too); the model\'s Revoke needs membership',
    applies: (net: Net, m: Marking, t: GroundTransition) =>
      (t.rule.name === 'Revoke' || t.rule.name === 'Revoke_Keep') && has(net, m, Registered(t.binding.u, tagOf(net, t))) && !has(net, m, Member(t.binding.u, tagOf(net, t))) && !has(net, m, Revoked(t.binding.u, tagOf(net, t))),
  },
  {
    id: 'srs-keys-before-approval',
    describe: 'srs-keys: the SRS makes a key pair for any registered user, approved or not (impl/parties/srs.ts genKey); the model\'s Gen_Key waits for membership (Sec. 3.6: "the owner approves; the SRS generates the keys")',
    applies: (net: Net, m: Marking, t: GroundTransition) =>
      t.rule.name === 'Gen_Key' && net.cfg.variant === 'srs-keys' && patientIds(net.U).some((q) => ((P) => has(net, m, Registered(t.binding.x, P)) && !has(net, m, Member(t.binding.x, P)) && !has(net, m, Revoked(t.binding.x, P)))(patientTag(net.U, q))),
  },
  {
    id: 'tpa-repair-upload',
    describe: 'tpa module: after the cloud lost C(f,i) the owner\'s client can send its copy again (impl/parties/patient.ts sendC), repairing the store; the model has one upload per (f,i) and no repair',
    applies: (net: Net, m: Marking, t: GroundTransition) =>
      t.rule.name === 'Send_C' && hasModule(net.cfg, 'tpa') && has(net, m, Corrupted(t.binding.f, t.binding.i)),
  },
] as const;

/** D_R_F sent while disabled because the request would be granted: the SRS's grant is D_R_S. */
export function grantedSibling(net: Net, m: Marking, t: GroundTransition): GroundTransition | undefined {
  if (t.rule.name !== 'D_R_F') return undefined;
  const s = net.byId.get(t.id.replace(/^D_R_F/, 'D_R_S'));
  return s && isEnabled(net, s, m) ? s : undefined;
}
