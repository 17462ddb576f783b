// What a conformance run must exercise, as named predicates over the model: every ground
// transition fired; every guard outcome (enabled, disabled, and each conjunct alone making it
// false, MC/DC-style); every effect made observable (each deleted fact present when the
// transition fires, each conditional effect's condition true); every refusal reason of an R
// request; and the states the properties care about. The same items serve to select shortest paths (paths.ts) and to measure coverage
// (coverage.ts), so what is selected is what is measured.
import { compile, knownBy } from '../model/compile.js';
import { type Marking, has } from '../model/marking.js';
import type { GroundTransition, Net } from '../model/net.js';
import type { Prop } from '../model/prop.js';
import { ACL, C, CLOUD, Member, MemberAtUpload, PHR, RU, Revoked, RevokedAtUpload, SRS, Uploaded, holds } from '../model/terms.js';
import { fileParts, filesOf, joiners, outsiders, partitionsOf, patientIds, patientTag } from '../model/universe.js';
import { expectedRefusal } from './expected.js';
import { hasModule } from '../model/config.js';

export type TargetKind = 'fire' | 'effect' | 'disabled' | 'conjunct' | 'reason' | 'state';

export interface Target {
  readonly id: string;
  readonly kind: TargetKind;
  /** the transition sent at the end of the path (none for state targets) */
  readonly transition?: GroundTransition;
  readonly describe: string;
}

/** Flattened top-level conjuncts of a guard (constants dropped). */
export function conjuncts(p: Prop): Prop[] {
  if (p.t === 'and') return p.as.flatMap(conjuncts);
  if (p.t === 'const' && p.v) return [];
  return [p];
}

const show = (p: Prop): string =>
  p.t === 'fact' ? p.f : p.t === 'not' ? `¬${show(p.a)}` : p.t === 'and' ? `(${p.as.map(show).join(' ∧ ')})` : p.t === 'or' ? `(${p.as.map(show).join(' ∨ ')})` : p.t;

/** State predicates the catalogue's properties are about (design.md "Property catalogue"). Every
 *  fact's bit is looked up once, and coalitions' knowledge comes from the cached closure
 *  (compile.ts knownBy): conformance tests them on every state of graphs of millions. */
export function propertyStates(net: Net): Array<{ id: string; describe: string; test: (m: Marking) => boolean }> {
  const { U } = net;
  const partsOf = (p: string) => filesOf(U, p).flatMap((f) => partitionsOf(U, p).map((i) => [f, i] as const));
  const bit = (f: string) => net.factIndex.get(f) ?? -1;
  const on = (m: Marking, k: number) => k >= 0 && (m[k >>> 5] & (1 << (k & 31))) !== 0;
  // each member-to-be with its patient's tag and that patient's (file, partition) pairs, as bits
  const J = patientIds(U).flatMap((p) => joiners(U, p).map((u) => {
    const P = patientTag(U, p);
    return {
      u, member: bit(Member(u, P)), revoked: bit(Revoked(u, P)),
      fis: partsOf(p).map(([f, i]) => ({ uploaded: bit(Uploaded(f, i)), atUpload: bit(MemberAtUpload(u, f, i)), revokedAtUpload: bit(RevokedAtUpload(u, f, i)), ru: bit(holds(u, RU(u, f, i))), c: bit(holds(u, C(f, i))), acl: bit(ACL(u, i, P)) })),
    };
  }));
  const O = patientIds(U).flatMap((p) => outsiders(U, p).map((o) => partsOf(p).map(([f, i]) => bit(holds(o, C(f, i))))));
  const phr = fileParts(U).map(([p, f, i]) => ({ token: PHR(f, i), acl: (u: string) => bit(ACL(u, i, patientTag(U, p))) }));
  const reads = (m: Marking, parties: string[]) => {
    const known = knownBy(net, m, parties);
    return phr.filter((x) => known.has(x.token));
  };
  return [
    { id: 'state:revoked-user-keeps-RU', describe: 'a revoked user still holds an R^U it obtained as a member', test: (m) => J.some((j) => on(m, j.revoked) && j.fis.some((x) => on(m, x.ru))) },
    { id: 'state:joined-after-upload', describe: 'a member who joined after a partition was uploaded', test: (m) => J.some((j) => on(m, j.member) && j.fis.some((x) => on(m, x.uploaded) && !on(m, x.atUpload) && !on(m, x.revokedAtUpload))) },
    { id: 'state:joined-after-upload-holds-RU', describe: 'that member holds R^U for the older upload (history policy)', test: (m) => J.some((j) => on(m, j.member) && j.fis.some((x) => !on(m, x.atUpload) && !on(m, x.revokedAtUpload) && on(m, x.ru))) },
    { id: 'state:upload-after-revocation', describe: 'a partition uploaded after some user was revoked', test: (m) => J.some((j) => j.fis.some((x) => on(m, x.revokedAtUpload))) },
    { id: 'state:insider-holds-ungranted-C', describe: 'a member holds C of a partition it was not granted and R^U of one it was', test: (m) => J.some((j) => on(m, j.member) && j.fis.some((x) => on(m, x.c) && !on(m, x.acl)) && j.fis.some((x) => on(m, x.ru))) },
    { id: 'state:outsider-holds-C', describe: 'an outsider holds a leaked C', test: (m) => O.some((cs) => cs.some((k) => on(m, k))) },
    { id: 'state:srs+cloud-read', describe: 'SRS and cloud together read a partition', test: (m) => reads(m, [SRS, CLOUD]).length > 0 },
    { id: 'state:user+srs-read-ungranted', describe: 'a user with the SRS reads a partition the user was not granted', test: (m) => U.users.some(({ id: u }) => reads(m, [u, SRS].sort()).some((x) => !on(m, x.acl(u)))) },
    { id: 'state:revoked+cloud-read', describe: 'a revoked user with the cloud reads a partition', test: (m) => J.some((j) => on(m, j.revoked) && reads(m, [j.u, CLOUD].sort()).length > 0) },
    { id: 'state:user-reads', describe: 'a user reads a partition', test: (m) => U.users.some(({ id: u }) => reads(m, [u]).length > 0) },
  ];
}

/** Per transition: each deleted fact (present before firing) and each conditional effect's
 *  condition, as a test on the marking before firing, named by the fact or `when k`. */
export function effectTests(net: Net, t: GroundTransition): Array<[string, (m: Marking) => boolean]> {
  const out: Array<[string, (m: Marking) => boolean]> = [];
  for (const f of new Set(t.del)) if (net.factIndex.has(f)) out.push([`del ${f}`, (m) => has(net, m, f)]);
  t.when.forEach((w, k) => {
    const c = compile(net, w.if);
    out.push([`when ${k}`, (m) => c(m)]);
  });
  return out;
}

export interface Classifier {
  readonly targets: readonly Target[];
  /** each target's test on a marking (the marking where the path ends, before any event sent) */
  readonly tests: ReadonlyArray<{ readonly id: string; readonly test: (m: Marking) => boolean }>;
  /** the targets a marking satisfies, for the transition-free ones and "t sent here" ones */
  satisfied(m: Marking): string[];
}

/** The R-request transitions, whose refusal reasons are coverage items of their own. */
const isRequest = (t: GroundTransition) => t.rule.name === 'D_R_F';

export function classifier(net: Net): Classifier {
  const targets: Target[] = [];
  const tests: Array<{ id: string; test: (m: Marking) => boolean }> = [];
  const REASONS = ['NOT_REGISTERED', 'NOT_APPROVED', 'REVOKED', 'NOT_GRANTED', 'BEFORE_JOIN', 'MISSING_KEY', ...(hasModule(net.cfg, 'time') ? ['OUTSIDE_WINDOW'] : [])];
  for (const t of net.transitions) {
    const g = compile(net, t.guard);
    targets.push({ id: `fire:${t.id}`, kind: 'fire', transition: t, describe: `${t.id} enabled and fired` });
    tests.push({ id: `fire:${t.id}`, test: (m) => g(m) });
    // Effects: a deletion is only tested if the fact was there (a revocation that keeps the keys
    // passes every path in which the user never had keys); a conditional effect only if it applied.
    for (const [f, test] of effectTests(net, t)) {
      targets.push({ id: `effect:${t.id}:${f}`, kind: 'effect', transition: t, describe: `${t.id} fired with ${f}` });
      tests.push({ id: `effect:${t.id}:${f}`, test: (m) => g(m) && test(m) });
    }
    targets.push({ id: `disabled:${t.id}`, kind: 'disabled', transition: t, describe: `${t.id} sent while disabled` });
    tests.push({ id: `disabled:${t.id}`, test: (m) => !g(m) });
    const cs = conjuncts(t.guard);
    if (cs.length > 1) {
      const cc = cs.map((c) => compile(net, c));
      cs.forEach((c, k) => {
        const id = `conjunct:${t.id}:${k}`;
        targets.push({ id, kind: 'conjunct', transition: t, describe: `${t.id} sent when only ${show(c)} is false` });
        tests.push({ id, test: (m) => cc.every((f, j) => (j === k ? !f(m) : f(m))) });
      });
    }
    if (isRequest(t)) {
      const { u, f, i } = t.binding;
      // one refusal reason per marking, shared by the reasons' tests (markings are never mutated)
      let last: Marking | undefined, reason: string | undefined;
      const refusal = (m: Marking) => (m === last ? reason : ((last = m), (reason = expectedRefusal(net, m, u, f, i))));
      for (const code of REASONS) {
        const id = `reason:${t.id}:${code}`;
        targets.push({ id, kind: 'reason', transition: t, describe: `${t.id} refused for ${code}` });
        tests.push({ id, test: (m) => g(m) && refusal(m) === code });
      }
    }
  }
  for (const s of propertyStates(net)) {
    targets.push({ id: s.id, kind: 'state', describe: s.describe });
    tests.push({ id: s.id, test: s.test });
  }
  return { targets, tests, satisfied: (m) => tests.filter((x) => x.test(m)).map((x) => x.id) };
}
