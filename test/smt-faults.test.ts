// Seeded faults: faulty nets built from the same definition by wrapping a rule's
// ground(), each of which must flip the SMT verdict of the property meant to catch it, with a
// counterexample that replays on the faulty net's machine.
import { afterAll, describe, expect, it } from 'vitest';
import type { NetConfig } from '../model/config.js';
import { replay } from '../model/machine.js';
import { ALL_RULES, buildNet } from '../model/net.js';
import { type Prop, and } from '../model/prop.js';
import { propertyById } from '../model/properties.js';
import type { Ground, Rule } from '../model/rule.js';
import { ACL, C, SRS, holds } from '../model/terms.js';
import { small } from '../universes/index.js';
import { verifyProperty } from '../smt/verify.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

/** ALL_RULES with one rule's ground() post-processed. */
function withFault(name: string, change: (g: Ground, b: Readonly<Record<string, string>>) => Ground): Rule[] {
  return ALL_RULES.map((r) => (r.name === name ? { ...r, ground: (b, ctx) => { const g = r.ground(b, ctx); return g && change(g, b); } } : r));
}
const dropConjunct = (guard: Prop, f: string): Prop => (guard.t === 'and' ? and(...guard.as.filter((a) => !(a.t === 'fact' && a.f === f))) : guard);

async function verdict(cfg: NetConfig, id: string, rules?: Rule[]) {
  const net = buildNet(small, cfg, { rules });
  const r = await verifyProperty(net, propertyById(id), { timeoutSeconds: 60 });
  if (r.verdict.kind === 'violated') replay(net, r.verdict.trace.steps.map((s) => ({ type: s.rule, ...s.binding })));
  return r.verdict.kind;
}

const paperCfg: NetConfig = { profile: 'paper', variant: 'srs-keys', policy: 'history' };
const extendedCfg: NetConfig = { profile: 'extended', variant: 'srs-keys', policy: 'history' };

describe('seeded faults flip the verdict of the property that should catch them', () => {
  it('D_R_S without its ACL check: a member obtains R^U for an ungranted partition', async () => {
    const rules = withFault('D_R_S', (g, b) => ({ ...g, guard: dropConjunct(g.guard, ACL(b.u, b.i)) }));
    for (const id of ['paper.no-ungranted-R', 'insider.fine-grained']) {
      expect(`${id}: ${await verdict(paperCfg, id)}`).toBe(`${id}: proved`);
      expect(`${id}: ${await verdict(paperCfg, id, rules)}`).toBe(`${id}: violated`);
    }
  });

  it('Send_C also delivering the ciphertext to the SRS: the SRS gets data', async () => {
    const rules = withFault('Send_C', (g, b) => ({ ...g, add: [...g.add, holds(SRS, C(b.f, b.i))] }));
    expect(await verdict(paperCfg, 'conf.srs-never-gets-data')).toBe('proved');
    expect(await verdict(paperCfg, 'conf.srs-never-gets-data', rules)).toBe('violated');
  });

  it('revocation keeping the ACL entries alone is masked: D_R_S also needs membership and the SRS keys, both revoked', async () => {
    // A finding, not a failure: the model checks the ACL, Member(u) and the SRS's key material,
    // and Revoke removes all three, so forgetting only the ACL entries is caught by the others.
    const rules = withFault('Revoke', (g) => ({ ...g, del: g.del.filter((f) => !f.startsWith('ACL(')) }));
    expect(await verdict(extendedCfg, 'forward.new-files', rules)).toBe('proved');
  });

  it('revocation that leaves the SRS untouched (ACL entries, membership, keys): a revoked user reads new uploads', async () => {
    const rules = withFault('Revoke', (g) => ({ ...g, del: g.del.filter((f) => !f.startsWith('ACL(') && !f.startsWith('Member(') && !f.startsWith(`holds(${SRS},`)) }));
    expect(await verdict(extendedCfg, 'forward.new-files')).toBe('proved');
    expect(await verdict(extendedCfg, 'forward.new-files', rules)).toBe('violated');
  });
});
