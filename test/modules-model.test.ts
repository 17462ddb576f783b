// The modules in the one net (model/rules/modules.ts): off by default and then invisible; on, their
// rules and extensions stay inside their declared arcs, the machine agrees with the net, and the
// explorer computes the module properties' verdicts exhaustively on `small`.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type Module, type NetConfig } from '../model/config.js';
import { groundPlaces } from '../model/export/flow.js';
import { explore } from '../model/explore.js';
import { createNetMachine, eventOf } from '../model/machine.js';
import { enabledTransitions, evaluate, fire, has, keyOf, m0Of } from '../model/marking.js';
import { buildNet } from '../model/net.js';
import { CATALOGUE, MODULE_CATALOGUE, propertiesFor, propertyById } from '../model/properties.js';
import { refusalReason } from '../model/refusal.js';
import { RP, RU, SRS, holds } from '../model/terms.js';
import { paper, small } from '../universes/index.js';
import { parseScenario } from '../scenarios/load.js';
import { runOnModel } from '../scenarios/run-model.js';

const ALL: Module[] = ['audit', 'tpa', 'time'];
const base: NetConfig = { profile: 'adversarial', variant: 'srs-keys', policy: 'history' };

describe('modules are a fourth, optional axis', () => {
  it('no modules (absent or empty) is exactly the net it always was', () => {
    for (const U of [small, paper]) {
      const a = buildNet(U, base), b = buildNet(U, { ...base, modules: [] });
      expect(b.transitions.map((t) => t.id)).toEqual(a.transitions.map((t) => t.id));
      expect(b.facts).toEqual(a.facts);
      expect(a.facts.some((f) => /^(Logged|Corrupted|Detected|Expired)\(|TPA/.test(f))).toBe(false);
    }
    expect(propertiesFor(base).map((p) => p.id)).toEqual(CATALOGUE.map((p) => p.id));
  });

  it('each module brings only its own rules and properties', () => {
    const rules = (m: Module[]) => new Set(buildNet(small, { ...base, modules: m }).rules.map((r) => r.name));
    const none = rules([]);
    expect([...rules(['tpa'])].filter((r) => !none.has(r)).sort()).toEqual(['Corrupt_C', 'TPA_Challenge_F', 'TPA_Challenge_S']);
    expect([...rules(['time'])].filter((r) => !none.has(r))).toEqual(['Expire']);
    expect([...rules(['audit'])].filter((r) => !none.has(r))).toEqual([]);
    expect(propertiesFor({ ...base, modules: ['time'] }).filter((p) => p.modules).map((p) => p.id)).toEqual(['time.no-R-outside-window', 'time.expired-keeps']);
    expect(propertyById('tpa.detects').modules).toEqual(['tpa']);
    expect(() => buildNet(small, { ...base, modules: ['blockchain' as Module] })).toThrow(/unknown module 'blockchain'/);
  });

  it('every ground instance stays inside its (extended) arcs, and the machine agrees with the net', () => {
    const net = buildNet(paper, { ...base, modules: ALL });
    for (const [rule, { reads, writes }] of groundPlaces(net)) {
      const r = net.rules.find((x) => x.name === rule)!;
      for (const p of reads) expect(r.arcs.in, `${rule} reads ${p}`).toContain(p);
      for (const p of writes) expect(r.arcs.out, `${rule} writes ${p}`).toContain(p);
    }
    expect(net.rules.find((r) => r.name === 'D_R_S')!.reading).toMatch(/\[audit\]/);
    const actor = createActor(createNetMachine(net)).start();
    let m = m0Of(net);
    for (let k = 0; k < 300; k++) {
      const en = enabledTransitions(net, m);
      if (!en.length) break;
      const t = en[(k * 7919) % en.length];
      m = fire(net, t, m);
      actor.send(eventOf(t));
      expect(keyOf(actor.getSnapshot().context.marking)).toBe(keyOf(m));
    }
    actor.stop();
  });
});

describe('the explorer on small with all three modules on', () => {
  it.each(['srs-keys', 'owner-keys'] as const)('is exhaustive, and computes every module property (%s)', (variant) => {
    const cfg: NetConfig = { ...base, variant, modules: ALL };
    const r = explore(buildNet(small, cfg), MODULE_CATALOGUE);
    expect(r.complete).toBe(true);
    const v = Object.fromEntries(r.verdicts.map((x) => [x.id, x.verdict.kind]));
    expect(v).toEqual({
      'audit.every-R-logged': 'proved', 'audit.append-only': 'proved',
      'tpa.reads-nothing': 'proved', 'tpa.detects': 'proved', 'tpa.no-false-alarm': 'proved', 'tpa.detection-reachable': 'witness',
      'time.no-R-outside-window': 'proved', 'time.expired-keeps': 'witness',
    });
  });

  it('a module property is not vacuous: dropping the window guard makes time.no-R-outside-window fail', () => {
    // a seeded fault: D_R_S without the time module's guard (the rule grounded as if time were off)
    const cfg: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history', modules: ['time'] };
    const healthy = buildNet(small, cfg);
    const noTime = buildNet(small, { ...cfg, modules: [] });
    const faulty = { ...healthy, transitions: healthy.transitions.map((t) => (t.rule.name === 'D_R_S' ? { ...t, guard: noTime.byId.get(t.id)!.guard } : t)) };
    const r = explore(faulty, [propertyById('time.no-R-outside-window')]);
    expect(r.verdicts[0].verdict.kind).toBe('violated');
  });
});

describe('refusal reasons with the time module', () => {
  it.each(['srs-keys', 'owner-keys'] as const)('OUTSIDE_WINDOW exactly where the window guard refuses, on every reachable marking of small (%s)', (variant) => {
    const net = buildNet(small, { profile: 'extended', variant, policy: 'from-join-date', modules: ['time'] });
    const requests = net.transitions.filter((t) => t.rule.name === 'D_R_S').map((s) => [s, net.byId.get(s.id.replace('D_R_S', 'D_R_F'))!] as const);
    const seen = new Set<string>();
    const queue = [m0Of(net)];
    const reasons = new Set<string>();
    for (let k = 0; k < queue.length; k++) {
      const m = queue[k];
      for (const [s, f] of requests) {
        const { u, f: file, i } = s.binding;
        if (!has(net, m, holds(SRS, RP(file, i)))) continue;
        const reason = refusalReason(net, m, u, file, i);
        const fresh = !has(net, m, holds(u, RU(u, file, i)));
        expect(reason === undefined && fresh).toBe(evaluate(net, s.guard, m));
        expect(reason !== undefined).toBe(evaluate(net, f.guard, m));
        reasons.add(reason ?? 'granted');
      }
      for (const t of enabledTransitions(net, m)) {
        const n = fire(net, t, m);
        if (!seen.has(keyOf(n))) {
          seen.add(keyOf(n));
          queue.push(n);
        }
      }
    }
    expect(reasons.has('OUTSIDE_WINDOW')).toBe(true);
  });
});

describe('scenarios name the module a verb needs', () => {
  const HEAD = 'name: t\nuniverse: small\nprofile: extended\nvariant: srs-keys\npolicy: history\n';
  it('an unknown module is a schema error at its line', () => {
    expect(() => parseScenario('m.yaml', HEAD + 'modules: [blockchain]\nsteps:\n  - keys: P\n')).toThrow(/^m\.yaml:6:\d+: modules\.0: /);
  });
  it('a module verb without its module: the model has no such transition', () => {
    const s = parseScenario('m.yaml', HEAD + 'steps:\n  - keys: P\n  - join: d\n  - expire: d\n');
    expect(() => runOnModel(s)).toThrow(/m\.yaml:9: step 3 \(expire\): the net has no transition .*Expire/);
  });
  it('with the module the same steps run', () => {
    const s = parseScenario('m.yaml', HEAD + 'modules: [time]\nsteps:\n  - keys: P\n  - join: d\n  - expire: d\n');
    expect(runOnModel(s).events.map((e) => e.transition)).toContain('Expire(d)');
  });
});
