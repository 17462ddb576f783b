// Reading scenario files: YAML with positions kept, validated against the schema; every error
// names the file, line and column and what was expected, and nothing half-read is returned.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import type { NetConfig } from '../model/config.js';
import { buildNet, type Net } from '../model/net.js';
import { universeByName } from '../model/universe.js';
import { nameProblems } from './names.js';
import { STEP_VERBS, Scenario, type ScenarioSpec } from './schema.js';

export class ScenarioError extends Error {}

export interface LoadedScenario {
  readonly file: string;
  readonly spec: ScenarioSpec;
  /** 1-based line of each step, for messages */
  readonly stepLines: readonly number[];
  readonly net: Net;
}

export function parseScenario(file: string, text: string): LoadedScenario {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    const why = e.code === 'MULTIPLE_DOCS' ? 'a scenario file holds one YAML document; a second one starts here' : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError(`${file}:${pos?.line ?? '?'}:${pos?.col ?? '?'}: invalid YAML: ${why}`);
  }
  const data = toData(file, doc, lc);
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    let issue = parsed.error.issues[0];
    let path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // A step with one known verb: report that verb's own first problem, not the union's.
    const stepData = issue.code === 'invalid_union' && path[0] === 'steps' && path.length === 2 ? data.steps[path[1] as number] : undefined;
    const verb = stepData && typeof stepData === 'object' && Object.keys(stepData).length === 1 ? Object.keys(stepData)[0] : undefined;
    if (verb && verb in STEP_VERBS) {
      const inner = STEP_VERBS[verb as keyof typeof STEP_VERBS].safeParse(stepData);
      if (!inner.success) {
        issue = inner.error.issues[0];
        path = [...path, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      }
    }
    // The deepest node that exists on the path gives the position.
    let at = { line: 1, col: 1 };
    for (let k = path.length; k >= 0; k--) {
      const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
      if (isNode(node) && node.range) {
        at = lc.linePos(node.range[0]);
        break;
      }
    }
    const where = path.length ? path.join('.') : '(top level)';
    throw new ScenarioError(`${file}:${at.line}:${at.col}: ${where}: ${explain(issue)}`);
  }
  const spec = parsed.data;
  const steps = doc.getIn(['steps'], true);
  const stepLines = spec.steps.map((_, k) => {
    const n = isNode(steps) ? (steps as { items?: unknown[] }).items?.[k] : undefined;
    return isNode(n) && n.range ? lc.linePos(n.range[0]).line : 0;
  });
  const cfg = { profile: spec.profile, variant: spec.variant, policy: spec.policy, ...(spec.modules?.length && { modules: spec.modules }) } as NetConfig;
  let net: Net;
  try {
    net = buildNet(universeByName(spec.universe), cfg);
  } catch (e) {
    throw new ScenarioError(`${file}: ${(e as Error).message}`);
  }
  // Every user, file, partition, party and transition named must exist in this net.
  const [problem] = nameProblems(spec, net);
  if (problem) throw new ScenarioError(`${file}:${positionOf(doc, lc, problem.path)}: ${problem.path.join('.')}: ${problem.message}`);
  return { file, spec, stepLines, net };
}

/** A scenario is a few hundred nodes: anything expanding to more aliases is refused, with the first alias's position. */
const MAX_ALIASES = 100;

function toData(file: string, doc: Document, lc: LineCounter): any {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    let at = '1:1';
    visit(doc, { Alias: (_k, node) => {
      if (node.range) at = ((p) => `${p.line}:${p.col}`)(lc.linePos(node.range[0]));
      return visit.BREAK;
    } });
    throw new ScenarioError(`${file}:${at}: invalid YAML: ${e instanceof ReferenceError ? `aliases expand beyond ${MAX_ALIASES} nodes (an alias bomb?)` : (e as Error).message}`);
  }
}

/** line:col of the deepest node of `path` that exists in the document. */
function positionOf(doc: Document, lc: LineCounter, path: ReadonlyArray<string | number>): string {
  for (let k = path.length; k >= 0; k--) {
    const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
    if (isNode(node) && node.range) {
      const p = lc.linePos(node.range[0]);
      return `${p.line}:${p.col}`;
    }
  }
  return '1:1';
}

function explain(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unexpected key(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_union') return `not a known step: expected exactly one of ${Object.keys(STEP_VERBS).join(', ')}, with its fields`;
  return issue.message;
}

export function loadScenario(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseScenario(file, text);
}
