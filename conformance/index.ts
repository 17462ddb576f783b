// The conformance suite's public API (issue 5): the adapter from model events to the real
// implementation, the oracle, and the runs built on them.
export { type ImplAnswer, applyEvent } from './adapter.js';
export { GroupCache } from './cache.js';
export { type Coalition, coalitionsOf } from './coalitions.js';
export { type Expectation, expectationOf, expectedRefusal } from './expected.js';
export { HOLDING_DIFFERENCES, type Finding, type Mismatch, type MismatchKind, type StateCheck, checkState } from './oracle.js';
export { type ImplRead, implReadable } from './reader.js';
export { type Run, type RunOptions, type StepObservation, check, runEvents, send, startRun } from './run.js';
export { HONEST, type Makers, type World, createWorld, holdingsOf, ownerConfigOf, partiesOf, plaintextFor } from './world.js';
