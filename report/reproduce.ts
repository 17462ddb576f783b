// `reproduce`: every stage a reviewer needs, in order, each timed and recorded; a stage that
// cannot run is reported (and makes the run fail) but does not stop the others. A violated
// property is a result, never a failure.
import { loadavg } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { MODULES, includesProfile, validConfigs, type NetConfig } from '../model/config.js';
import { DEFECTS } from '../model/defects.js';
import { explore } from '../model/explore.js';
import { renderSvg, toDot } from '../model/export/dot.js';
import { NetTooLarge } from '../model/net-size.js';
import { buildNet } from '../model/net.js';
import { CATALOGUE, MODULE_CATALOGUE, PAPER_PROPERTY_IDS, PATIENT_CATALOGUE } from '../model/properties.js';
import { small, paper, universeByName } from '../universes/index.js';
import type { Universe } from '../model/universe.js';
import { shippedScenarios } from '../scenarios/index.js';
import { loadScenario } from '../scenarios/load.js';
import { runOnImpl } from '../scenarios/run-impl.js';
import { runOnModel, type StepOutcome } from '../scenarios/run-model.js';
import { verifyCatalogue } from '../smt/catalogue.js';
import { verifyAllSizes } from '../smt/all-sizes/catalogue.js';
import { z3Version } from '../smt/z3.js';
import type { VerifyResult } from '../smt/verdict.js';
import { FAULTS } from '../scripts/faults.js';
import { HONEST } from '../scripts/mutation.js';
import { GOLDEN_FILE, MODEL_FAULTS } from '../scripts/model-faults.js';
import { SuiteThreads } from './suite-threads.js';
import { runBench } from '../bench/run.js';
import { BACKENDS } from '../impl/group/backend.js';
import { backend } from '../impl/group/group.js';
import { installedAs, installedPackages } from '../bench/machine.js';
import { VARIANTS } from '../impl/parties/access.js';
import { checkVectors } from '../impl/tools/vectors.js';
import type { ExplorerRun, ReportData, ScenarioRecord, StageRecord } from './data.js';
import { committedVectorsDir, gitCommit, machine, projectRoot } from './meta.js';
import { join, relative } from 'node:path';

export interface ReproduceOptions {
  readonly out: string;
  readonly quick: boolean;
  readonly seed: number;
  /** the universe of the catalogue and module stages (default `paper`, `small` with quick) */
  readonly universe?: Universe;
  /** called when a stage starts and ends, for progress output */
  readonly onStage?: (event: { name: string; index: number; of: number; done?: StageRecord }) => void;
  /** called with a long stage's steps, each with the seconds since the stage began */
  readonly onProgress?: (message: string) => void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };


/** --quick conformance: one configuration per profile, both variants and both policies among them. */
const QUICK_CONFIGS: NetConfig[] = [
  { profile: 'paper', variant: 'srs-keys', policy: 'history' },
  { profile: 'extended', variant: 'owner-keys', policy: 'from-join-date' },
  { profile: 'adversarial', variant: 'srs-keys', policy: 'from-join-date' },
];

/** --quick conformance runs every k-th graph path (the report labels its coverage as sampled). */
const QUICK_SAMPLE = 10;

const failures = (xs: readonly StepOutcome[]) => xs.flatMap((o) => o.results.filter((r) => !r.ok).map((r) => `line ${o.line}: ${r.what}: expected ${r.expected}, got ${r.actual}`));

/** The group backend in use, with the package published under its library's name and the version
 *  installed (as bench.json's `backend` gives them): "blst (@chainsafe/blst 0.2.11)". */
export function backendLine(): string {
  const be = backend();
  const { package: pkg, version } = installedAs(be.library);
  return `${be.name} (${pkg} ${version})`;
}

export async function reproduce(opts: ReproduceOptions): Promise<{ data: ReportData; failed: boolean }> {
  const smtOut = join(opts.out, 'smt2');
  // --quick: the paper's three properties still on the paper universe (the reproduction of
  // Section 5); the rest of the catalogue on `small`, where Z3 answers in seconds.
  const catalogueUniverse = opts.universe ?? (opts.quick ? small : paper);
  // the patient catalogue on the chosen universe when it has several patients, else on two-patients
  const patientUniverse = catalogueUniverse.patients.length > 1 ? catalogueUniverse : universeByName('two-patients');
  // A universe given to the run and too large to ground is refused before any stage writes into the
  // report's folder: every net the catalogue's and the modules' stages build on it is built here once.
  if (opts.universe) for (const modules of [[], ...MODULES.map((m) => [m])]) for (const cfg of validConfigs(undefined, undefined, undefined, modules)) buildNet(opts.universe, cfg);
  const d: Mutable<Partial<ReportData>> = { defects: DEFECTS };
  // the backend the process selected: every implementation stage runs on it (the vectors' stage
  // goes through every backend and puts this one back)
  const backendUsed = backendLine();
  // conformance and the mutation score: single-threaded suite runs, independent of each other, on
  // one worker thread a core (suite-threads.ts)
  const suite = new SuiteThreads();
  const startMutation = () => ({
    implementation: [HONEST, ...FAULTS].map((f) => suite.run({ kind: 'implementation fault', id: f.id, options: { runs: 3, seed: opts.seed } })),
    model: existsSync(GOLDEN_FILE) ? MODEL_FAULTS.map((f) => suite.run({ kind: 'model fault', id: f.id, golden: GOLDEN_FILE })) : undefined,
  });
  let mutation: ReturnType<typeof startMutation> | undefined;
  /** A stage returns nothing, or why it was skipped. */
  const stages: Array<[string, () => Promise<void | string>]> = [
    ['Section 5: the paper\'s three properties on the paper profile (Z3)', async () => {
      d.section5 = await verifyCatalogue({ universe: paper.name, profiles: ['paper'], properties: [...PAPER_PROPERTY_IDS], smtOut });
    }],
    [`the whole catalogue across profiles, variants and policies (Z3, ${catalogueUniverse.name} universe)`, async () => {
      if (catalogueUniverse !== paper) {
        d.catalogue = await verifyCatalogue({ universe: catalogueUniverse.name, smtOut });
        return;
      }
      // On the paper universe, the Section 5 runs are already done: verify only the rest.
      const others = CATALOGUE.map((p) => p.id).filter((id) => !(PAPER_PROPERTY_IDS as readonly string[]).includes(id));
      const rest: VerifyResult[] = [
        ...(await verifyCatalogue({ universe: paper.name, properties: [...PAPER_PROPERTY_IDS], profiles: ['extended', 'adversarial'], smtOut })),
        ...(await verifyCatalogue({ universe: paper.name, properties: others, smtOut })),
      ];
      d.catalogue = [...(d.section5 ?? []), ...rest];
    }],
    [`the later write-ups' modules: audit chain, third-party auditor, time windows (Z3, ${catalogueUniverse.name} universe)`, async () => {
      d.modules = await verifyCatalogue({ universe: catalogueUniverse.name, properties: MODULE_CATALOGUE.map((p) => p.id), smtOut });
    }],
    [`many patients: isolation and collusion across patients (Z3, ${patientUniverse.name} universe)`, async () => {
      // --quick leaves out the one stage that needs a universe of its own: its reachable premises
      // lie deep, and it is the costliest stage of a quick run (the README's stage tables, which
      // bench/verify.ts measures, give its time beside the others')
      if (opts.quick && patientUniverse !== catalogueUniverse) return `by --quick (the costliest stage; the README's stage tables time it): run without --quick, or sesphr verify --universe ${patientUniverse.name} --property ${PATIENT_CATALOGUE.map((p) => p.id).join(' ')}`;
      d.patients = await verifyCatalogue({ universe: patientUniverse, properties: PATIENT_CATALOGUE.map((p) => p.id), smtOut });
    }],
    [`the catalogue for every size: quantified inductive invariants (Z3)${opts.quick ? ', paper profile' : ''}`, async () => {
      d.allSizes = (await verifyAllSizes({ smtOut, ...(opts.quick ? { profiles: ['paper'] } : {}) })).results;
    }],
    ['explicit-state exploration of the small universe (every configuration, exhaustive)', async () => {
      d.explorer = validConfigs().map((cfg): ExplorerRun => {
        const net = buildNet(small, cfg);
        const { fired: _f, guardOutcomes: _g, ...r } = explore(net, CATALOGUE.filter((p) => includesProfile(cfg.profile, p.profiles[0])));
        return { universe: small.name, ...cfg, ...r };
      });
    }],
    ['scenarios on the model and the implementation', async () => {
      d.scenarios = shippedScenarios().map((f): ScenarioRecord => {
        const s = loadScenario(f);
        // the universe apart from the configuration, whose words the verdict tables use
        const config = `${s.net.U.name} universe, ${s.spec.profile} / ${s.spec.variant} / ${s.spec.policy}`;
        try {
          const model = runOnModel(s);
          const impl = runOnImpl(s, model, `reproduce-${opts.seed}`);
          return { file: relative(projectRoot(), f), name: s.spec.name, claim: s.spec.claim, config, events: model.events.length,
            model: { ok: model.ok, failed: failures(model.expectations) },
            impl: { ok: impl.ok, failed: [...impl.divergences, ...failures(impl.expectations)] } };
        } catch (e) {
          return { file: relative(projectRoot(), f), name: s.spec.name, claim: s.spec.claim, config, events: 0, model: { ok: false, failed: [] }, error: (e as Error).message };
        }
      });
    }],
    ['the test vectors regenerated under every group backend, byte for byte', async () => {
      const dir = committedVectorsDir();
      const expected = VARIANTS.map((variant) => ({ variant, text: readFileSync(join(dir, `${variant}.json`), 'utf8') }));
      d.vectors = { dir: relative(projectRoot(), dir), ...(await checkVectors(expected, BACKENDS)) };
    }],
    [opts.quick ? 'conformance: a sample of the graph paths over small (every 10th), traces replayed, no random runs (real crypto)' : 'conformance: graph paths over small, traces replayed, random runs over paper (real crypto)', async () => {
      // --quick: one configuration per profile and every 10th graph path, no random runs.
      if (opts.quick) d.conformanceSample = QUICK_SAMPLE;
      const conformance = suite.run({ kind: 'conformance', options: opts.quick
        ? { universe: small.name, configs: QUICK_CONFIGS, seed: opts.seed, runs: 0, sample: QUICK_SAMPLE }
        : { universe: small.name, configs: validConfigs(), seed: opts.seed, runs: 10 } });
      // the mutation score's runs start now, on the thread the conformance run leaves free
      mutation = opts.quick ? undefined : startMutation();
      d.conformance = await conformance;
    }],
    ['mutation score: seeded implementation faults against the conformance suite, model faults against the golden verdicts and fingerprints', async () => {
      if (opts.quick) return 'by --quick (each fault re-runs the suite): run without --quick, or scripts/mutation.ts and scripts/model-faults.ts';
      const m = mutation ?? startMutation();
      d.mutation = await Promise.all(m.implementation);
      if (!m.model) return `model faults not run: they compare with ${GOLDEN_FILE}, which this installation does not have`;
      d.modelMutation = await Promise.all(m.model);
    }],
    [opts.quick ? 'benchmarks, quick: Figs. 3-6 at fewer sizes and repetitions, without the worker pool, sesphr verify\'s timing and the 64 MB peaks (npm run bench for all of them)' : 'benchmarks: Figs. 3-6 beside the paper and each operation\'s floor', async () => {
      d.bench = await runBench({ quick: opts.quick, seed: `reproduce-${opts.seed}`, ...(opts.onProgress && { onProgress: opts.onProgress }) });
    }],
    ['the net as a diagram (Graphviz)', async () => {
      d.netSvg = await renderSvg(toDot(buildNet(paper, { profile: 'paper', variant: 'srs-keys', policy: 'history' })));
    }],
  ];

  const records: StageRecord[] = [];
  try {
    for (const [k, [name, run]] of stages.entries()) {
      opts.onStage?.({ name, index: k + 1, of: stages.length });
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const load = loadavg()[0];
      const used = () => { const c = process.cpuUsage(cpu0); return { cpuSeconds: (c.user + c.system) / 1e6, load }; };
      let rec: StageRecord;
      try {
        const skipped = await run();
        rec = { name, seconds: (performance.now() - t0) / 1000, ok: true, ...(skipped ? { skipped } : {}), ...used() };
      } catch (e) {
        // a universe too large to ground fails every stage that reads it: bad input, the run stops
        if (e instanceof NetTooLarge) throw e;
        rec = { name, seconds: (performance.now() - t0) / 1000, ok: false, error: (e as Error).message, ...used() };
      }
      records.push(rec);
      opts.onStage?.({ name, index: k + 1, of: stages.length, done: rec });
    }
  } finally {
    await suite.close();
  }
  let solver: string | undefined;
  try {
    solver = await z3Version();
  } catch {
    solver = undefined;
  }
  const m = machine();
  d.meta = { generatedAt: new Date().toISOString(), commit: gitCommit(), node: process.version, ...m, ...installedPackages(), solver, backend: backendUsed, seed: opts.seed, quick: opts.quick, stages: records };
  const failed = records.some((r) => !r.ok) || (d.scenarios ?? []).some((s) => s.error !== undefined || !s.model.ok || (s.impl && !s.impl.ok))
    || (d.vectors !== undefined && d.vectors.identical < d.vectors.checks.length);
  return { data: d as ReportData, failed };
}
