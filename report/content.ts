// The report's content, built from the stages' data: verdict matrix with the paper's claims,
// every counterexample and witness step by step, the net, conformance, scenarios, benchmarks.
import { buildNet } from '../model/net.js';
import { CATALOGUE, MODULE_CATALOGUE, PATIENT_CATALOGUE, type Property, propertyById } from '../model/properties.js';
import { viewTrace } from '../model/trace-view.js';
import { universeByName } from '../universes/index.js';
import type { VerifyResult } from '../smt/verdict.js';
import type { Block } from './blocks.js';
import type { BenchPoint, ReportData } from './data.js';

const cfgKey = (r: { profile: string; variant: string; policy: string; modules?: readonly string[] }) =>
  `${r.profile} / ${r.variant} / ${r.policy}${r.modules?.length ? ` + ${r.modules.join('+')}` : ''}`;

export function verdictText(r: VerifyResult): string {
  const v = r.verdict;
  switch (v.kind) {
    case 'proved': return `proved (${v.method})`;
    case 'unreachable': return `unreachable (${v.method})`;
    case 'holds-to-depth': return `holds to depth ${v.depth}`;
    case 'violated': return `VIOLATED (trace ${v.trace.steps.length})`;
    case 'witness': return `witness (trace ${v.trace.steps.length})`;
    case 'unknown': return `unknown (${v.limit})`;
  }
}

/** ok: agrees with what the paper claims; bad: contradicts it; info: the paper makes no claim. */
function verdictClass(r: VerifyResult): string {
  const claims = propertyById(r.property).paperClaims;
  const good = r.verdict.kind === 'proved' || r.verdict.kind === 'witness' || r.verdict.kind === 'holds-to-depth';
  if (r.verdict.kind === 'unknown') return 'warn';
  if (claims === undefined) return 'info';
  return good === claims ? 'ok' : 'bad';
}

function matrix(results: readonly VerifyResult[], catalogue: readonly Property[] = CATALOGUE): Block {
  const cols = [...new Set(results.map(cfgKey))];
  const props = catalogue.map((p) => p.id).filter((id) => results.some((r) => r.property === id));
  const rows: string[][] = [];
  const classes: string[][] = [];
  for (const id of props) {
    const p = propertyById(id);
    const row = [id, p.paperClaims === undefined ? '—' : p.paperClaims ? (p.kind === 'reachable' ? 'reachable' : 'holds') : 'fails'];
    const cls = ['', ''];
    for (const c of cols) {
      const r = results.find((x) => x.property === id && cfgKey(x) === c);
      row.push(r ? verdictText(r) : '');
      cls.push(r ? verdictClass(r) : '');
    }
    rows.push(row);
    classes.push(cls);
  }
  return { table: { head: ['property', 'paper claims', ...cols], rows, classes } };
}

function traceBlocks(r: VerifyResult): Block[] {
  const v = r.verdict;
  if (v.kind !== 'violated' && v.kind !== 'witness') return [];
  const net = buildNet(universeByName(r.universe), { profile: r.profile, variant: r.variant, policy: r.policy, modules: r.modules });
  const view = viewTrace(net, v.trace);
  const rows = view.steps.map((s, k) => [String(k + 1), s.transition, s.added.join(', '), s.removed.join(', '), Object.entries(s.reads).map(([c, fs]) => `${c}: ${fs.join(' ')}`).join('; ')]);
  return [
    { details: {
      summary: `${r.property} — ${v.kind} under ${cfgKey(r)} (${v.trace.steps.length} steps)`,
      blocks: [
        { p: propertyById(r.property).title },
        { table: { head: ['#', 'firing', 'added', 'removed', 'who can read what after it'], rows } },
      ],
    } },
  ];
}

function benchTable(points: readonly BenchPoint[]): Block {
  const f = (s?: number) => (s === undefined ? '—' : s < 0.01 ? `${(s * 1000).toFixed(2)} ms` : `${s.toFixed(3)} s`);
  return {
    table: {
      head: ['figure', 'x', 'ours min', 'ours median', 'ours max', 'floor', 'ours/floor', 'native limit', 'ours/limit', 'paper', 'paper/ours'],
      rows: points.map((p) => [p.figure, `${p.x} ${p.xLabel}`, f(p.ours.min), f(p.ours.median), f(p.ours.max), f(p.floor),
        p.floor ? (p.ours.median / p.floor).toFixed(2) : '—', f(p.limit), p.limit ? (p.ours.median / p.limit).toFixed(2) : '—', f(p.paper), p.paper ? (p.paper / p.ours.median).toFixed(1) : '—']),
    },
  };
}

const cell = (v: unknown): string =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '');

/** A table of flat records: one column per key of the first record. */
function objectsTable(rows: readonly object[]): Block {
  const head = Object.keys(rows[0] ?? {});
  return { table: { head, rows: rows.map((r) => head.map((k) => cell((r as Record<string, unknown>)[k]))) } };
}

export function reportContent(d: ReportData, figures: Readonly<Record<string, string>>): Block[] {
  const b: Block[] = [{ h: 1, text: 'SeSPHR workbench report' }];
  const m = d.meta;
  b.push({ p: `Generated ${m.generatedAt} from commit ${m.commit}; Node ${m.node} on ${m.platform} (${m.cpus}); solver ${m.solver ?? 'not run'}; seed ${m.seed}${m.quick ? '; quick run' : ''}.` });
  b.push({ table: { head: ['stage', 'seconds', 'status'], rows: m.stages.map((s) => [s.name, s.seconds.toFixed(1), s.skipped ? s.skipped : s.ok ? 'ran' : `could not run: ${s.error ?? ''}`]), classes: m.stages.map((s) => ['', '', s.skipped ? 'warn' : s.ok ? 'ok' : 'bad']) } });

  if (d.section5?.length) {
    b.push({ h: 2, text: 'Section 5 reproduced: the paper\'s three properties on the paper profile', id: 'section5' });
    b.push({ p: 'The paper reports checking these with SMT-Lib and Z3 in 0.07 s but published no model. Here the net of model/ is encoded from its one definition; verdicts are computed by Z3 (WASM).' });
    b.push({ table: { head: ['property', 'configuration', 'verdict', 'how', 'seconds'], rows: d.section5.map((r) => [r.property, cfgKey(r), verdictText(r), r.how, r.seconds.toFixed(2)]), classes: d.section5.map((r) => ['', '', verdictClass(r), '', '']) } });
  }
  if (d.catalogue?.length) {
    b.push({ h: 2, text: 'Verdict matrix: the whole catalogue', id: 'matrix' });
    b.push({ p: 'Green: agrees with the paper\'s claim. Red: contradicts it (a finding, with its trace below). Blue: the paper makes no claim. Columns are profile / key-management variant / backward-access policy.' });
    b.push(matrix(d.catalogue));
    const traced = d.catalogue.filter((r) => r.verdict.kind === 'violated' || r.verdict.kind === 'witness');
    if (traced.length) {
      b.push({ h: 2, text: 'Counterexamples and witnesses', id: 'traces' });
      b.push({ p: 'Each trace was decoded from the solver\'s model and replayed on the XState machine derived from the net; the last column is the knowledge closure of each party and coalition after the step.' });
      for (const r of traced) b.push(...traceBlocks(r));
    }
  }
  if (d.modules?.length) {
    b.push({ h: 2, text: 'The seeds\' modules: audit chain, third-party auditor, time windows', id: 'modules' });
    b.push({ p: 'Later write-ups of SeSPHR add these modules; each property runs on nets with its own modules switched on (model/rules/modules.ts).' });
    b.push(matrix(d.modules, MODULE_CATALOGUE));
    for (const r of d.modules.filter((x) => x.verdict.kind === 'violated' || x.verdict.kind === 'witness')) b.push(...traceBlocks(r));
  }
  if (d.patients?.length) {
    b.push({ h: 2, text: 'Many patients: isolation and collusion across patients', id: 'patients' });
    b.push({ p: 'One SRS and one cloud serve every patient. On the two-patients universe (owners A and B, a doctor both see, a family member of A, an outsider), each property is stated over patients and verified like the rest of the catalogue (universes/two-patients.yaml).' });
    b.push(matrix(d.patients, PATIENT_CATALOGUE));
    for (const r of d.patients.filter((x) => x.verdict.kind === 'violated' || x.verdict.kind === 'witness')) b.push(...traceBlocks(r));
  }
  if (d.netSvg) {
    b.push({ h: 2, text: 'The net', id: 'net' });
    b.push({ svg: d.netSvg, caption: 'The HLPN (paper profile) in the style of Fig. 2; arcs X1.. numbered in rule order' });
  }
  b.push({ h: 2, text: 'Defects of the printed model and how they are resolved', id: 'defects' });
  b.push({ table: { head: ['where', 'printed', 'chosen', 'why'], rows: d.defects.map((x) => [x.where, x.printed, x.chosen, x.why]) } });
  if (d.explorer?.length) {
    b.push({ h: 2, text: 'Explicit-state exploration (independent of the solver)', id: 'explorer' });
    b.push({ table: { head: ['universe', 'configuration', 'states', 'edges', 'depth', 'complete', 'violated / witness'], rows: d.explorer.map((r) => [r.universe, cfgKey(r), String(r.states), String(r.edges), String(r.depth), r.complete ? 'exhaustive' : `cut by ${r.cutBy}`, r.verdicts.filter((v) => v.verdict.kind === 'violated' || v.verdict.kind === 'witness').map((v) => `${v.id} (${v.verdict.kind})`).join(', ')]) } });
  }
  if (d.conformance) {
    const c = d.conformance;
    b.push({ h: 2, text: 'Conformance: model against implementation', id: 'conformance' });
    b.push({ p: `Seed ${c.seed}. Graph paths over ${c.universe}, the explorer's traces replayed, fast-check runs over ${c.randomUniverse}; after every step every party and coalition's model closure was compared with what its real bytes open.` });
    b.push(objectsTable([c.totals]));
    b.push({ table: {
      head: ['configuration', 'states', 'paths', 'steps', 'mismatches', ...(c.configs[0]?.paths?.coverage.map((r) => r.kind) ?? [])],
      rows: c.configs.filter((x) => x.paths).map((x) => [cfgKey(x.config), String(x.paths!.states), String(x.paths!.paths), String(x.paths!.steps), String(x.paths!.mismatches.length),
        ...x.paths!.coverage.map((r) => `${r.covered}/${r.reachable ?? '?'}${r.missing.length ? ` (missing ${r.missing.slice(0, 3).join(', ')}${r.missing.length > 3 ? ', ...' : ''})` : ''}`)]),
    } });
    if (c.mismatches.length) b.push({ pre: c.mismatches.slice(0, 50).map((m) => JSON.stringify(m)).join('\n') });
    if (c.holdingDifferences.length) b.push({ details: { summary: 'documented differences between model tokens and implementation holdings', blocks: [objectsTable(c.holdingDifferences)] } });
    if (c.deviationCatalogue.length) b.push({ details: { summary: 'documented deviations', blocks: [objectsTable(c.deviationCatalogue)] } });
  }
  if (d.mutation) {
    b.push({ h: 2, text: 'Mutation score', id: 'mutation' });
    const faults = d.mutation.filter((r) => r.fault !== 'none (honest)');
    b.push({ p: `${faults.filter((r) => r.caught).length} of ${faults.length} seeded faults caught by the conformance suite; the honest implementation ${d.mutation.find((r) => r.fault === 'none (honest)')?.caught ? 'FAILED (a mismatch without a fault)' : 'passed'}.` });
    b.push({ table: { head: ['fault', 'what it does', 'caught', 'by', 'seconds (found / bound)'], rows: d.mutation.map((r) => [r.fault, r.describe, r.caught ? 'caught' : 'missed', r.by ?? '', `${r.seconds.toFixed(1)} (${r.foundAfter?.toFixed(1) ?? '-'} / ${r.budget})`]),
      classes: d.mutation.map((r) => ['', '', (r.fault === 'none (honest)') !== r.caught ? 'ok' : 'bad', '', '']) } });
  }
  if (d.scenarios?.length) {
    b.push({ h: 2, text: 'Scenarios', id: 'scenarios' });
    b.push({ table: {
      head: ['scenario', 'configuration', 'claim', 'events', 'model', 'implementation'],
      rows: d.scenarios.map((s) => [s.name, s.config, s.claim ?? '', String(s.events), s.error ? `error: ${s.error}` : s.model.ok ? 'meets expectations' : `FAILS: ${s.model.failed.join('; ')}`, s.impl ? (s.impl.ok ? 'meets expectations' : `FAILS: ${s.impl.failed.join('; ')}`) : 'not run']),
      classes: d.scenarios.map((s) => ['', '', '', '', s.model.ok && !s.error ? 'ok' : 'bad', s.impl ? (s.impl.ok ? 'ok' : 'bad') : 'warn']),
    } });
  }
  if (d.bench?.points.length) {
    b.push({ h: 2, text: 'Performance beside the paper (Figs. 3-5)', id: 'bench' });
    const be = d.bench.backend;
    if (be) b.push({ p: `Group backend: ${be.name} (${be.library} ${be.version}); native limit: ${d.bench.limit.library}.` });
    b.push(benchTable(d.bench.points));
    for (const [caption, svg] of Object.entries(figures)) b.push({ svg, caption });
    for (const [title, rows] of [['SRS throughput', d.bench.throughput], ['Revocation cost', d.bench.revocation], ['Memory', d.bench.memory], ['Primitives', d.bench.primitives], ['Verification time as the universe grows', d.bench.verificationGrowth ?? []]] as const)
      if (rows.length) b.push({ h: 3, text: title }, objectsTable(rows as unknown as Record<string, unknown>[]));
  }
  b.push({ h: 2, text: 'Versions', id: 'versions' });
  b.push({ table: { head: ['package', 'version'], rows: Object.entries(m.packages) } });
  return b;
}
