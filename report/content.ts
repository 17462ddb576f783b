// The report's content, built from the stages' data: verdict matrix with the paper's claims,
// every counterexample and witness step by step, the net, conformance, scenarios, benchmarks.
import { buildNet } from '../model/net.js';
import { CATALOGUE, MODULE_CATALOGUE, PATIENT_CATALOGUE, type Property, propertyById } from '../model/properties.js';
import { KIND_NAMES } from '../conformance/coverage.js';
import { viewTrace } from '../model/trace-view.js';
import { universeByName } from '../universes/index.js';
import type { VerifyResult } from '../smt/verdict.js';
import type { AllSizesResult } from '../smt/all-sizes/check.js';
import type { Block } from './blocks.js';
import type { BenchPoint, ReportData } from './data.js';
import { AGREEMENT_CLASS, AGREEMENT_TEXT, STATUS_CLASS, findings, judge, traceAnchor, type Findings } from './findings.js';
import { claimById, mappingOf } from '../model/claims.js';
import { modelMutationBlocks, vacuityBlocks } from './vacuity.js';
import { HONEST } from '../scripts/mutation.js';
import { aesText, benchSummaryText } from '../bench/table.js';
import { BARE_THREADS, GOAL_HEAD, goalRow } from '../bench/goals.js';
import { readPoolFigure } from '../bench/figures.js';

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
    case 'vacuous': return `VACUOUS (premise unreachable, ${v.method})${r.vacuity?.expected ? ': expected' : ''}`;
  }
}

/** The cell's colour: how the verdict stands against the claim its property tests (report/findings.ts). */
const verdictClass = (r: VerifyResult): string => AGREEMENT_CLASS[judge(r).agreement];

/** What each colour of a verdict cell means. */
const VERDICT_KEY: Block = { key: (['agrees', 'contradicts', 'fails-against-adversary', 'fails-under-other-reading', 'unknown'] as const).map((a) => ({ cls: AGREEMENT_CLASS[a], text: AGREEMENT_TEXT[a] })) };

/** The solver's own words for how a verdict was reached, in plain words. */
export function howText(how: string): string {
  const parts = /^(\d+) parts: (.*)$/.exec(how);
  if (parts) return `split into ${parts[1]} independent parts: ${parts[2].replace(/(\d+) invariant/, '$1 by an inductive invariant').replace(/(\d+) spacer/, '$1 by Horn clauses (Spacer)').replace(/(\d+) as proved/, '$1 identical to a part already proved')}`;
  const bmc = /^bmc k=(\d+)$/.exec(how);
  if (bmc) return `bounded model checking, trace at depth ${bmc[1]}`;
  return ({ 'chc-spacer': 'Horn clauses solved by Spacer', 'step-induction': 'one-step induction over every state', 'inductive-invariant': 'an inductive invariant checked by the solver', bmc: 'bounded model checking' } as Record<string, string>)[how] ?? how;
}

/** Words of the sources' bookkeeping that mean nothing to a reader, replaced by what they name. */
const plain = (s: string) => s.replace(/\b[Ss]eeds? \d{3}(\/\d{3})*/g, 'the later write-ups').replace(/ \(get_full_version\)/, '');

const seconds = (x: number) => (x === 0 ? '0 s' : x < 0.001 ? `${Number((x * 1e6).toPrecision(2))} µs` : x < 0.1 ? `${Number((x * 1000).toPrecision(2))} ms` : x < 10 ? `${x.toFixed(2)} s` : x < 600 ? `${x.toFixed(1)} s` : `${(x / 60).toFixed(1)} min`);

/** The "all sizes" cell of a property: how many of its configurations are proved for every size, and what the rest came to. */
function allSizesCell(all: readonly AllSizesResult[], id: string): string {
  const mine = all.filter((r) => r.property === id);
  if (!mine.length) return '';
  const n = (k: string) => mine.filter((r) => r.verdict.kind === k).length;
  // the two readings: one patient, and two or more (smt/all-sizes/README.md)
  const proved = (patients: boolean) => mine.filter((r) => !!r.patients === patients && r.verdict.kind === 'proved-all-sizes').length;
  const of = (patients: boolean) => mine.filter((r) => !!r.patients === patients).length;
  const every = mine.filter((r) => r.verdict.kind === 'proved-all-sizes' && r.verdict.covers.includes('every number of patients') && !r.patients).length;
  const parts = [of(true) ? `${proved(false)}/${of(false)} proved for every size with one patient, ${proved(true)}/${of(true)} with two or more${every ? `, ${every} for every number of patients` : ''}` : `${n('proved-all-sizes')}/${mine.length} proved for every size`];
  if (n('violated')) parts.push(`${n('violated')} violated (finite trace)`);
  if (n('witness')) parts.push(`${n('witness')} witness (finite)`);
  if (n('outside-fragment')) parts.push(`${n('outside-fragment')} outside the decidable fragment`);
  if (n('not-proved')) parts.push(`${n('not-proved')} not proved`);
  if (n('vacuous')) parts.push(`${n('vacuous')} vacuous (premise never met)`);
  return parts.join('; ');
}

function matrix(results: readonly VerifyResult[], catalogue: readonly Property[] = CATALOGUE, allSizes?: readonly AllSizesResult[]): Block {
  const cols = [...new Set(results.map(cfgKey))];
  const props = catalogue.map((p) => p.id).filter((id) => results.some((r) => r.property === id));
  const rows: string[][] = [];
  const classes: string[][] = [];
  for (const id of props) {
    const p = propertyById(id);
    const c = claimById(mappingOf(id).claim);
    const row = [id, `${c.section}${mappingOf(id).adversary ? ` (against ${mappingOf(id).adversary})` : ''}`];
    const cls = ['', ''];
    for (const c of cols) {
      const r = results.find((x) => x.property === id && cfgKey(x) === c);
      row.push(r ? verdictText(r) : '');
      cls.push(r ? verdictClass(r) : '');
    }
    if (allSizes) { row.push(allSizesCell(allSizes, id)); cls.push(''); }
    rows.push(row);
    classes.push(cls);
  }
  return { table: { head: ['property', 'claim it tests', ...cols, ...(allSizes ? ['all sizes'] : [])], rows, classes } };
}

function traceBlocks(r: VerifyResult): Block[] {
  const v = r.verdict;
  if (v.kind !== 'violated' && v.kind !== 'witness') return [];
  const net = buildNet(universeByName(r.universe), { profile: r.profile, variant: r.variant, policy: r.policy, modules: r.modules });
  const view = viewTrace(net, v.trace);
  const rows = view.steps.map((s, k) => [String(k + 1), s.transition, s.added.join(', '), s.removed.join(', '), Object.entries(s.reads).map(([c, fs]) => `${c}: ${fs.join(' ')}`).join('; ')]);
  return [
    { details: {
      id: traceAnchor(r),
      summary: `${r.property} — ${v.kind} under ${cfgKey(r)} (${v.trace.steps.length} steps)`,
      blocks: [
        { p: propertyById(r.property).title },
        { table: { head: ['#', 'firing', 'added', 'removed', 'who can read what after it'], rows } },
      ],
    } },
  ];
}

/** The bench's points as a table, a row below its floor marked, and what the floor is. */
export function benchTable(points: readonly BenchPoint[]): Block[] {
  // one unit for each size of time, three figures each: a column mixes no '0.018 s' among ms
  const f = (s?: number) => (s === undefined ? '—' : s < 1e-3 ? `${(s * 1e6).toPrecision(3)} µs` : s < 1 ? `${(s * 1e3).toPrecision(3)} ms` : `${s.toPrecision(3)} s`);
  // ours/floor as the point carries it: on one thread the median of each run over its own floor,
  // on the pool of each block over its own block's floors
  const ratioText = (r?: number) => (r === undefined ? '—' : `${r.toFixed(2)}×`);
  const times = (a: number, b?: number) => ratioText(b ? a / b : undefined);
  const below = new Set(points.filter((p) => p.ratios?.toFloor !== undefined && p.ratios.toFloor < 1));
  // bare threads (bench/bare-split.ts, bench/bare-decrypt.ts) where the run has them: Figs. 3 and 5 on the pool, wall clock
  const bare = points.some((p) => p.bare !== undefined);
  const onPool = points.some((p) => readPoolFigure(p.figure));
  const head = ['figure', 'x', 'ours min', 'ours median', 'ours max', 'floor', 'ours / floor', 'core of the floor', 'ours / core', ...(bare ? ['bare threads', 'bare / floor', 'ours / bare'] : []), 'native limit', 'ours / limit', 'paper', 'paper / ours'];
  const warnToFloor = head.map((h) => (h === 'ours / floor' ? 'warn' : ''));
  return [
    { table: {
      head,
      rows: points.map((p) => [p.figure, `${p.x} ${p.xLabel}`, f(p.ours.min), f(p.ours.median), f(p.ours.max), f(p.floor),
        ratioText(p.ratios?.toFloor), f(p.floorCore), ratioText(p.ratios?.toFloorCore),
        ...(bare ? [f(p.bare), ratioText(p.ratios?.bareToFloor), ratioText(p.ratios?.toBare)] : []),
        f(p.limit), times(p.ours.median, p.limit), f(p.paper), p.paper ? `${Number((p.paper / p.ours.median).toPrecision(2))}×` : '—']),
      classes: points.map((p) => (below.has(p) ? warnToFloor : [])),
    } },
    { p: `The floor is the cost of the primitive operations the step needs, each timed on its own and added up: the group operations and AES-GCM (the core), and the draws from the random source, the encodings and the key derivation. On one thread each run is timed right after a floor of its own, and ours / floor is the median of each run over that floor, so a slow spell of the host that falls on a run and its floor alike moves neither.${onPool ? ' On the pool the one-thread floor is timed in blocks taken in turn with the calls, split over the threads with the hand-off, and each block of calls is set against its own block\'s floors.' : ''} The paper's values were read off its bar charts.${bare ? ` On the pool's wall-clock rows, ${BARE_THREADS}.` : ''}${below.size ? ` ${below.size} row(s) (yellow) came out below their floor: the whole operation ran faster in this run than the separately timed sum of its parts, so that floor is an estimate here, not a bound; the min and max columns give the spread.` : ''}` },
  ];
}

/** A number with its unit, chosen by the field's name, at a precision a reader can use. */
function valueText(key: string, v: unknown): string {
  if (v && typeof v === 'object' && 'median' in v && 'min' in v && 'max' in v) {
    const s = v as { min: number; median: number; max: number };
    return `${valueText(key, s.median)} (${valueText(key, s.min)} to ${valueText(key, s.max)})`;
  }
  if (typeof v === 'number') {
    // the primitives' columns are seconds per operation
    if (/seconds$/i.test(key) || key === 'lib' || key === 'best' || key === 'limit') return seconds(v);
    if (/bytes$/i.test(key)) return v >= 2 ** 20 ? `${(v / 2 ** 20).toFixed(1)} MiB` : v >= 1024 ? `${(v / 1024).toFixed(1)} KiB` : `${v} B`;
    if (/persecond$/i.test(key)) return `${v.toPrecision(3).replace(/\.0+$/, '')} /s`;
    if (/ratio$/i.test(key)) return `${v.toFixed(2)}×`;
    return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(3)));
  }
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${valueText(k, x)}`).join(', ');
  return String(v ?? '');
}

/** A column head in words, with the unit the cells carry. */
const headText = (k: string) => k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^lib$/, 'noble (library), per operation').replace(/^best$/, 'best of our paths, per operation').replace(/^limit$/, 'native limit, per operation').replace(/^seconds$/, 'time').replace(/ bytes$/, '').replace(/^bytes$/, 'size');

/** A table of flat records: one column per key of the first record. */
function objectsTable(rows: readonly object[]): Block {
  const head = Object.keys(rows[0] ?? {});
  return { table: { head: head.map(headText), rows: rows.map((r) => head.map((k) => plain(valueText(k, (r as Record<string, unknown>)[k])))) } };
}

/** The report's technical words, each explained once. */
const GLOSSARY: ReadonlyArray<readonly [string, string]> = [
  ['proved', 'holds in every reachable state, shown without a bound on the run length'],
  ['unreachable', 'no reachable state has it, shown without a bound'],
  ['holds to depth k', 'no counterexample within k firings; longer runs were not checked'],
  ['violated', 'a reachable state breaks the property; the trace shows how it is reached'],
  ['witness', 'a reachable state has the property; the trace shows how'],
  ['unknown', 'a limit (time per solver query, or the depth) stopped the check; the cell names it'],
  ['inductive invariant', 'a formula true initially and kept by every firing, which implies the property (the solver checks both)'],
  ['Spacer (Horn clauses)', 'Z3\'s engine that searches for such an invariant itself'],
  ['BMC, bounded model checking', 'the solver looks for a run of 0, 1, 2, ... firings reaching a bad state; it gives the shortest trace to the states it searched. A property checked in parts (one a disjunct of its bad states, each on its own slice of the net) stops at the first part with a trace, so another part may hold a shorter one: the explicit-state exploration, where it is exhaustive, gives the shortest of all (its table, beside)'],
  ['step induction', 'a step property checked on every firing from every state at once'],
  ['profile', 'paper: the printed rules; extended: with joining, granting and revoking; adversarial: with insiders who keep what they hold or leak it'],
  ['variant', 'srs-keys: the SRS makes every key (the paper); owner-keys: parties make their own'],
  ['policy', 'history: a new member reads past uploads; from-join-date: only uploads after its joining'],
  ['C, R^P, R^U, RK', 'the ciphertext at the cloud; the owner\'s re-encryption parameter at the SRS; a user\'s parameter issued by the SRS; the re-encryption key'],
  ['SRS, TPA', 'the setup and re-encryption server; the third-party auditor'],
  ['MC/DC', 'each condition of a guard shown to decide the outcome on its own'],
];

/** Every verdict of the run once, for the findings: Section 5's, the catalogue's, the modules' and
 *  the patient catalogue's (whose properties test the insider and confidentiality claims too). */
export const allVerdicts = (d: ReportData): VerifyResult[] => [...(d.section5 ?? []), ...(d.catalogue ?? []), ...(d.modules ?? []), ...(d.patients ?? [])];

/** The findings block: the summary, then one row a claim with where it holds, where it fails, and the shortest trace. */
function findingsBlocks(f: Findings): Block[] {
  const b: Block[] = [{ h: 2, text: 'Findings: the paper\'s claims', id: 'findings' }];
  b.push({ p: `${f.summary} Checked on the ${f.universes.join(' and ')} universe${f.universes.length > 1 ? 's' : ''}; each row gives the reading under which the claim holds, the one under which it fails, and the shortest trace found of the failure (a link to it below; see BMC in the words used).` });
  b.push({ key: (['holds', 'contradicted', 'fails against a stronger adversary', 'depends on the reading', 'not settled'] as const).map((s) => ({ cls: STATUS_CLASS[s], text: s })) });
  const reading = (xs: Findings['claims'][number]['holdsUnder']) => xs.map((x) => `${x.property}: ${x.label} (${x.where})`).join('; ') || '—';
  const rows = f.claims.map((c) => {
    const t = c.failsUnder.map((x) => x.trace).filter((x) => x !== undefined).sort((a, z) => a.steps - z.steps)[0];
    return { cells: [c.words, c.section, c.status, reading(c.holdsUnder), reading(c.failsUnder), t ? `${t.steps} steps (${t.where})` : c.failsUnder.length ? 'no trace: proved unreachable' : '—'], link: t ? `#${t.anchor}` : undefined, cls: STATUS_CLASS[c.status] };
  });
  b.push({ table: {
    head: ['claim', 'source', 'status', 'holds under', 'fails under', 'shortest trace found'],
    rows: rows.map((r) => r.cells),
    classes: rows.map((r) => ['', '', r.cls, '', '', '']),
    links: rows.map((r) => [undefined, undefined, undefined, undefined, undefined, r.link]),
  } });
  b.push({ details: { summary: 'Why each property tests its claim', blocks: [{ table: {
    head: ['property', 'claim', 'argument'],
    rows: f.claims.flatMap((c) => c.arguments.map((a) => [a.property, `${c.section}: ${c.words}`, a.argument])),
  } }] } });
  return b;
}

export function reportContent(d: ReportData, figures: Readonly<Record<string, string>>): Block[] {
  const b: Block[] = [{ h: 1, text: 'SeSPHR workbench report' }];
  const m = d.meta;
  b.push({ p: `Generated ${m.generatedAt} from commit ${m.commit}; Node ${m.node} on ${m.platform} (${m.cpus}); solver ${plain(m.solver ?? 'not run')}${m.answers ? ` (${plain(m.answers)})` : ''}${m.backend ? `; the implementation on the ${m.backend} group backend` : ''}; random seed ${m.seed}${m.quick ? '; quick run (--quick: smaller runs, see the stages)' : ''}.` });
  const toc = b.length;
  const verdicts = allVerdicts(d);
  if (verdicts.length) b.push(...findingsBlocks(findings(verdicts)));
  b.push({ details: { summary: 'Words used in this report', blocks: [{ table: { head: ['word', 'meaning'], rows: GLOSSARY.map(([w, m]) => [w, m]) } }] } });
  b.push({ h: 2, text: 'Stages of this run', id: 'stages' });
  b.push({ table: { head: ['stage', 'time', 'status'], rows: m.stages.map((s) => [plain(s.name), `${seconds(s.seconds)}${s.cpuSeconds !== undefined ? ` (CPU ${seconds(s.cpuSeconds)}, load ${s.load?.toFixed(1)})` : ''}`, s.skipped ? `skipped ${s.skipped}` : s.ok ? 'ran' : `could not run: ${s.error ?? ''}`]), classes: m.stages.map((s) => ['', '', s.skipped ? 'warn' : s.ok ? 'ok' : 'bad']) } });

  if (d.section5?.length) {
    b.push({ h: 2, text: 'Section 5 reproduced: the paper\'s three properties on the paper profile', id: 'section5' });
    b.push({ p: `The paper reports checking these with SMT-Lib and Z3 in 0.07 s but published no model. Here the net of model/ is encoded from its one definition; verdicts are computed in process by ${plain(m.solver ?? 'Z3')}.` });
    b.push({ table: { head: ['property', 'configuration', 'verdict', 'how', 'time'], rows: d.section5.map((r) => [r.property, cfgKey(r), verdictText(r), howText(r.how), seconds(r.seconds)]), classes: d.section5.map((r) => ['', '', verdictClass(r), '', '']) } });
  }
  if (d.catalogue?.length) {
    b.push({ h: 2, text: 'Verdict matrix: the whole catalogue', id: 'matrix' });
    b.push({ p: 'Each cell is one property under one configuration (columns: profile / key-management variant / backward-access policy), coloured by how it stands against the claim the property tests. An attack is a failure against an adversary the paper\'s trust model leaves out; it is not a contradiction of the paper\'s own claim.' });
    b.push(VERDICT_KEY);
    b.push(matrix(d.catalogue, CATALOGUE, d.allSizes));
    const covers = [...new Set((d.allSizes ?? []).flatMap((r) => (r.verdict.kind === 'proved-all-sizes' ? [r.verdict.covers] : [])))];
    if (covers.length) {
      // what every proof's cover leaves out, said once after the covers themselves
      const tail = /; without .*$/.exec(covers[0]!)?.[0];
      const shared = tail !== undefined && covers.every((c) => c.endsWith(tail));
      const each = shared ? covers.map((c) => c.slice(0, -tail.length)) : covers;
      b.push({ p: `The "all sizes" column: quantified inductive invariants checked by Z3 (smt/all-sizes/), in two readings: one patient, and two or more patients. What a proof covers depends on its reading: ${each.map((c, k) => `(${k + 1}) ${c}`).join('; ')}${shared ? `. Every proof covers the net ${tail.slice(2)}` : ''}.` });
    }
    const traced = d.catalogue.filter((r) => r.verdict.kind === 'violated' || r.verdict.kind === 'witness');
    if (traced.length) {
      b.push({ h: 2, text: 'Counterexamples and witnesses', id: 'traces' });
      b.push({ p: 'Each trace was decoded from the solver\'s model and replayed on the XState machine derived from the net; the last column is the knowledge closure of each party and coalition after the step.' });
      for (const r of traced) b.push(...traceBlocks(r));
    }
    b.push(...vacuityBlocks([...d.catalogue, ...(d.modules ?? [])]));
  }
  if (d.modules?.length) {
    b.push({ h: 2, text: 'The later write-ups\' modules: audit chain, third-party auditor, time windows', id: 'modules' });
    b.push({ p: 'Later write-ups of SeSPHR add these modules; each property runs on nets with its own modules switched on (model/rules/modules.ts).' });
    b.push(VERDICT_KEY);
    b.push(matrix(d.modules, MODULE_CATALOGUE, d.allSizes));
    for (const r of d.modules.filter((x) => x.verdict.kind === 'violated' || x.verdict.kind === 'witness')) b.push(...traceBlocks(r));
  }
  if (d.patients?.length) {
    b.push({ h: 2, text: 'Many patients: isolation and collusion across patients', id: 'patients' });
    b.push({ p: 'One SRS and one cloud serve every patient. On the two-patients universe (owners A and B, a doctor both see, a family member of A, an outsider), each property is stated over patients and verified like the rest of the catalogue (universes/two-patients.yaml).' });
    b.push(matrix(d.patients, PATIENT_CATALOGUE, d.allSizes));
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
    b.push({ table: { head: ['universe', 'configuration', 'states', 'edges', 'depth', 'search', 'violated / witness'], rows: d.explorer.map((r) => [r.universe, cfgKey(r), r.states.toLocaleString('en-US'), r.edges.toLocaleString('en-US'), String(r.depth), r.complete ? 'exhaustive' : `cut by the ${r.cutBy} bound`, r.verdicts.filter((v) => v.verdict.kind === 'violated' || v.verdict.kind === 'witness').map((v) => `${v.id} (${v.verdict.kind})`).join(', ')]) } });
  }
  if (d.conformance) {
    const c = d.conformance;
    const sampled = d.conformanceSample && d.conformanceSample > 1 ? d.conformanceSample : undefined;
    const t = c.totals;
    b.push({ h: 2, text: 'Conformance: model against implementation', id: 'conformance' });
    const what = [
      t.paths ? `${t.paths.toLocaleString('en-US')} graph paths over the ${c.universe} universe${sampled ? ` (sampled: every ${sampled}th path of the ${c.configs.length} configurations run)` : ''}` : '',
      t.traces ? `${t.traces} explorer traces replayed` : '',
      t.randomRuns ? `${t.randomRuns} random runs (fast-check) over the ${c.randomUniverse} universe` : 'no random runs',
    ].filter(Boolean).join(', ');
    b.push({ p: `Random seed ${c.seed}${d.meta.backend ? `, the ${d.meta.backend} group backend` : ''}: ${what}. After every step every party and coalition's knowledge in the model was compared with what its real bytes open: ${t.steps.toLocaleString('en-US')} steps, ${t.checks.toLocaleString('en-US')} checks, ${t.mismatches} mismatches, in ${seconds(t.seconds)} (${Math.round(t.stepsPerSecond)} steps/s).` });
    const kinds = c.configs[0]?.paths?.coverage.map((r) => r.kind) ?? [];
    if (kinds.length) {
      b.push({ p: sampled ? `Coverage of a sample (every ${sampled}th path): each cell is what the sampled paths reached of what is reachable, so it is a lower bound, not the suite's full coverage.` : 'Coverage: each cell is what the paths reached of what is reachable in the model.' });
      b.push({ table: {
        head: ['configuration', 'states', 'paths run', 'steps', 'mismatches', ...kinds.map((k) => `${KIND_NAMES[k]}${sampled ? ' (sampled)' : ''}`)],
        rows: c.configs.filter((x) => x.paths).map((x) => [cfgKey(x.config), x.paths!.states.toLocaleString('en-US'), String(x.paths!.paths), x.paths!.steps.toLocaleString('en-US'), String(x.paths!.mismatches.length),
          ...x.paths!.coverage.map((r) => `${r.covered} of ${r.reachable ?? '?'}${r.missing.length ? ` (missing ${r.missing.slice(0, 3).join(', ')}${r.missing.length > 3 ? ', ...' : ''})` : ''}`)]),
      } });
    }
    if (c.mismatches.length) b.push({ pre: c.mismatches.slice(0, 50).map((m) => JSON.stringify(m)).join('\n') });
    if (c.holdingDifferences.length) b.push({ details: { summary: 'documented differences between model tokens and implementation holdings', blocks: [objectsTable(c.holdingDifferences)] } });
    if (c.deviationCatalogue.length) b.push({ details: { summary: 'documented deviations', blocks: [objectsTable(c.deviationCatalogue)] } });
  }
  if (d.mutation) {
    b.push({ h: 2, text: 'Mutation score', id: 'mutation' });
    const honest = (r: { fault: string }) => r.fault === HONEST.id;
    const faults = d.mutation.filter((r) => !honest(r));
    b.push({ p: `${faults.filter((r) => r.caught).length} of ${faults.length} seeded faults caught by the conformance suite; the honest implementation ${d.mutation.find(honest)?.caught ? 'FAILED (a mismatch without a fault)' : 'passed'}.` });
    // the honest row passes or raises a false alarm; a fault's row is caught or missed
    const outcome = (r: (typeof d.mutation)[number]) => (honest(r) ? (r.caught ? 'false alarm' : 'passes') : r.caught ? 'caught' : 'missed');
    b.push({ table: { head: ['fault', 'what it does', 'outcome', 'by', 'seconds (found / bound)'], rows: d.mutation.map((r) => [r.fault, r.describe, outcome(r), r.by ?? '', `${r.seconds.toFixed(1)} (${r.foundAfter?.toFixed(1) ?? '-'} / ${r.budget})`]),
      classes: d.mutation.map((r) => ['', '', honest(r) !== r.caught ? 'ok' : 'bad', '', '']) } });
  }
  if (d.modelMutation) b.push(...modelMutationBlocks(d.modelMutation));
  if (d.scenarios?.length) {
    b.push({ h: 2, text: 'Scenarios', id: 'scenarios' });
    if (d.meta.backend) b.push({ p: `Each scenario runs on the model and on the implementation (the ${d.meta.backend} group backend).` });
    b.push({ table: {
      head: ['scenario', 'configuration', 'claim', 'events', 'model', 'implementation'],
      rows: d.scenarios.map((s) => [s.name, s.config, plain(s.claim ?? ''), String(s.events), s.error ? `error: ${s.error}` : s.model.ok ? 'meets expectations' : `FAILS: ${s.model.failed.join('; ')}`, s.impl ? (s.impl.ok ? 'meets expectations' : `FAILS: ${s.impl.failed.join('; ')}`) : 'not run']),
      classes: d.scenarios.map((s) => ['', '', '', '', s.model.ok && !s.error ? 'ok' : 'bad', s.impl ? (s.impl.ok ? 'ok' : 'bad') : 'warn']),
    } });
  }
  if (d.vectors) {
    const { dir, format, checks, identical: same, unavailable } = d.vectors;
    b.push({ h: 2, text: 'Test vectors under every group backend', id: 'vectors' });
    b.push({ p: `The committed test vectors (${dir}/: the scheme's bytes for fixed scalars and nonces, format ${format}) regenerated under each group backend and compared byte for byte: ${same} of ${checks.length} identical.${unavailable.map((u) => ` Not checked: ${u.why}.`).join('')}` });
    b.push({ table: {
      head: ['backend', 'variant', 'result'],
      rows: checks.map((c) => [c.backend, c.variant, c.difference === undefined ? `identical (${c.bytes.toLocaleString('en-US')} bytes)` : `DIFFERS at line ${c.difference.line} (${c.difference.field})`]),
      classes: checks.map((c) => ['', '', c.difference === undefined ? 'ok' : 'bad']),
    } });
  }
  if (d.bench?.points.length) {
    b.push({ h: 2, text: 'Performance beside the paper (Figs. 3-6)', id: 'bench' });
    const be = d.bench.backend;
    if (be) b.push({ p: `Group backend: ${be.name} (${be.package ?? be.library} ${be.version}); native limit: ${d.bench.limit.library}${d.bench.limit.version ? ` ${d.bench.limit.version}` : ''}${d.bench.aesGcm ? `; AES-GCM: ${aesText(d.bench.aesGcm)}` : ''}.` });
    b.push({ p: `Times are ${d.bench.clock === 'cpu' ? 'CPU seconds of the process' : 'wall-clock seconds'}${d.bench.quick ? ', from the quick run\'s fewer repetitions' : ''}.` });
    const sm = d.bench.summary;
    if (sm) b.push({ p: benchSummaryText(sm) });
    const goals = d.bench.goals;
    if (goals?.length) b.push({ table: { head: [...GOAL_HEAD], rows: goals.map(goalRow), classes: goals.map((g) => (g.met === false ? ['', '', 'warn'] : [])) } });
    b.push(...benchTable(d.bench.points));
    for (const [caption, svg] of Object.entries(figures)) b.push({ svg, caption });
    for (const [title, rows] of [['SRS throughput', d.bench.throughput], ['Revocation cost', d.bench.revocation], ['Memory', d.bench.memory], ['Primitives (median, min to max)', d.bench.primitives], ['Verification time as the universe grows', d.bench.verificationGrowth ?? []], [`Fig. 6 over loopback${d.bench.services ? `, the services on the ${d.bench.services.backend} backend` : ''} (ms; floor: the same operation in process (an upload less the in-process cloud\'s storing of C), an empty round trip for each exchange it made, as many timed in a row right after it, and its required work: durable writes, signing and checking its requests)`, d.bench.services?.turnaround ?? []], ['R_U issuance over loopback (floor per s: one R_U in process and one signature check at a time, each client waiting for its answer; ratio: the median over the blocks of each block\'s floor rate over its rate, the floor timed before each block)', d.bench.services?.load ?? []]] as const)
      if (rows.length) b.push({ h: 3, text: title }, objectsTable(rows as unknown as Record<string, unknown>[]));
  }
  b.push({ h: 2, text: 'Versions', id: 'versions' });
  b.push({ p: `Every package the project names, as installed. The solver that answered is the one the first line names (${plain(m.solver ?? 'not run')}); the z3-solver package below is Z3 as WASM, which answers where no libz3 was installed.` });
  b.push({ table: { head: ['package', 'version', ''], rows: Object.entries(m.packages).map(([name, version]) => [name, version, [
    m.aliases?.[name] && `${m.aliases[name]} ${version}, installed under this name`,
    m.patched?.[name] && `with ${m.patched[name]}`,
  ].filter(Boolean).join('; ')]) } });
  // The table of contents: every section of this report, in order.
  b.splice(toc, 0, { links: b.filter((x): x is Extract<Block, { h: 1 | 2 | 3 }> => 'h' in x && x.h === 2 && x.id !== undefined).map((x) => ({ text: x.text, href: `#${x.id}` })) });
  return b;
}
