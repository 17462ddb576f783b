// The conformance suite's public API: the adapter from model events to the real
// implementation, the oracle, and the runs built on them.
export { type ImplAnswer, applyEvent } from './adapter.js';
export { GroupCache } from './cache.js';
export { type Coalition, coalitionsOf } from './coalitions.js';
export { type Expectation, expectationOf, expectedRefusal } from './expected.js';
export { HOLDING_DIFFERENCES, type Finding, type Mismatch, type MismatchKind, type StateCheck, checkState } from './oracle.js';
export { type ImplRead, type ReadSearch, implReadable } from './reader.js';
export { type BoundReached, DEFAULT_LIMITS, type Hooks, type Limits, type ProgressEvent, describeMismatch } from './limits.js';
export { type Run, type RunOptions, type StepObservation, check, runEvents, send, startRun } from './run.js';
export { HONEST, type Makers, type World, createWorld, holdingsOf, ownerConfigOf, partiesOf, plaintextFor } from './world.js';
export { Coverage, type CoverageRow, KIND_NAMES } from './coverage.js';
export { DEVIATIONS, grantedSibling } from './expected.js';
export { type Graph, type GraphState, type SelectedPath, type Selection, reachableGraph, selectPaths } from './paths.js';
export { type RandomOptions, type RandomReport, runRandom } from './random.js';
export { type PathsOptions, type PathsReport, runPaths } from './suite.js';
export { type Target, type TargetKind, classifier, conjuncts, propertyStates } from './targets.js';
export { type TraceReplay, evidenceOf, replayTrace, traceEvents } from './traces.js';
export { type VerdictReplay, replayExplorerVerdicts } from './verdicts.js';
export { type ConfigReport, type ConformOptions, type ConformanceReport, type TraceSummary, conform } from './conform.js';
export { type SmtReplayOptions, replaySmtVerdicts } from './smt-traces.js';
