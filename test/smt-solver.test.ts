// The solver plumbing and the encodings the catalogue run seldom reaches: z3 errors reported in
// its output text become exceptions, the wall-clock limit interrupts and the next query still
// works, and the Horn-clause encoding (Spacer, now a fallback) answers as the explorer does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNet } from '../model/net.js';
import { not } from '../model/prop.js';
import { propertyById } from '../model/properties.js';
import { small } from '../universes/index.js';
import { chcScript } from '../smt/chc.js';
import { slice } from '../smt/slice.js';
import { netSystem } from '../smt/system.js';
import { commandKey, forgetAnswered, learnAnswered } from '../smt/answered.js';
import { Session, SolverError, SolverTimeout, shutdownZ3, z3Version } from '../smt/z3.js';
import { FACTORING_64 } from './support/z3-queries.js';

afterAll(shutdownZ3);

describe('solver handling', () => {
  it('records the Z3 version', async () => {
    expect(await z3Version()).toMatch(/z3/i);
  });

  it('runs the z3-solver build as patched by patches/ (npm install applies it)', () => {
    // the build checks emscripten's function-table cache on every indirect call, about a fifth
    // of the solver's CPU; the patch leaves that check out and nothing else
    const built = readFileSync(createRequire(import.meta.url).resolve('z3-solver/build/z3-built.js'), 'utf8');
    expect(built).not.toContain("assert(wasmTable.get(funcPtr) == func");
    expect(built).toContain('wasmTableMirror[funcPtr] = func = wasmTable.get(funcPtr)');
  });

  it('turns an error inside z3\'s output into an exception', async () => {
    const s = await Session.open(10);
    try {
      await expect(s.send('(assert undeclared)')).rejects.toBeInstanceOf(SolverError);
    } finally {
      s.close();
    }
  });

  it('interrupts a query at the wall-clock limit, and the next query still works', async () => {
    const s = await Session.open(0.3);
    try {
      await expect(s.check(FACTORING_64)).rejects.toBeInstanceOf(SolverTimeout);
    } finally {
      s.close();
    }
    const next = await Session.open(10);
    try {
      expect(await next.check('(declare-const b Bool)(assert b)(check-sat)')).toBe('sat');
    } finally {
      next.close();
    }
  });

  it('stops at the limit while it replays commands answered earlier, as when it solves them', async () => {
    // an answer given before (here told), so the session skips the hard query until a later command needs its context
    learnAnswered([[commandKey('', FACTORING_64), 'sat\n']]);
    const s = await Session.open(0.3);
    try {
      expect(await s.check(FACTORING_64)).toBe('sat');
      await expect(s.send('(get-value (x))')).rejects.toBeInstanceOf(SolverTimeout);
    } finally {
      s.close();
      forgetAnswered();
    }
  });
});

describe('Horn clauses (Spacer) agree with the explorer on small', () => {
  const net = buildNet(small, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
  const sys = netSystem(net);
  const chc = async (id: string) => {
    const bad = not(sys.fold(propertyById(id).statement(net)));
    const sl = slice(sys, [bad]);
    const s = await Session.open(60);
    try {
      return await s.check(chcScript(sl, { kind: 'state', p: bad }));
    } finally {
      s.close();
    }
  };
  it('a proved invariant has a model (sat: an inductive invariant exists)', async () => {
    expect(await chc('paper.unauthorised-cannot')).toBe('sat');
  });
  it('a violated invariant has none (unsat: the bad state is reachable)', async () => {
    expect(await chc('collusion.srs-cloud')).toBe('unsat');
  });
});
