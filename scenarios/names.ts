// Every name a scenario uses (user, file, partition, party, transition) checked against the net
// it runs on, before anything runs: a typo is an error at its own line and column, never an
// expectation that passes because it speaks of nothing.
import { transitionOf, type NetEvent } from '../model/machine.js';
import type { Net } from '../model/net.js';
import { CLOUD, SRS, TPA } from '../model/terms.js';
import { principals } from '../model/universe.js';
import { allTokens } from '../model/knowledge.js';
import { versionedNameHint } from './lifecycle-hint.js';
import { type ScenarioSpec, verbOf } from './schema.js';

export interface NameProblem {
  /** the path of the offending value in the document (for its line and column) */
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

type Kind = 'user' | 'principal' | 'party' | 'file' | 'partition' | 'token';

/** The field names of each kind, where a verb's object uses them. */
const FIELD_KIND: Readonly<Record<string, Kind>> = { user: 'user', to: 'user', file: 'file', partition: 'partition', party: 'party', token: 'token' };

/** The names each kind accepts on this net. */
function domains(net: Net): Record<Kind, readonly string[]> {
  const { U } = net;
  const servers = [SRS, CLOUD, ...(net.cfg.modules?.includes('tpa') ? [TPA] : [])];
  return {
    user: U.users.map((u) => u.id),
    principal: principals(U),
    party: [...principals(U), ...servers],
    file: U.files,
    partition: U.partitions,
    // every token the knowledge closure can mention (model/knowledge.ts)
    token: allTokens(U),
  };
}

/** Verbs whose value is a name (or a list of names) rather than an object. */
const NAME_VERBS: Readonly<Record<string, Kind>> = { keys: 'principal', register: 'user', approve: 'user', join: 'user', expire: 'user', upload: 'file', revoke: 'user' };

/** a domain for a message: whole when short, its first names and a count when long (tokens) */
const listed = (xs: readonly string[]) => (xs.length <= 16 ? xs.join(', ') : `${xs.slice(0, 16).join(', ')} (and ${xs.length - 16} more)`);

export function nameProblems(spec: ScenarioSpec, net: Net): NameProblem[] {
  const dom = domains(net);
  const out: NameProblem[] = [];
  const check = (kind: Kind, value: unknown, path: Array<string | number>) => {
    if (typeof value !== 'string') return;
    if (!dom[kind].includes(value))
      out.push({ path, message: versionedNameHint(net, kind, value) ?? `unknown ${kind} '${value}' in universe '${net.U.name}': expected one of ${listed(dom[kind])}` });
  };
  /** an object's fields named in FIELD_KIND, a coalition's members one by one */
  const fields = (obj: unknown, path: Array<string | number>) => {
    if (!obj || typeof obj !== 'object') return;
    for (const [k, v] of Object.entries(obj)) {
      const kind = FIELD_KIND[k];
      if (!kind) continue;
      if (Array.isArray(v)) v.forEach((x, n) => check(kind, x, [...path, k, n]));
      else check(kind, v, [...path, k]);
    }
  };
  spec.steps.forEach((step, k) => {
    const verb = verbOf(step);
    const value = (step as Record<string, unknown>)[verb];
    const at: Array<string | number> = ['steps', k, verb];
    if (verb === 'fire') {
      const problem = fireProblem(net, value as Record<string, unknown>);
      if (problem) out.push({ path: at, message: problem });
    } else if (verb === 'expect') {
      for (const [kind, targets] of Object.entries(value as Record<string, unknown>))
        if (Array.isArray(targets)) targets.forEach((t, n) => fields(t, [...at, kind, n]));
    } else if (verb in NAME_VERBS && (typeof value === 'string' || Array.isArray(value))) {
      if (Array.isArray(value)) value.forEach((x, n) => check(NAME_VERBS[verb], x, [...at, n]));
      else check(NAME_VERBS[verb], value, at);
    } else if (verb === 'leak') {
      const { to, ...rest } = value as { to: string };
      fields(rest, at);
      // the recipients are whatever the net's own Leak_C binds (its rule says who may receive C)
      const recipients = [...new Set(net.transitions.filter((t) => t.rule.name === 'Leak_C').map((t) => t.binding.o))];
      if (!recipients.length) out.push({ path: [...at, 'to'], message: `this net has no Leak_C (${net.cfg.profile} profile): a leak needs the adversarial profile` });
      else if (!recipients.includes(to)) out.push({ path: [...at, 'to'], message: `the net's Leak_C hands C to ${listed(recipients)}, not to '${to}'` });
    } else if (verb === 'grant') {
      const g = value as { user: string; partition: string };
      check('user', g.user, [...at, 'user']);
      check('partition', g.partition, [...at, 'partition']);
    } else fields(value, at);
  });
  return out;
}

/** `fire:` names one ground transition of the net: its rule and a binding of every variable. */
function fireProblem(net: Net, fire: Record<string, unknown>): string | undefined {
  const e = Object.fromEntries(Object.entries(fire).map(([k, v]) => [k, String(v)])) as NetEvent;
  if (transitionOf(net, e)) return undefined;
  const rules = [...new Set(net.transitions.map((t) => t.rule.name))];
  const same = net.transitions.filter((t) => t.rule.name === e.type);
  if (!same.length) return `no transition '${e.type}' in this net (${net.cfg.profile} profile${net.cfg.modules?.length ? ` with ${net.cfg.modules.join(', ')}` : ''}): expected one of ${rules.join(', ')}`;
  const vars = Object.keys(same[0].binding);
  const given = Object.keys(e).filter((k) => k !== 'type');
  const missing = vars.filter((v) => !given.includes(v));
  const extra = given.filter((v) => !vars.includes(v));
  if (missing.length || extra.length)
    return `${e.type} takes ${vars.map((v) => `'${v}'`).join(', ')}${missing.length ? `; missing ${missing.map((v) => `'${v}'`).join(', ')}` : ''}${extra.length ? `; unexpected ${extra.map((v) => `'${v}'`).join(', ')}` : ''}`;
  const example = same.slice(0, 3).map((t) => t.id).join(', ');
  return `${e.type} has no instance with ${given.map((k) => `${k}=${e[k as keyof NetEvent]}`).join(', ')} in universe '${net.U.name}' (for example ${example})`;
}
