// Scenario verbs to model events. A verb expands against the current marking, because some
// choices are the model's to make (a request becomes D_R_S or D_R_F by the ACL guard; `read`
// downloads only what the user does not hold yet). The events chosen here are then the exact
// sequence the implementation replays.
import { isEnabled, type Marking } from '../model/marking.js';
import type { NetEvent } from '../model/machine.js';
import { transitionOf } from '../model/machine.js';
import type { Net } from '../model/net.js';
import type { StepSpec } from './schema.js';
import { ownerOf, partitionsOf, patientsOf } from '../model/universe.js';

export class StepError extends Error {}

/** An event list, decided one event at a time: each entry sees the marking its predecessors made. */
export type Plan = Array<(m: Marking) => NetEvent | null>;

const list = (x: string | string[]) => (Array.isArray(x) ? x : [x]);
/** the partition asked for, or every partition of file f's patient (of the universe, without a file) */
const parts = (net: Net, p?: string, f?: string) => {
  const labels = f !== undefined && net.U.files.includes(f) ? partitionsOf(net.U, ownerOf(net.U, f)) : net.U.partitions;
  if (p !== undefined && !labels.includes(p)) throw new StepError(`unknown partition '${p}': expected one of ${labels.join(', ')}`);
  return p !== undefined ? [p] : [...labels];
};
/**
 * With several patients an event names its patient `p`: the owner of its file, or else the one
 * patient its user has a role for (a user with roles for several must be `fire`d with its `p`).
 */
function withPatient(net: Net, e: NetEvent): NetEvent {
  const { U } = net;
  if (U.patients.length === 1 || e.p !== undefined) return e;
  if (e.f !== undefined) {
    if (!U.files.includes(e.f)) throw new StepError(`unknown file '${e.f}': expected one of ${U.files.join(', ')}`);
    return { ...e, p: ownerOf(U, e.f) };
  }
  const who = e.u ?? e.o;
  if (who === undefined) return e;
  const ps = patientsOf(U, who);
  if (ps.length !== 1) throw new StepError(`${who} has a role for ${ps.length ? ps.join(' and ') : 'no patient'}: name the patient with a \`fire\` step and its p`);
  return { ...e, p: ps[0] };
}
const always = (e: NetEvent) => () => e;
/** the first of `choices` that is enabled; a plain error if none is (a step expected to be
 *  refused: the first choice, whose refusal is then the step's) */
const firstEnabled = (net: Net, given: NetEvent[], what: string, refusing: boolean) => (m: Marking) => {
  const choices = given.map((e) => withPatient(net, e));
  for (const e of choices) {
    const t = transitionOf(net, e);
    if (t && isEnabled(net, t, m)) return e;
  }
  if (refusing) return choices[0];
  throw new StepError(`${what}: none of ${choices.map((e) => transitionOf(net, e)?.id ?? e.type).join(', ')} is enabled here`);
};
/** an event only if enabled, otherwise skipped (e.g. a download of something already held) */
const ifEnabled = (net: Net, given: NetEvent) => (m: Marking) => {
  const e = withPatient(net, given);
  const t = transitionOf(net, e);
  return t && isEnabled(net, t, m) ? e : null;
};

/** `refused`: the step is expected to be refused, so a choice none of whose events is enabled
 *  (a request of a partition nobody uploaded) yields its first event rather than an error. */
export function expandStep(net: Net, step: StepSpec, refused = false): Plan {
  return expandVerb(net, step, refused).map((decide) => (m: Marking) => {
    const e = decide(m);
    return e && withPatient(net, e);
  });
}

function expandVerb(net: Net, step: StepSpec, refused: boolean): Plan {
  const { variant } = net.cfg;
  const keys = (x: string) => [always({ type: 'Gen_Key', x }), always({ type: 'Send_Keys', x })];
  if ('keys' in step) return list(step.keys).flatMap(keys);
  if ('register' in step) return list(step.register).map((u) => always({ type: 'Register', u }));
  if ('approve' in step) return list(step.approve).map((u) => always({ type: 'Approve', u }));
  if ('join' in step)
    return list(step.join).flatMap((u) =>
      variant === 'srs-keys'
        ? [always({ type: 'Register', u }), always({ type: 'Approve', u }), ...keys(u)]
        : [always({ type: 'Register', u }), ...keys(u), always({ type: 'Approve', u })],
    );
  if ('grant' in step) return [always({ type: 'Grant', u: step.grant.user, i: step.grant.partition })];
  if ('ungrant' in step) return [always({ type: 'Ungrant', u: step.ungrant.user, i: step.ungrant.partition })];
  if ('except' in step) return list(step.except).map((u) => always({ type: 'Except_Policy', u }));
  if ('upload' in step) {
    const { file: f, partition } = typeof step.upload === 'string' ? { file: step.upload, partition: undefined } : step.upload;
    return parts(net, partition, f).flatMap((i) => ['Gen_ri', 'Encrypt_Pi', 'Compt_Ri', 'Send_C', 'Send_Ri'].map((type) => always({ type, f, i })));
  }
  if ('download' in step) return parts(net, step.download.partition, step.download.file).map((i) => always({ type: 'D_C', u: step.download.user, f: step.download.file, i }));
  if ('request' in step) {
    const { user: u, file: f } = step.request;
    return parts(net, step.request.partition, f).map((i) => firstEnabled(net, [{ type: 'D_R_S', u, f, i }, { type: 'D_R_F', u, f, i }], `request ${u} ${f} ${i}`, refused));
  }
  if ('decrypt' in step) return parts(net, step.decrypt.partition, step.decrypt.file).map((i) => always({ type: 'Decrypt_ri', u: step.decrypt.user, f: step.decrypt.file, i }));
  if ('read' in step) {
    const { user: u, file: f } = step.read;
    return parts(net, step.read.partition, f).flatMap((i) => [
      ifEnabled(net, { type: 'D_C', u, f, i }),
      firstEnabled(net, [{ type: 'D_R_S', u, f, i }, { type: 'D_R_F', u, f, i }], `read ${u} ${f} ${i}`, refused),
      ifEnabled(net, { type: 'Decrypt_ri', u, f, i }),
    ]);
  }
  if ('revoke' in step) {
    const { user, keep } = typeof step.revoke === 'string' ? { user: step.revoke, keep: false } : step.revoke;
    return [always({ type: keep ? 'Revoke_Keep' : 'Revoke', u: user })];
  }
  if ('leak' in step) return parts(net, step.leak.partition, step.leak.file).map((i) => always({ type: 'Leak_C', o: step.leak.to, f: step.leak.file, i }));
  if ('expire' in step) return list(step.expire).map((u) => always({ type: 'Expire', u }));
  if ('corrupt' in step) return parts(net, step.corrupt.partition, step.corrupt.file).map((i) => always({ type: 'Corrupt_C', f: step.corrupt.file, i }));
  if ('challenge' in step) {
    const f = step.challenge.file;
    return parts(net, step.challenge.partition, f).map((i) => firstEnabled(net, [{ type: 'TPA_Challenge_S', f, i }, { type: 'TPA_Challenge_F', f, i }], `challenge ${f} ${i}`, refused));
  }
  if ('fire' in step) {
    const e: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.fire)) e[k] = String(v);
    return [always(e as NetEvent)];
  }
  return []; // expect: no events
}
