import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEvent } from '../conformance/adapter.js';
import { createWorld, holdingsOf, partiesOf } from '../conformance/world.js';
import { DEFECTS } from '../model/defects.js';
import { explore } from '../model/explore.js';
import { renderSvg, toDot } from '../model/export/dot.js';
import { buildNet } from '../model/net.js';
import { CATALOGUE } from '../model/properties.js';
import { small } from '../universes/index.js';
import type { ReportData, ScenarioRecord } from '../report/data.js';
import { writeReport } from '../report/write.js';
import { reportContent } from '../report/content.js';
import { HONEST } from '../scripts/mutation.js';
import { shippedScenarios } from '../scenarios/index.js';
import { loadScenario } from '../scenarios/load.js';
import { runOnImpl } from '../scenarios/run-impl.js';
import { runOnModel } from '../scenarios/run-model.js';
import { BACKENDS } from '../impl/group/backend.js';
import { backend, useBackend } from '../impl/group/group.js';
import { installedPackages } from '../bench/machine.js';
import { backendLine } from '../report/reproduce.js';
import { VARIANTS } from '../impl/parties/access.js';
import { checkVectors } from '../impl/tools/vectors.js';
import { committedVectorsDir, gitCommit } from '../report/meta.js';
import { FORMAT_VERSION } from '../impl/scheme/binding.js';

const SECRET_TOKENS = /^(sk|r|PHR)\(/;

describe('the report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const seed = 'report-test';
  const files = shippedScenarios().filter((f) => /collusion-srs-cloud-srs-keys|revoked-doctor-keeps|pharmacist/.test(f));
  const secrets = new Set<string>();
  const scenarios: ScenarioRecord[] = files.map((f) => {
    const s = loadScenario(f);
    const model = runOnModel(s);
    const impl = runOnImpl(s, model, seed);
    // The same world, rebuilt from the same seed, gives the secrets that run held.
    const w = createWorld(s.net.U, s.net.cfg, `${seed}/${s.spec.name}`);
    for (const e of model.events) applyEvent(w, e.event);
    for (const p of partiesOf(s.net.U)) for (const h of holdingsOf(w, p)) if (SECRET_TOKENS.test(h.token)) {
      secrets.add(Buffer.from(h.bytes).toString('hex'));
      if (h.token.startsWith('PHR(')) secrets.add(Buffer.from(h.bytes).toString('utf8').toLowerCase());
    }
    return { file: f, name: s.spec.name, config: s.spec.profile, events: model.events.length, model: { ok: model.ok, failed: [] }, impl: { ok: impl.ok, failed: [] } };
  });
  const net = buildNet(small, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
  const { fired: _f, guardOutcomes: _g, ...r } = explore(net, CATALOGUE);
  const data: ReportData = {
    meta: { generatedAt: 'test', commit: 'test', node: process.version, platform: 'test', cpus: 'test', packages: {}, seed: 1, quick: true, stages: [{ name: 'explore', seconds: r.seconds, ok: true }] },
    explorer: [{ universe: 'small', ...net.cfg, ...r }],
    scenarios,
    defects: DEFECTS,
    netSvg: await renderSvg(toDot(net)),
  };
  const written = await writeReport(dir, data);

  it('names the group backend the implementation ran on, with its package and version', async () => {
    const was = backend().name;
    try {
      await useBackend('mcl');
      expect(backendLine()).toBe(`mcl (mcl-wasm ${installedPackages().packages['mcl-wasm']})`);
      await useBackend('blst');
      expect(backendLine()).toBe(`blst (@chainsafe/blst ${installedPackages().packages['blst-swig']})`);
    } finally {
      await useBackend(was);
    }
    const first = (meta: ReportData['meta']) => JSON.stringify(reportContent({ ...data, meta }, {})[1]);
    expect(first({ ...data.meta, backend: 'mcl (mcl-wasm 2.4.1)' })).toContain('the implementation on the mcl (mcl-wasm 2.4.1) group backend');
    expect(first(data.meta)).not.toContain('group backend');
    // the versions table says which package an alias is and which a patch changes
    const versions = JSON.stringify(reportContent({ ...data, meta: { ...data.meta, packages: { 'blst-swig': '0.2.11', 'z3-solver': '5.2.0' }, aliases: { 'blst-swig': '@chainsafe/blst' }, patched: { 'z3-solver': 'patches/z3-solver+5.2.0.patch' } } }, {}));
    expect(versions).toContain('["blst-swig","0.2.11","@chainsafe/blst 0.2.11, installed under this name"]');
    expect(versions).toContain('["z3-solver","5.2.0","with patches/z3-solver+5.2.0.patch"]');
  });

  it("Section 5 names the solver build that answered, and the report the project's own commit", () => {
    // it said "Z3 (WASM)" whatever build ran; and the commit was read from the working directory
    const section5 = [{ property: 'paper.correct-decryption', universe: 'paper', profile: 'paper', variant: 'srs-keys', policy: 'history', verdict: { kind: 'proved', method: 'houdini' }, how: 'test', seconds: 0, solver: 'test', slice: { vars: 0, facts: 0, transitions: 0, of: 0 }, queries: [] }] as unknown as ReportData['section5'];
    const text = (solver: string) => JSON.stringify(reportContent({ ...data, meta: { ...data.meta, solver }, section5 }, {}));
    expect(text('Z3 5.1.0.0, native libz3')).toContain('verdicts are computed in process by Z3 5.1.0.0, native libz3');
    expect(text('Z3 5.1.0.0, z3-solver WASM')).not.toContain('native');
    const elsewhere = process.cwd();
    process.chdir(tmpdir());
    try {
      expect(gitCommit()).toMatch(/^[0-9a-f]{12}/);
    } finally {
      process.chdir(elsewhere);
    }
  });

  it('the mutation table says the honest run passes, and a fault caught or missed', () => {
    const row = (fault: string, caught: boolean) => ({ fault, describe: fault, caught, seconds: 1, budget: 300, ...(caught ? { by: 'a mismatch' } : {}) });
    const blocks = reportContent({ ...data, mutation: [row(HONEST.id, false), row('a', true), row('b', false)] }, {});
    const table = blocks.flatMap((b) => ('table' in b && b.table.head.includes('outcome') ? [b.table] : []))[0]!;
    expect(table.rows.map((r) => r[2])).toEqual(['passes', 'caught', 'missed']);
    expect(table.classes!.map((c) => c[2])).toEqual(['ok', 'ok', 'bad']);
  });

  it('the vectors section counts what every backend regenerated, and names a difference by line and field', async () => {
    const committed = VARIANTS.map((variant) => ({ variant, text: readFileSync(join(committedVectorsDir(), `${variant}.json`), 'utf8') }));
    const before = backend().name;
    // one committed file with a changed RK stands for a backend that writes other bytes
    const changed = committed.map((c, k) => (k === 0 ? { ...c, text: c.text.replace(/"RK": "(.)/, (_m, x: string) => `"RK": "${x === '0' ? '1' : '0'}`) } : c));
    const run = await checkVectors(changed, BACKENDS);
    const { checks } = run;
    expect(run.unavailable).toEqual([]);
    expect(backend().name).toBe(before);
    const blocks = reportContent({ ...data, vectors: { dir: 'impl/vectors', ...run } }, {});
    const at = blocks.findIndex((b) => 'h' in b && b.text === 'Test vectors under every group backend');
    const text = blocks[at + 1] as { p: string };
    const table = (blocks[at + 2] as unknown as { table: { rows: string[][]; classes: string[][] } }).table;
    const all = BACKENDS.length * VARIANTS.length;
    expect(run.identical).toBe(all - BACKENDS.length);
    expect(text.p).toContain(`${all - BACKENDS.length} of ${all} identical`);
    expect(text.p).toContain(`format ${FORMAT_VERSION})`);
    const rk = committed[0]!.text.split('\n').findIndex((l) => l.includes('"RK"')) + 1;
    expect(table.rows.filter((r) => r[1] === VARIANTS[0]).map((r) => r[2])).toEqual(BACKENDS.map(() => `DIFFERS at line ${rk} (RK)`));
    expect(table.rows.filter((r) => r[1] === VARIANTS[1]).every((r) => /^identical \(/.test(r[2]!))).toBe(true);
    expect(table.classes.map((c) => c[2])).toEqual(checks.map((c) => (c.variant === VARIANTS[0] ? 'bad' : 'ok')));
  });

  it('writes index.html, report.md, report.json and the net', () => {
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['index.html', 'net.svg', 'report.json', 'report.md']));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(written).toHaveLength(readdirSync(dir).length);
  });

  it('index.html is self-contained: no script, stylesheet, image or font fetched from anywhere', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=|url\(\s*['"]?https?:/i);
    expect(html).toContain('<svg');
    expect(XMLValidator.validate(readFileSync(join(dir, 'net.svg'), 'utf8'))).toBe(true);
  });

  it('shows the scenarios and the exploration figures it was given', () => {
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    for (const s of scenarios) expect(md).toContain(s.name);
    expect(md).toContain(r.states.toLocaleString('en-US'));
    expect(md).toContain('collusion.srs-cloud (violated)');
  });

  it('speaks to a reader: no internal bookkeeping words (source file numbers, issue numbers, API names)', () => {
    for (const f of ['report.md', 'index.html']) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/\b[Ss]eeds? \d{3}|\bissue \d|get_full_version|\d+ parts: /);
    }
  });

  it('contains no secret: no secret key, no r, no plaintext of the runs behind it', () => {
    expect(secrets.size).toBeGreaterThan(10);
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8').toLowerCase();
      for (const s of secrets) expect(text.includes(s), `${f} contains a secret`).toBe(false);
    }
  });
});
