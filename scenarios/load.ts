// Reading scenario files: YAML with positions kept, validated against the schema; every error
// names the file, line and column and what was expected, and nothing half-read is returned.
import { type PathItem, issueOf, positionedError, readYaml } from '../input/yaml.js';
import type { NetConfig } from '../model/config.js';
import { buildNet, type Net } from '../model/net.js';
import { UniverseError, UniverseFileUnreadable, buildUniverse, registerUniverse, shippedUniverses, universeByName } from '../universes/index.js';
import type { Universe } from '../model/universe.js';
import { dirname, isAbsolute, join } from 'node:path';
import { readInputText } from '../input/text.js';
import { nameProblems } from './names.js';
import { REFUSABLE, STEP_VERBS, Scenario, type ScenarioSpec } from './schema.js';

export class ScenarioError extends Error {}

export interface LoadedScenario {
  readonly file: string;
  readonly spec: ScenarioSpec;
  /** 1-based line of each step, for messages */
  readonly stepLines: readonly number[];
  readonly net: Net;
}

/** `universe`: run the scenario on this universe instead of the one it names. */
export function parseScenario(file: string, text: string, universe?: Universe): LoadedScenario {
  const read = readYaml(file, text, Scenario, {
    error: (m) => new ScenarioError(m),
    // A step with one known verb: report that verb's own first problem, not the union's.
    refine: (issue, data) => {
      const stepData = issue.code === 'invalid_union' && issue.path[0] === 'steps' && issue.path.length === 2 ? (data as { steps: unknown[] }).steps[issue.path[1] as number] : undefined;
      const verbs = stepData && typeof stepData === 'object' ? Object.keys(stepData).filter((k) => k !== REFUSABLE) : [];
      const verb = verbs.length === 1 ? verbs[0] : undefined;
      if (!verb || !(verb in STEP_VERBS)) return issue;
      const inner = STEP_VERBS[verb as keyof typeof STEP_VERBS].safeParse(stepData);
      if (inner.success) return issue;
      const i = issueOf(inner.error.issues[0]);
      return { ...i, path: [...issue.path, ...i.path] };
    },
    explain: (issue) => (issue.code === 'invalid_union' ? `not a known step: expected exactly one of ${Object.keys(STEP_VERBS).join(', ')}, with its fields (and, but for expect, an optional ${REFUSABLE}: REASON)` : undefined),
  });
  const spec = read.data;
  const stepLines = spec.steps.map((_, k) => read.lineOf(['steps', k]));
  const cfg = { profile: spec.profile, variant: spec.variant, policy: spec.policy, ...(spec.modules?.length && { modules: spec.modules }) } as NetConfig;
  let net: Net;
  try {
    net = buildNet(universe ?? scenarioUniverse(file, spec.universe, (path, what) => positionedError(file, read.doc, read.lines, ['universe', ...path], what, (m) => new ScenarioError(m))), cfg);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(e instanceof UniverseError ? e.message : `${file}: ${(e as Error).message}`);
  }
  // Every user, file, partition, party and transition named must exist in this net.
  const [problem] = nameProblems(spec, net);
  if (problem) throw positionedError(file, read.doc, read.lines, problem.path, problem.message, (m) => new ScenarioError(m));
  return { file, spec, stepLines, net };
}

/** The scenario's universe: a shipped one by name, a file (relative to the scenario), or one declared inline. */
function scenarioUniverse(file: string, u: ScenarioSpec['universe'], fail: (path: PathItem[], what: string) => Error): Universe {
  if (typeof u === 'object') return registerUniverse(buildUniverse(u, fail, file));
  if (shippedUniverses().includes(u)) return universeByName(u);
  if (/\.ya?ml$/.test(u)) {
    try {
      return universeByName(isAbsolute(u) ? u : join(dirname(file), u));
    } catch (e) {
      throw e instanceof UniverseFileUnreadable ? fail([], e.message) : e;
    }
  }
  throw fail([], `unknown universe '${u}': expected one of ${shippedUniverses().join(', ')}, a universe file (.yaml, relative to this scenario), or a universe declared inline`);
}

export function loadScenario(file: string, universe?: Universe): LoadedScenario {
  const text = readInputText('scenario file', file, (m) => new ScenarioError(m));
  return parseScenario(file, text, universe);
}
