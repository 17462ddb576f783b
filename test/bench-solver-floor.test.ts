// The floor of `sesphr verify` in the bench: Z3 alone on the distinct query files a catalogue wrote.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { solverFloor } from '../bench/solver-floor.js';
import { nativeZ3 } from '../smt/native-z3.js';

const dir = mkdtempSync(join(tmpdir(), 'sesphr-solver-floor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const query = (n: number) => `(set-option :produce-models true)\n${Array.from({ length: n }, (_, i) => `(declare-const x${i} Int)\n(assert (> x${i} ${i}))`).join('\n')}\n(check-sat)\n(get-value (x0))\n`;

describe('the solver floor', () => {
  it('solves each distinct file once, on the threads asked, with the build the catalogue uses', async () => {
    mkdirSync(join(dir, 'ok', 'paper'), { recursive: true });
    // the same commands under two names and two headers are one session for the catalogue
    writeFileSync(join(dir, 'ok', 'paper', 'a.part0.bmc.smt2'), `; header of a\n${query(3)}`);
    writeFileSync(join(dir, 'ok', 'paper', 'b.part0.bmc.smt2'), `; header of b, other words\n${query(3)}`);
    writeFileSync(join(dir, 'ok', 'c.part1.inductive-invariant.smt2'), query(40));
    writeFileSync(join(dir, 'ok', 'notes.txt'), 'not a query');
    const f = await solverFloor(join(dir, 'ok'), 2);
    expect(f).toMatchObject({ files: 2, found: 3, threads: 2, build: nativeZ3() ? 'native' : 'wasm' });
    expect(f.seconds).toBeGreaterThan(0);
    expect(f.cpuSeconds).toBeGreaterThan(0);
  }, 120_000);

  it('refuses files z3 answers with an error, naming the folder', async () => {
    mkdirSync(join(dir, 'bad'), { recursive: true });
    writeFileSync(join(dir, 'bad', 'x.smt2'), '(assert (> y 0))\n(check-sat)\n');
    await expect(solverFloor(join(dir, 'bad'), 1)).rejects.toThrow(/1 of 1 query files from .*bad answered with an error/);
  }, 120_000);
});
