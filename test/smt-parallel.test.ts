// The catalogue on worker threads (smt/parallel.ts) must be the catalogue on one thread, only
// faster: the same verdicts, the same parts taken as proved, the same .smt2 files byte for byte.
// And it must end: a query past its time limit is `unknown` as on one thread, and a worker that
// dies rejects the run instead of hanging it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { small } from '../universes/index.js';
import { nextRun, runOnWorkers, WorkerError } from '../smt/parallel.js';
import type { VerifyResult } from '../smt/verdict.js';
import { plannedRuns, verifyCatalogue } from '../smt/catalogue.js';
import { shutdownZ3 } from '../smt/z3.js';

const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'sesphr-parallel-')); dirs.push(d); return d; };
afterAll(async () => {
  await shutdownZ3();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const files = (dir: string) => {
  const sub = join(dir, 'small');
  return Object.fromEntries(readdirSync(sub).sort().map((f) => [f, readFileSync(join(sub, f), 'utf8')]));
};
const gist = (rs: readonly VerifyResult[]) => rs.map((r) => ({ property: r.property, profile: r.profile, variant: r.variant, policy: r.policy, verdict: r.verdict, how: r.how }));

describe('the catalogue on worker threads', () => {
  // parts shared across configurations (taken as proved) and a violation with its trace
  const properties = ['paper.correct-decryption', 'insider.fine-grained', 'collusion.srs-cloud'];

  it('reaches the same verdicts and writes the same .smt2 files as one thread', async () => {
    const one = tmp(), two = tmp();
    const a = await verifyCatalogue({ universe: 'small', properties, smtOut: one, workers: 1 });
    const order: string[] = [];
    const b = await verifyCatalogue({ universe: 'small', properties, smtOut: two, workers: 2, onResult: (r) => order.push(`${r.property}/${r.profile}/${r.variant}/${r.policy}`) });
    expect(gist(b)).toEqual(gist(a));
    expect(b.some((r) => r.how.includes('as proved'))).toBe(true);
    expect(b.some((r) => r.verdict.kind === 'violated')).toBe(true);
    expect(order).toEqual(a.map((r) => `${r.property}/${r.profile}/${r.variant}/${r.policy}`));
    const fa = files(one), fb = files(two);
    expect(Object.keys(fb)).toEqual(Object.keys(fa));
    for (const f of Object.keys(fa)) expect(fb[f], f).toBe(fa[f]);
  });

  it('takes the same premise parts as proved as one thread', async () => {
    // each run's premise shares its parts with the runs before it: a worker must be handed their proofs
    const one = tmp(), two = tmp();
    const a = await verifyCatalogue({ universe: 'small', properties: ['tpa.detects'], smtOut: one, workers: 1 });
    const b = await verifyCatalogue({ universe: 'small', properties: ['tpa.detects'], smtOut: two, workers: 2 });
    expect(gist(b)).toEqual(gist(a));
    expect(b.map((r) => r.vacuity?.how)).toEqual(a.map((r) => r.vacuity?.how));
    // the later runs ask fewer queries than the first: they take its premise parts as proved
    expect(a.slice(1).some((r) => r.queries.length < a[0]!.queries.length)).toBe(true);
    expect(b.map((r) => r.queries.length)).toEqual(a.map((r) => r.queries.length));
    expect(Object.keys(files(two))).toEqual(Object.keys(files(one)));
  });

  it('does not depend on an earlier catalogue of the process: no part of it is taken as proved', async () => {
    // the test above ran these properties on this universe just before, in this process
    const again = tmp(), first = tmp();
    const a = await verifyCatalogue({ universe: 'small', properties, smtOut: first, workers: 1 });
    const b = await verifyCatalogue({ universe: 'small', properties, smtOut: again, workers: 1 });
    expect(gist(b)).toEqual(gist(a));
    expect(a.some((r) => /[1-9]\d* invariant/.test(r.how))).toBe(true);
    expect(Object.keys(files(again))).toEqual(Object.keys(files(first)));
  });

  it('gives two catalogues started together in one process what each gives alone', async () => {
    // the later runs of tpa.detects take the first's premise parts as proved; a catalogue started
    // beside it must not empty that table under it, nor it the other's
    const alone = tmp(), left = tmp(), right = tmp();
    const a = await verifyCatalogue({ universe: 'small', properties: ['tpa.detects'], smtOut: alone, workers: 1 });
    const [b, c] = await Promise.all([
      verifyCatalogue({ universe: 'small', properties: ['tpa.detects'], smtOut: left, workers: 1 }),
      verifyCatalogue({ universe: 'small', properties: ['tpa.detects'], smtOut: right, workers: 2 }),
    ]);
    for (const [r, dir] of [[b, left], [c, right]] as const) {
      expect(gist(r)).toEqual(gist(a));
      expect(r.map((x) => x.queries.length)).toEqual(a.map((x) => x.queries.length));
      expect(Object.keys(files(dir))).toEqual(Object.keys(files(alone)));
    }
  });

  it('keeps the time limit per query: past it a verdict is unknown, and the run ends', async () => {
    const rs = await verifyCatalogue({ universe: 'small', properties: ['insider.fine-grained'], profiles: ['extended'], timeoutSeconds: 0.001, workers: 2 });
    expect(rs.length).toBeGreaterThan(1);
    for (const r of rs) expect(r.verdict.kind).toBe('unknown');
  });

  it('rejects the run when a worker dies, instead of hanging', async () => {
    const runs = plannedRuns({ universe: 'small', properties: ['conf.cloud'] }).map(({ property, cfg }) => ({ property: property.id, cfg, keys: () => [] }));
    // a worker that cannot fit its own modules in 1 MB of heap dies on start
    await expect(runOnWorkers(small, runs, {}, 2, undefined, { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 })).rejects.toBeInstanceOf(WorkerError);
  });
});

describe('which run a free worker takes', () => {
  const nets = ['paper/srs-keys/history', 'extended/srs-keys/history', 'paper/srs-keys/history', 'extended/owner-keys/history'];
  const pick = (takes: boolean[], had: string[]) => nextRun(nets.length, (i) => takes[i]!, (i) => nets[i]!, new Set(had));

  it('prefers a run it may take on a net it has had, wherever it comes', () => {
    expect(pick([true, true, true, true], ['extended/srs-keys/history'])).toBe(1);
    expect(pick([true, false, true, true], ['extended/owner-keys/history'])).toBe(3);
  });

  it('else takes the first it may take, and never one it may not', () => {
    expect(pick([false, true, true, true], [])).toBe(1);
    expect(pick([false, false, true, true], ['extended/srs-keys/history'])).toBe(2);
    expect(pick([false, true, false, false], ['paper/srs-keys/history'])).toBe(1);
    expect(pick([false, false, false, false], ['paper/srs-keys/history'])).toBe(-1);
  });

  it('asks whether a run may start only where the answer can change the pick', () => {
    // readiness walks every earlier run sharing a part: once a first run is found, only runs on a
    // net the worker has had are asked about
    const asked: number[] = [];
    const at = nextRun(nets.length, (i) => (asked.push(i), i !== 0), (i) => nets[i]!, new Set(['extended/owner-keys/history']));
    expect(at).toBe(3);
    expect(asked).toEqual([0, 1, 3]);
  });
});
