import { describe, expect, it } from 'vitest';
import { compile } from '../model/compile.js';
import { evaluate, fire, has, keyOf, m0Of, type Marking } from '../model/marking.js';
import { RP, RU, SRS, holds } from '../model/terms.js';
import { buildNet } from '../model/net.js';
import { refusalReason } from '../model/refusal.js';
import { stepRefusal } from '../model/step-refusal.js';
import { validConfigs } from '../model/config.js';
import { small } from '../universes/index.js';

describe('refusal reasons follow the guard of D_R_S / D_R_F (rules 31, 32)', () => {
  it.each(validConfigs())('on every reachable marking of small: %o', (cfg) => {
    const net = buildNet(small, cfg);
    const guards = net.transitions.map((t) => compile(net, t.guard));
    const requests = net.transitions.filter((t) => t.rule.name === 'D_R_S').map((s) => [s, net.byId.get(s.id.replace('D_R_S', 'D_R_F'))!] as const);
    const seen = new Set<string>();
    const queue: Marking[] = [m0Of(net)];
    const reasons = new Set<string>();
    for (let k = 0; k < queue.length; k++) {
      const m = queue[k];
      for (const [s, f] of requests) {
        const reason = refusalReason(net, m, s.binding.u, s.binding.f, s.binding.i);
        const granted = guards[s.index](m), refused = guards[f.index](m);
        // Rules 31 and 32 both need R^P at the SRS: before the upload neither fires, whatever the reason.
        if (!has(net, m, holds(SRS, RP(s.binding.f, s.binding.i)))) expect(granted || refused, `${s.id}: nothing uploaded, no request possible`).toBe(false);
        else {
          // a grant is a firing only while u lacks R^U: the net has no self-loop for a repeat
          const fresh = !has(net, m, holds(s.binding.u, RU(s.binding.u, s.binding.f, s.binding.i)));
          expect(reason === undefined && fresh, `${s.id} enabled iff no reason (and R^U not yet held)`).toBe(granted);
          expect(reason !== undefined, `${f.id} enabled iff a reason`).toBe(refused);
        }
        reasons.add(reason ?? 'granted');
      }
      net.transitions.forEach((t, ti) => {
        if (!guards[ti](m)) return;
        const n = fire(net, t, m);
        const key = keyOf(n);
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(n);
        }
      });
    }
    expect(reasons.has('granted')).toBe(true);
    expect(reasons.size).toBeGreaterThan(2);
  });
});

describe('step refusals follow every transition\'s own guard (model/step-refusal.ts)', () => {
  // the extended profile holds the lifecycle; the adversarial nets add two rules and take ~4x longer
  it.each(validConfigs().filter((c) => c.profile === 'extended'))('on every reachable marking of small, for every transition: a reason exactly when disabled, and its evidence holds there: %o', (cfg) => {
    const net = buildNet(small, cfg);
    const guards = net.transitions.map((t) => compile(net, t.guard));
    const seen = new Set<string>([keyOf(m0Of(net))]);
    const queue: Marking[] = [m0Of(net)];
    const reasons = new Set<string>();
    for (let k = 0; k < queue.length; k++) {
      const m = queue[k];
      net.transitions.forEach((t, ti) => {
        const r = stepRefusal(net, m, t);
        expect(r === undefined, `${t.id}: a reason exactly when disabled`).toBe(guards[ti](m));
        if (r) {
          expect(evaluate(net, r.evidence, m), `${t.id}: evidence of ${r.reason} holds`).toBe(true);
          reasons.add(`${t.rule.name}:${r.reason}`);
          return;
        }
        const n = fire(net, t, m);
        if (!seen.has(keyOf(n))) {
          seen.add(keyOf(n));
          queue.push(n);
        }
      });
    }
    // the lifecycle's refusals all occur on small
    for (const x of ['Approve:NOT_REGISTERED', 'Approve:ALREADY_APPROVED', 'Approve:REVOKED', 'Grant:NOT_APPROVED', 'Grant:REVOKED', 'Revoke:NOT_REGISTERED', 'Revoke:REVOKED', 'Register:DUPLICATE_USER'])
      expect(reasons, x).toContain(x);
  }, 120_000);
});
