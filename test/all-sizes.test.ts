// The all-sizes reading and proofs (smt/all-sizes/) against the ground net they are derived from:
//  - each lifted transition, instantiated back on `small` and `paper`, is exactly the ground
//    transitions of that rule (guard, effects, conditional effects), and M0 likewise;
//  - every property read first-order has, on every reachable marking of `small`, the value of its
//    ground statement;
//  - every clause of a proved invariant holds on every reachable marking of `small`; the paper's
//    properties, conf.cloud, insider.fine-grained and forward.new-files are proved for all sizes
//    where the golden file has them proved, and no verdict contradicts the golden file;
//  - native z3 and cvc5 give the in-process answers on the exported queries (skipped without them);
//  - seeded faults that flip a finite verdict also break the all-sizes proof, and a fault that
//    makes a premise unreachable makes the proof vacuous, never proved;
//  - a proved implication carries a finite witness of its premise: replayed on the model here;
//  - configurations checked on worker threads get the verdicts of one thread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type NetConfig, configName } from '../model/config.js';
import { evaluate, fire, m0Of } from '../model/marking.js';
import { premiseOf } from '../model/vacuity.js';
import { ALL_RULES, buildNet } from '../model/net.js';
import { type Prop, and, show } from '../model/prop.js';
import { propertiesFor, propertyById } from '../model/properties.js';
import type { Ground, Rule } from '../model/rule.js';
import { ACL, RevokedAtUpload, SRS } from '../model/terms.js';
import { defaultAccessOf, joiners, outsiders } from '../model/universe.js';
import { paper, small } from '../universes/index.js';
import { readGolden } from '../report/golden.js';
import { contradictions, verifyAllSizes } from '../smt/all-sizes/catalogue.js';
import { type AllSizesResult, checkAllSizes } from '../smt/all-sizes/check.js';
import { conj } from '../smt/all-sizes/fo.js';
import { evalF } from '../smt/all-sizes/eval.js';
import { instances } from '../smt/all-sizes/instantiate.js';
import { reachable } from '../smt/all-sizes/mine.js';
import { onePatient } from '../smt/all-sizes/symbolic.js';
import { initialMarking } from '../model/net.js';
import { atomOf, factOf } from '../smt/all-sizes/fo.js';
import { propertyClauses, readingOf } from '../smt/all-sizes/reading.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

const CONFIGS: NetConfig[] = [
  { profile: 'paper', variant: 'srs-keys', policy: 'history' },
  { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' },
  { profile: 'adversarial', variant: 'srs-keys', policy: 'history' },
  { profile: 'adversarial', variant: 'owner-keys', policy: 'from-join-date', modules: ['audit', 'tpa', 'time'] },
];
const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();

describe('one definition, two readings: the lifted rules instantiated back are the ground net', () => {
  for (const cfg of CONFIGS)
    for (const U of [small, paper])
      it(`${configName(cfg)} on ${U.name}`, () => {
        const R = readingOf(cfg);
        const net = buildNet(U, cfg);
        const seen = new Map<string, number>();
        for (const c of R.cases)
          for (const inst of instances(c, U)) {
            seen.set(inst.id, (seen.get(inst.id) ?? 0) + 1);
            const t = net.byId.get(inst.id);
            expect(t, `${inst.id} (case ${c.what}) is a ground transition`).toBeDefined();
            expect(show(inst.guard), inst.id).toBe(show(t!.guard));
            expect(sorted(inst.add), inst.id).toEqual(sorted(t!.add));
            expect(sorted(inst.del), inst.id).toEqual(sorted(t!.del));
            const w = (x: { if: Prop; add: readonly string[]; del: readonly string[] }) => `${show(x.if)} | ${sorted(x.add)} | ${sorted(x.del)}`;
            expect(sorted(inst.when.map(w)), inst.id).toEqual(sorted(t!.when.map(w)));
          }
        expect([...seen.entries()].filter(([, n]) => n !== 1)).toEqual([]);
        expect(sorted([...seen.keys()])).toEqual(sorted(net.transitions.map((t) => t.id)));
        // M0: the initial patterns instantiated
        const S = R.init.S;
        const m0 = R.init.patterns.flatMap((p) => {
          let vals = [new Map<string, string>([['P', onePatient(U)]])];
          for (const id of p.args) {
            const s = S.get(id)!;
            if (s.role === 'const') continue;
            vals = vals.flatMap((m) => {
              const dom = s.defaultOf ? [...defaultAccessOf(U, m.get(s.defaultOf!)!, onePatient(U))]
                : s.sort === 'Prin' ? (s.kind === 'outsider' ? outsiders(U, onePatient(U)) : joiners(U, onePatient(U))) : s.sort === 'File' ? [...U.files] : [...U.partitions];
              return m.has(id) ? [m] : dom.map((x) => new Map(m).set(id, x));
            });
          }
          return vals.map((m) => factOf(p.rel, p.args.map((a) => m.get(a) ?? a)));
        });
        expect(sorted(m0)).toEqual(sorted(initialMarking({ U, cfg })));
        expect(atomOf(initialMarking({ U, cfg })[0], () => undefined).rel).toContain('PHR');
      });
});

describe('properties read first-order agree with their ground statements on every reachable marking of small', () => {
  for (const cfg of CONFIGS.slice(0, 3))
    it(configName(cfg), () => {
      const R = readingOf(cfg);
      const net = buildNet(small, cfg);
      const { states, complete } = reachable(net);
      expect(complete).toBe(true);
      for (const p of propertiesFor(cfg).filter((x) => x.kind === 'invariant')) {
        const lifted = conj(...propertyClauses(R, p).map((c) => c.f));
        const stmt = p.statement(net);
        const differ = states.filter((m) => evalF(lifted, net, m) !== evaluate(net, stmt, m));
        expect(`${p.id}: ${differ.length} markings differ`).toBe(`${p.id}: 0 markings differ`);
      }
    });
});

const golden = readGolden('test/golden/verdicts.json');
const REQUIRED = ['paper.no-ungranted-R', 'paper.correct-decryption', 'paper.unauthorised-cannot', 'conf.cloud', 'insider.fine-grained', 'forward.new-files'];
const dir = mkdtempSync(join(tmpdir(), 'sesphr-all-sizes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('all-sizes proofs', () => {
  const runs: Array<{ cfg: NetConfig; results: AllSizesResult[] }> = [];
  for (const cfg of [CONFIGS[0], { profile: 'extended', variant: 'srs-keys', policy: 'from-join-date' } as NetConfig])
    it(`${configName(cfg)}: proved invariants hold on every reachable marking of small; required proofs; no contradiction`, async () => {
      const props = propertiesFor(cfg).filter((p) => p.profiles.includes(cfg.profile));
      const r = await checkAllSizes(cfg, props, { smtOut: join(dir, configName(cfg).replace(/\//g, '.')) });
      runs.push({ cfg, results: r.results });
      const net = buildNet(small, cfg);
      const { states } = reachable(net);
      for (const c of r.kept) expect(states.every((m) => evalF(c.f, net, m)), c.source).toBe(true);
      for (const id of REQUIRED.filter((x) => props.some((p) => p.id === x))) {
        const key = `${id} @ paper/${cfg.profile}/${cfg.variant}/${cfg.policy}`;
        if (golden[key] !== 'proved') continue;
        expect(`${id}: ${r.results.find((x) => x.property === id)!.verdict.kind}`).toBe(`${id}: proved-all-sizes`);
      }
      expect(contradictions(r.results, golden)).toEqual([]);
      // non-vacuity: every rule of the net can fire in some state of the invariant
      expect(r.invariant.nonVacuity.filter((n) => !n.enabled)).toEqual([]);
      // every proved implication carries its premise's witness; a run on small is replayed on the model
      for (const x of r.results) {
        const v = x.verdict;
        const p = propertyById(x.property);
        if (v.kind !== 'proved-all-sizes' || p.kind === 'reachable' || !premiseOf(p, net)) continue;
        expect(v.premise, `${x.property}: a witness of its premise`).toBeDefined();
        if (v.premise?.kind !== 'trace') continue;
        let m = m0Of(net);
        let before = m, last = m;
        for (const step of v.premise.trace.steps) {
          const t = net.byId.get(step.transition)!;
          expect(evaluate(net, t.guard, m), step.transition).toBe(true);
          before = m;
          m = fire(net, t, m);
          last = m;
        }
        const prem = premiseOf(p, net)!;
        const steps = v.premise.trace.steps;
        const met = p.kind === 'step'
          ? evaluate(net, prem, before, { pre: before, post: last, fired: net.byId.get(steps[steps.length - 1].transition)! })
          : evaluate(net, prem, m);
        expect(met, `${x.property}: the witness meets the premise`).toBe(true);
      }
    }, 900_000);

  const has = (bin: string) => spawnSync('which', [bin]).status === 0;
  it('native z3 and cvc5 give the in-process answers on the exported queries', (ctx) => {
    const bins = ['z3', 'cvc5'].filter(has);
    if (!bins.length) {
      console.warn('skipped: neither z3 nor cvc5 is on PATH (apt-get install -y z3 cvc5)');
      ctx.skip();
    }
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.smt2')).map((f) => join(dir, f));
    expect(files.length).toBeGreaterThan(0);
    // the queries that decide: non-vacuity, step properties, the last consecution rounds, a sample of the rest
    const sample = files.filter((f, k) => /enabled|step\.|init/.test(f) || k % 4 === 0);
    // a solver that gave up on every query would clash with nothing: count the answers each one decided
    const decided = new Map(bins.map((b) => [b, { conclusive: 0, asked: 0 }]));
    for (const f of sample) {
      const text = readFileSync(f, 'utf8');
      const want = /^; answers of the in-process solver, in order: (.*)$/m.exec(text)![1].trim().split(/\s+/);
      if (want.includes('unknown')) continue;
      for (const bin of bins) {
        const args = bin === 'z3' ? ['-T:120', f] : ['--incremental', '--finite-model-find', '--tlimit=120000', f];
        const out = spawnSync(bin, args, { encoding: 'utf8' }).stdout.split('\n').map((l) => l.trim()).filter((l) => ['sat', 'unsat', 'unknown'].includes(l));
        // a native solver may give up (unknown) on a satisfiable quantified query; it must never contradict
        const clash = out.map((a, k) => (a !== 'unknown' && a !== want[k] ? `${k}: ${a} vs ${want[k]}` : '')).filter(Boolean);
        expect(`${bin} ${f}: ${clash.join('; ')}`).toBe(`${bin} ${f}: `);
        expect(out.length, `${bin} ${f}`).toBe(want.length);
        const d = decided.get(bin)!;
        d.asked += want.length;
        d.conclusive += out.filter((a) => a !== 'unknown').length;
      }
    }
    // both solvers decide every sampled query here in milliseconds; half leaves room for a slow machine
    for (const [bin, d] of decided) expect(d.conclusive, `${bin}: conclusive answers of ${d.asked}`).toBeGreaterThan(d.asked / 2);
  }, 900_000);
});

/** ALL_RULES with one rule's ground() post-processed. */
function withFault(name: string, change: (g: Ground, b: Readonly<Record<string, string>>) => Ground): Rule[] {
  return ALL_RULES.map((r) => (r.name === name ? { ...r, ground: (b, ctx) => { const g = r.ground(b, ctx); return g && change(g, b); } } : r));
}
const dropConjunct = (guard: Prop, f: string): Prop => (guard.t === 'and' ? and(...guard.as.filter((a) => !(a.t === 'fact' && a.f === f))) : guard);

describe('seeded faults that flip a finite verdict break the all-sizes proof', () => {
  it('Send_Ri without its RevokedAtUpload record: forward.new-files is vacuous, not proved', async () => {
    const cfg: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };
    const rules = withFault('Send_Ri', (g, b) => ({ ...g, when: (g.when ?? []).filter((w) => !w.add.some((f) => f.startsWith(RevokedAtUpload('', b.f, b.i).split('(')[0]))) }));
    const r = await checkAllSizes(cfg, [propertyById('forward.new-files')], { rules });
    expect(r.results[0].verdict.kind).toBe('vacuous');
  }, 900_000);

  it('D_R_S without its ACL check', async () => {
    const cfg: NetConfig = { profile: 'paper', variant: 'srs-keys', policy: 'history' };
    const rules = withFault('D_R_S', (g, b) => ({ ...g, guard: dropConjunct(g.guard, ACL(b.u, b.i)) }));
    const props = ['paper.no-ungranted-R', 'insider.fine-grained'].map(propertyById);
    const r = await checkAllSizes(cfg, props, { rules });
    for (const x of r.results) expect(`${x.property}: ${x.verdict.kind}`).toBe(`${x.property}: violated`);
  }, 900_000);

  it('revocation that leaves the SRS untouched', async () => {
    const cfg: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };
    const rules = withFault('Revoke', (g) => ({ ...g, del: g.del.filter((f) => !f.startsWith('ACL(') && !f.startsWith('Member(') && !f.startsWith(`holds(${SRS},`)) }));
    const r = await checkAllSizes(cfg, [propertyById('forward.new-files')], { rules });
    expect(r.results[0].verdict.kind).not.toBe('proved-all-sizes');
  }, 900_000);
});

describe('configurations on worker threads', () => {
  it('give the verdicts, invariants and witnesses of one thread', async () => {
    const opts = { profiles: ['paper' as const], policies: ['history' as const, 'from-join-date' as const], modules: [] };
    const out = { two: mkdtempSync(join(tmpdir(), 'sesphr-all-sizes-')), one: mkdtempSync(join(tmpdir(), 'sesphr-all-sizes-')) };
    const [two, one] = [await verifyAllSizes({ ...opts, workers: 2, smtOut: out.two }), await verifyAllSizes({ ...opts, workers: 1, smtOut: out.one })];
    expect(two.threads).toBe(2);
    expect(one.threads).toBe(1);
    // the run names every file it wrote, on any number of threads: the same files
    const onDisk = (d: string) => readdirSync(d, { recursive: true }).map(String).filter((f) => f.endsWith('.smt2')).sort();
    const named = (d: string, files: readonly string[]) => files.map((f) => f.slice(d.length + 1)).sort();
    expect(named(out.two, two.files)).toEqual(onDisk(out.two));
    expect(named(out.one, one.files)).toEqual(onDisk(out.one));
    expect(onDisk(out.two)).toEqual(onDisk(out.one));
    expect(one.files.length).toBeGreaterThan(0);
    for (const d of Object.values(out)) rmSync(d, { recursive: true, force: true });
    const view = (r: typeof one) => ({
      verdicts: r.results.map((x) => `${x.property} @ ${x.profile}/${x.variant}/${x.policy}: ${x.verdict.kind}${x.verdict.kind === 'proved-all-sizes' ? ` ${x.verdict.premise?.kind ?? ''}` : ''}`),
      invariants: r.configs.map((c) => `${c.config}: ${c.invariant.map((k) => k.clause).join(' | ')}`),
    });
    expect(view(two)).toEqual(view(one));
  }, 900_000);
});
