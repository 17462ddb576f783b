// What a reviewer reads first: for each claim (model/claims.ts), whether it holds, the reading
// under which it holds, the one under which it fails, and the shortest trace of the failure.
// Everything here is computed from the verdicts and the claim map; the same findings feed the
// HTML, the Markdown, report.json and the terminal's closing lines.
import { CLAIMS, claimById, mappingOf, type ClaimMapping } from '../model/claims.js';
import { propertyById } from '../model/properties.js';
import type { VerifyResult } from '../smt/verdict.js';

/** How one verdict stands against the claim its property tests. */
export type Agreement =
  /** the claim holds here */
  | 'agrees'
  /** the claim fails under the source's own trust model and reading: a finding against the paper */
  | 'contradicts'
  /** the claim fails only against an adversary the source's trust model leaves out */
  | 'fails-against-adversary'
  /** the claim fails under a reading the source does not assert here (the other backward policy, a strong reading) */
  | 'fails-under-other-reading'
  /** a limit stopped the check */
  | 'unknown'
  /** the property holds only because its premise cannot arise here: the claim is not tested */
  | 'vacuous';

export const AGREEMENT_TEXT: Readonly<Record<Agreement, string>> = {
  agrees: 'the claim holds',
  contradicts: 'contradicts the paper\'s own claim',
  'fails-against-adversary': 'fails against this adversary (outside the paper\'s trust model)',
  'fails-under-other-reading': 'fails under a reading the paper does not assert here',
  unknown: 'not settled: a limit stopped the check',
  vacuous: 'holds only vacuously: its premise cannot arise here, so the claim is not tested',
};

/** The report's cell class for each agreement (colours in report/blocks.ts). */
export const AGREEMENT_CLASS: Readonly<Record<Agreement, string>> = {
  agrees: 'ok', contradicts: 'bad', 'fails-against-adversary': 'attack', 'fails-under-other-reading': 'reading', unknown: 'warn', vacuous: 'warn',
};

export interface Judgement {
  readonly claim: string;
  readonly claimSection: string;
  readonly claimWords: string;
  /** whether the paper (or the later write-ups, for a module) asserts the claim in this configuration */
  readonly assertedByPaper: boolean;
  readonly agreement: Agreement;
}

/** The property's own statement: holds, fails, or unknown (a vacuous one is judged apart). */
function statementHolds(r: VerifyResult): boolean | undefined {
  switch (r.verdict.kind) {
    case 'proved': case 'holds-to-depth': case 'witness': return true;
    case 'violated': case 'unreachable': return false;
    case 'unknown': case 'vacuous': return undefined;
  }
}

const otherReading = (m: ClaimMapping, r: VerifyResult) => m.reading !== undefined && (!m.reading.asserted || (m.reading.policy !== undefined && m.reading.policy !== r.policy));
const againstAdversary = (m: ClaimMapping, r: VerifyResult) => m.adversary !== undefined && r.profile === 'adversarial';

export function judge(r: VerifyResult): Judgement {
  const m = mappingOf(r.property);
  const c = claimById(m.claim);
  const holds = statementHolds(r);
  const claimHolds = holds === undefined ? undefined : holds === (m.supports ?? true);
  const agreement: Agreement = r.verdict.kind === 'vacuous' ? 'vacuous'
    : claimHolds === undefined ? 'unknown'
    : claimHolds ? 'agrees'
    : otherReading(m, r) ? 'fails-under-other-reading'
    : againstAdversary(m, r) ? 'fails-against-adversary'
    : 'contradicts';
  return { claim: c.id, claimSection: c.section, claimWords: c.words, assertedByPaper: !otherReading(m, r) && !againstAdversary(m, r), agreement };
}

/** report.json's verdicts: each with its claim, whether the source asserts it, and the agreement. */
export function annotate<T extends VerifyResult>(results: readonly T[] | undefined): Array<T & Judgement> | undefined {
  return results?.map((r) => ({ ...r, ...judge(r) }));
}

/** The anchor of a verdict's trace in the report (HTML id, Markdown link target). */
export const traceAnchor = (r: Pick<VerifyResult, 'property' | 'universe' | 'profile' | 'variant' | 'policy' | 'modules'>) =>
  `trace-${[r.property, r.universe, r.profile, r.variant, r.policy, ...(r.modules ?? [])].join('-').replace(/[^A-Za-z0-9-]+/g, '-')}`;

export interface Reading {
  readonly property: string;
  /** what the property checks, or the adversary or reading it stands for */
  readonly label: string;
  /** the configurations, with the axes that range over every checked value left out */
  readonly where: string;
  readonly agreement: Agreement;
  /** the shortest trace among them, when the verdicts carry one */
  readonly trace?: { readonly anchor: string; readonly steps: number; readonly where: string };
}

export type ClaimStatus = 'holds' | 'contradicted' | 'fails against a stronger adversary' | 'depends on the reading' | 'not settled' | 'not checked';

export const STATUS_CLASS: Readonly<Record<ClaimStatus, string>> = {
  holds: 'ok', contradicted: 'bad', 'fails against a stronger adversary': 'attack', 'depends on the reading': 'reading', 'not settled': 'warn', 'not checked': '',
};

export interface ClaimFinding {
  readonly id: string;
  readonly section: string;
  readonly words: string;
  readonly by: string;
  readonly status: ClaimStatus;
  readonly holdsUnder: readonly Reading[];
  readonly failsUnder: readonly Reading[];
  /** each property testing the claim and why, in a sentence with its section */
  readonly arguments: ReadonlyArray<{ readonly property: string; readonly argument: string }>;
}

export interface Findings {
  /** one or two sentences: how many claims hold, fail against an adversary, depend on the reading, are contradicted */
  readonly summary: string;
  readonly universes: readonly string[];
  readonly claims: readonly ClaimFinding[];
}

const AXES = ['universe', 'profile', 'variant', 'policy', 'modules'] as const;
const axisValue = (r: VerifyResult, a: (typeof AXES)[number]) => (a === 'modules' ? (r.modules ?? []).join('+') || 'none' : r[a]);

/** "profile adversarial, variant srs-keys": only the axes on which the group is narrower than every run of its property. */
function where(group: readonly VerifyResult[], all: readonly VerifyResult[]): string {
  const parts: string[] = [];
  for (const a of AXES) {
    const mine = [...new Set(group.map((r) => axisValue(r, a)))];
    const every = [...new Set(all.map((r) => axisValue(r, a)))];
    if (mine.length < every.length) parts.push(`${a} ${mine.join(' or ')}`);
  }
  return parts.length ? parts.join(', ') : 'every configuration checked';
}

const configOf = (r: VerifyResult) => `${r.universe}: ${r.profile}/${r.variant}/${r.policy}${(r.modules ?? []).map((m) => `+${m}`).join('')}`;

function label(m: ClaimMapping, r: VerifyResult, a: Agreement): string {
  if (a === 'vacuous') return `${label(m, r, 'agrees')}, only vacuously (its premise cannot arise)`;
  if (a === 'fails-against-adversary' || (m.adversary && r.profile === 'adversarial')) return `against ${m.adversary}`;
  if (m.reading) return `under the reading "${m.reading.name}"`;
  return propertyById(m.property).title.replace(/^./, (c) => c.toLowerCase());
}

function readings(results: readonly VerifyResult[]): Reading[] {
  const groups = new Map<string, VerifyResult[]>();
  for (const r of results) {
    const m = mappingOf(r.property);
    const a = judge(r).agreement;
    const key = `${r.property}|${a}|${label(m, r, a)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const r0 = g[0];
    const a = judge(r0).agreement;
    const traced = g.filter((r) => r.verdict.kind === 'violated' || r.verdict.kind === 'witness')
      .sort((x, y) => stepsOf(x) - stepsOf(y));
    const t = a !== 'agrees' ? traced[0] : undefined;
    return {
      property: r0.property, label: label(mappingOf(r0.property), r0, a), agreement: a,
      where: where(g, results.filter((r) => r.property === r0.property)),
      ...(t && { trace: { anchor: traceAnchor(t), steps: stepsOf(t), where: configOf(t) } }),
    };
  });
}

const stepsOf = (r: VerifyResult) => ('trace' in r.verdict ? r.verdict.trace.steps.length : Infinity);

const RANK: readonly Agreement[] = ['contradicts', 'fails-against-adversary', 'fails-under-other-reading', 'unknown'];
const STATUS_OF: Readonly<Record<Agreement, ClaimStatus>> = {
  contradicts: 'contradicted', 'fails-against-adversary': 'fails against a stronger adversary', 'fails-under-other-reading': 'depends on the reading', unknown: 'not settled', agrees: 'holds',
  vacuous: 'not settled',
};

/** Every run once: Section 5's runs are also among the catalogue's on the full run. */
function distinct(results: readonly VerifyResult[]): VerifyResult[] {
  const seen = new Map<string, VerifyResult>();
  for (const r of results) seen.set(`${r.property}|${configOf(r)}`, r);
  return [...seen.values()];
}

export function findings(all: readonly VerifyResult[]): Findings {
  const results = distinct(all);
  const claims: ClaimFinding[] = CLAIMS.map((c) => {
    const mine = results.filter((r) => mappingOf(r.property).claim === c.id);
    const rs = readings(mine);
    const agreements = new Set(mine.map((r) => judge(r).agreement));
    const worst = RANK.find((a) => agreements.has(a));
    // a vacuous run tests nothing: it neither breaks a claim nor, alone, shows that it holds
    const tested = [...agreements].some((a) => a !== 'vacuous');
    const status: ClaimStatus = !mine.length ? 'not checked' : worst ? STATUS_OF[worst] : tested ? 'holds' : STATUS_OF.vacuous;
    const props = [...new Set(mine.map((r) => r.property))];
    return {
      id: c.id, section: c.section, words: c.words, by: c.by, status,
      holdsUnder: rs.filter((x) => x.agreement === 'agrees' || x.agreement === 'vacuous'),
      failsUnder: rs.filter((x) => x.agreement !== 'agrees' && x.agreement !== 'vacuous'),
      arguments: props.map((p) => ({ property: p, argument: mappingOf(p).argument })),
    };
  }).filter((c) => c.status !== 'not checked');
  const count = (by: string, s: ClaimStatus) => claims.filter((c) => c.by === by && c.status === s).length;
  const sentence = (by: string, what: string) => {
    const n = claims.filter((c) => c.by === by).length;
    if (!n) return '';
    const parts = ([
      ['holds', 'holds under every reading checked', 'hold under every reading checked'],
      ['contradicted', 'is contradicted under the paper\'s own assumptions', 'are contradicted under the paper\'s own assumptions'],
      ['fails against a stronger adversary', 'fails against an adversary the paper\'s trust model leaves out', 'fail against an adversary the paper\'s trust model leaves out'],
      ['depends on the reading', 'holds under one reading and fails under another', 'hold under one reading and fail under another'],
      ['not settled', 'is not settled (a limit stopped a check, or its premise cannot arise)', 'are not settled (a limit stopped a check, or their premise cannot arise)'],
    ] as const).map(([s, one, many]) => [count(by, s), one, many] as const).filter(([k]) => k > 0).map(([k, one, many]) => `${k} ${k === 1 ? one : many}`);
    return `Of ${what} ${n} claims, ${parts.join('; ')}.`;
  };
  const universes = [...new Set(results.map((r) => r.universe))];
  const summary = [sentence('paper', 'the paper\'s'), sentence('later write-ups', 'the later write-ups\'')].filter(Boolean).join(' ');
  return { summary, universes, claims };
}

/** The terminal's closing lines: the same findings, one line a claim. */
export function findingsLines(f: Findings, reportFile: string): string[] {
  const out = ['', `Findings (${f.universes.join(', ')} universe${f.universes.length > 1 ? 's' : ''}): ${f.summary}`];
  const w = Math.max(...f.claims.map((c) => c.status.length));
  for (const c of f.claims) {
    // the failing reading with the shortest trace (or the first, when none has a trace)
    const fail = [...c.failsUnder].sort((a, b) => (a.trace?.steps ?? Infinity) - (b.trace?.steps ?? Infinity))[0];
    const trace = fail?.trace;
    const tail = fail ? `; fails ${fail.label} (${fail.property}, ${fail.where})${trace ? `; shortest trace found ${trace.steps} steps: ${reportFile}#${trace.anchor}` : ''}` : '';
    out.push(`  ${c.status.padEnd(w)}  ${c.section}: ${c.words}${tail}`);
  }
  return out;
}
