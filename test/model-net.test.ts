import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type NetConfig, type Profile } from '../model/config.js';
import { DEFECTS } from '../model/defects.js';
import { groundPlaces } from '../model/export/flow.js';
import { type NetEvent, createNetMachine, eventOf, replay, ReplayError } from '../model/machine.js';
import { enabledTransitions, evaluate, fire, has, keyOf, m0Of } from '../model/marking.js';
import { ALL_RULES, buildNet } from '../model/net.js';
import { compile } from '../model/compile.js';
import { CATALOGUE } from '../model/properties.js';
import { PHR, holds } from '../model/terms.js';
import { paper, small } from '../universes/index.js';

const CONFIGS: NetConfig[] = [
  { profile: 'paper', variant: 'srs-keys', policy: 'history' },
  { profile: 'extended', variant: 'srs-keys', policy: 'from-join-date' },
  { profile: 'extended', variant: 'owner-keys', policy: 'history' },
  { profile: 'adversarial', variant: 'owner-keys', policy: 'from-join-date' },
  { profile: 'adversarial', variant: 'srs-keys', policy: 'history' },
];

describe('the rules read like the paper', () => {
  it('has the eleven transitions of Fig. 2 with equation numbers 23-33, in order', () => {
    const paperRules = ALL_RULES.filter((r) => r.profile === 'paper' && !r.module);
    expect(paperRules.map((r) => r.name)).toEqual(['Gen_Key', 'Send_Keys', 'Gen_ri', 'Encrypt_Pi', 'Compt_Ri', 'Send_C', 'Send_Ri', 'D_C', 'D_R_S', 'D_R_F', 'Decrypt_ri']);
    expect(paperRules.map((r) => r.eq)).toEqual([23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33]);
  });

  it('cites only documented defect resolutions', () => {
    const ids = new Set(DEFECTS.map((d) => d.id));
    for (const r of ALL_RULES) for (const d of r.defects ?? []) expect(ids, `${r.name} cites ${d}`).toContain(d);
  });

  it.each(CONFIGS)('every ground instance reads and writes only its declared arcs (%o)', (cfg) => {
    const net = buildNet(cfg.profile === 'paper' ? paper : small, cfg);
    for (const [rule, { reads, writes }] of groundPlaces(net)) {
      const r = net.rules.find((x) => x.name === rule)!;
      for (const p of reads) expect(r.arcs.in, `${rule} reads ${p}`).toContain(p);
      for (const p of writes) expect(r.arcs.out, `${rule} writes ${p}`).toContain(p);
    }
  });
});

describe('the XState machine agrees with the net', () => {
  for (const U of [small, paper]) {
    for (const cfg of CONFIGS) {
      it(`step by step on random firing sequences: ${U.name} ${cfg.profile} ${cfg.variant} ${cfg.policy}`, () => {
        const net = buildNet(U, cfg);
        fc.assert(
          fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (choices) => {
            const actor = createActor(createNetMachine(net)).start();
            let m = m0Of(net);
            for (const c of choices) {
              const en = enabledTransitions(net, m);
              // Also send an event whose guard is false now and then: the machine must refuse it.
              const disabled = net.transitions.filter((t) => !en.includes(t));
              if (c % 7 === 0 && disabled.length) {
                actor.send(eventOf(disabled[c % disabled.length]));
                expect(keyOf(actor.getSnapshot().context.marking)).toBe(keyOf(m));
              }
              if (en.length === 0) break;
              const t = en[c % en.length];
              m = fire(net, t, m);
              actor.send(eventOf(t));
              expect(keyOf(actor.getSnapshot().context.marking)).toBe(keyOf(m));
            }
            actor.stop();
          }),
          { numRuns: 40, seed: 42 },
        );
      });
    }
  }

  it('replay refuses an event whose guard is false, naming the step', () => {
    const net = buildNet(small, CONFIGS[0]);
    expect(() => replay(net, [{ type: 'Send_C', f: 'f1', i: 'medical' }])).toThrow(ReplayError);
    expect(() => replay(net, [{ type: 'Send_C', f: 'f1', i: 'medical' }])).toThrow(/step 1: Send_C\(f1,medical\) is not enabled/);
    expect(() => replay(net, [{ type: 'Nope' }])).toThrow(/no transition/);
  });
});

describe('reachability on the paper universe', () => {
  it("the paper's flow (keys, encrypt, upload, request, decrypt) ends with the granted user holding the plaintext", () => {
    const net = buildNet(paper, CONFIGS[0]);
    const flow: NetEvent[] = [
      { type: 'Gen_Key', x: 'P' }, { type: 'Send_Keys', x: 'P' }, { type: 'Gen_Key', x: 'doc' }, { type: 'Send_Keys', x: 'doc' },
      { type: 'Gen_ri', f: 'f1', i: 'medical' }, { type: 'Encrypt_Pi', f: 'f1', i: 'medical' }, { type: 'Compt_Ri', f: 'f1', i: 'medical' },
      { type: 'Send_C', f: 'f1', i: 'medical' }, { type: 'Send_Ri', f: 'f1', i: 'medical' },
      { type: 'D_C', u: 'doc', f: 'f1', i: 'medical' }, { type: 'D_R_S', u: 'doc', f: 'f1', i: 'medical' }, { type: 'Decrypt_ri', u: 'doc', f: 'f1', i: 'medical' },
    ];
    const ms = replay(net, flow);
    const last = ms[ms.length - 1];
    expect(has(net, last, holds('doc', PHR('f1', 'medical')))).toBe(true);
    // and the pharmacist, not granted medical, is refused: D_R_F enabled, D_R_S not
    expect(net.byId.get('D_R_S(pha,f1,medical)')).toBeDefined();
    expect(evaluate(net, net.byId.get('D_R_S(pha,f1,medical)')!.guard, last)).toBe(false);
    expect(evaluate(net, net.byId.get('D_R_F(pha,f1,medical)')!.guard, last)).toBe(true);
  });

  it.each(['paper', 'extended', 'adversarial'] as Profile[])('every rule of the %s profile is enabled in some reachable state (random walks)', (profile) => {
    const net = buildNet(paper, { profile, variant: 'srs-keys', policy: 'history' });
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 400, maxLength: 400 }), (choices) => {
        let m = m0Of(net);
        for (const c of choices) {
          const en = enabledTransitions(net, m);
          en.forEach((t) => seen.add(t.rule.name));
          if (!en.length) break;
          m = fire(net, en[c % en.length], m);
        }
      }),
      { numRuns: 20, seed: 7 },
    );
    expect([...seen].sort()).toEqual(net.rules.map((r) => r.name).sort());
  });
});

describe('compiled formulas agree with the reference evaluator', () => {
  it('on every catalogue statement along random runs', () => {
    const net = buildNet(small, CONFIGS[4]);
    const props = CATALOGUE.filter((p) => p.kind !== 'step').map((p) => [p, compile(net, p.statement(net))] as const);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
        let m = m0Of(net);
        for (const c of choices) {
          for (const [p, f] of props) expect(f(m, undefined, new Map()), p.id).toBe(evaluate(net, p.statement(net), m));
          const en = enabledTransitions(net, m);
          if (!en.length) break;
          m = fire(net, en[c % en.length], m);
        }
      }),
      { numRuns: 30, seed: 3 },
    );
  });
});
