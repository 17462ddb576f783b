import { afterAll, describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { knows } from '../model/prop.js';
import { PHR } from '../model/terms.js';
import { small } from '../universes/index.js';
import { parseScenario } from '../scenarios/load.js';
import { runOnModel } from '../scenarios/run-model.js';
import { checkOnSmt } from '../scenarios/run-smt.js';
import { checkSequence } from '../smt/sequence.js';
import { shutdownZ3 } from '../smt/z3.js';

afterAll(shutdownZ3);

const HEAD = 'name: t\nuniverse: small\nprofile: adversarial\nvariant: srs-keys\npolicy: history\nsteps:\n';

describe('a scenario as a trace constraint for Z3', () => {
  it('a true expectation is entailed, and the sequence is reachable', async () => {
    const s = parseScenario('t.yaml', HEAD + '  - keys: P\n  - upload: f1\n  - expect: {can-read: [{party: [SRS, Cloud], file: f1, partition: medical}], cannot-read: [{party: Cloud, file: f1, partition: medical}]}\n');
    const c = await checkOnSmt(s, runOnModel(s));
    expect(c).toMatchObject({ reachable: true, entailed: true, answers: ['sat', 'unsat'] });
    expect(c.smt2).toContain('(check-sat)');
  });

  it('a false expectation is not entailed (the solver finds the run where it fails)', async () => {
    const s = parseScenario('t.yaml', HEAD + '  - keys: P\n  - upload: f1\n  - expect: {cannot-read: [{party: [SRS, Cloud], file: f1, partition: medical}]}\n');
    const c = await checkOnSmt(s, runOnModel(s));
    expect(c).toMatchObject({ reachable: true, entailed: false, answers: ['sat', 'sat'] });
  });

  it('a sequence the net cannot fire is unreachable', async () => {
    const net = buildNet(small, { profile: 'extended', variant: 'srs-keys', policy: 'history' });
    const c = await checkSequence(net, [{ type: 'Gen_ri', f: 'f1', i: 'medical' }, { type: 'Send_C', f: 'f1', i: 'medical' }], new Map([[2, [knows(['Cloud'], PHR('f1', 'medical'))]]]));
    expect(c.reachable).toBe(false);
  });
});
