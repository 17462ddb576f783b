// What `reproduce` gathers and the report renders. Each part is the JSON its stage wrote; the
// renderers only format it, so a figure in the report is always the figure the stage computed.
import type { ExploreResult } from '../model/explore.js';
import type { DefectResolution } from '../model/defects.js';
import type { NetConfig } from '../model/config.js';
import type { VerifyResult } from '../smt/verdict.js';
import type { ConformanceReport } from '../conformance/conform.js';
import type { MutationRow } from '../scripts/mutation.js';
import type { ModelMutationRow } from '../scripts/model-faults.js';
import type { BenchReport } from '../bench/types.js';
import type { VectorRun } from '../impl/tools/vectors.js';

export interface StageRecord {
  readonly name: string;
  readonly seconds: number;
  readonly ok: boolean;
  /** why a stage could not run (never a secret) */
  readonly error?: string;
  /** why a stage was deliberately not run (e.g. by --quick) */
  readonly skipped?: string;
  /** CPU seconds of the process (every thread) during the stage, and the 1-minute load average at its start: wall clock on a shared machine means little without them */
  readonly cpuSeconds?: number;
  readonly load?: number;
}

export interface Meta {
  readonly generatedAt: string;
  readonly commit: string;
  readonly node: string;
  readonly platform: string;
  readonly cpus: string;
  readonly packages: Readonly<Record<string, string>>;
  /** the packages installed under another name, and the package each is (bench/machine.ts) */
  readonly aliases?: Readonly<Record<string, string>>;
  /** the packages npm install patches, and the patch each gets */
  readonly patched?: Readonly<Record<string, string>>;
  readonly solver?: string;
  /** the group backend the implementation's stages ran on (scenarios, conformance, mutation,
   *  benchmarks), with the package behind it and its installed version */
  readonly backend?: string;
  /** how many solver commands were answered from the answers of earlier runs (cli/answer-store.ts) */
  answers?: string;
  readonly seed: number;
  readonly quick: boolean;
  readonly stages: readonly StageRecord[];
}

export interface ExplorerRun extends NetConfig, Omit<ExploreResult, 'fired' | 'guardOutcomes'> {
  readonly universe: string;
}

export interface ScenarioRecord {
  readonly file: string;
  readonly name: string;
  readonly claim?: string;
  readonly config: string;
  readonly events: number;
  readonly model: { readonly ok: boolean; readonly failed: readonly string[] };
  readonly impl?: { readonly ok: boolean; readonly failed: readonly string[] };
  readonly error?: string;
}

export type { BenchPoint } from '../bench/types.js';

import type { AllSizesResult } from '../smt/all-sizes/check.js';

export interface ReportData {
  readonly meta: Meta;
  readonly section5?: readonly VerifyResult[];
  readonly catalogue?: readonly VerifyResult[];
  /** the later write-ups' modules (audit chain, TPA, time windows): their properties, each on nets with its modules on */
  readonly modules?: readonly VerifyResult[];
  /** the properties only several patients can state, on the two-patients universe */
  readonly patients?: readonly VerifyResult[];
  /** the catalogue for every size (smt/all-sizes/): the "all sizes" column of the verdict matrices */
  readonly allSizes?: readonly AllSizesResult[];
  readonly explorer?: readonly ExplorerRun[];
  readonly conformance?: ConformanceReport;
  /** conformance ran every k-th graph path only (--quick): its coverage is a sample's */
  readonly conformanceSample?: number;
  readonly mutation?: readonly MutationRow[];
  /** seeded model faults against the golden verdicts and fingerprints (scripts/model-faults.ts) */
  readonly modelMutation?: readonly ModelMutationRow[];
  readonly scenarios?: readonly ScenarioRecord[];
  /** the committed test vectors regenerated under every group backend, compared byte for byte */
  readonly vectors?: VectorRun & { readonly dir: string };
  readonly bench?: BenchReport;
  readonly defects: readonly DefectResolution[];
  /** the net (paper profile) as SVG, rendered by Graphviz */
  readonly netSvg?: string;
}
