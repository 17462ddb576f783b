// The shapes bench/run.ts returns (report/data.ts plots `points`).
import type { ServicesBench } from './services.js';
import type { BackendName } from '../impl/index.js';
import type { NativeLimit } from './limit.js';
import type { MachineInfo } from './machine.js';
import type { SolverFloor } from './solver-floor.js';
import type { GrowthRow } from './verification-growth.js';
import type { PrimitiveRow } from './primitives.js';
import type { HandOff, Spread } from './timing.js';

/** One point of a figure: ours (min/median/max seconds), its floor, the paper's value. */
export interface BenchPoint {
  figure: 'fig3' | 'fig4' | 'fig5' | string;
  x: number;
  xLabel: string;
  ours: Spread;
  floor?: number;
  /** the floor's group operations and AES-GCM alone, without the draws, encodings and key
   *  derivation its rules also need (floor.ts): ours/floorCore is the gap those steps and our code make together */
  floorCore?: number;
  /** the same work on native blst, where it offers it (key generation: N secret-to-public keys) */
  limit?: number;
  paper?: number;
  /** on the worker pool: the median hand-off to the workers, from the calls' state and warm (its floor counts the first) */
  poolHandOff?: HandOff;
  /** Figs. 3 and 5 on the pool, wall clock: the same keys, or the same record's partitions, split
   *  in equal ranges between as many bare threads (bare-split.ts, bare-decrypt.ts), median seconds;
   *  a reference beside the floor, not a floor */
  bare?: number;
  /** where each timed run followed a floor of its own (Figs. 3 to 5 on one thread): the median of
   *  each run over its floor, and over its floor's core (floor.ts floorsOf); on the pool, where the
   *  runs alternate in blocks with their floor's, the median over the blocks of each block's median
   *  run over that block's floor (parallel.ts poolFloors) */
  pairedToFloor?: { total: number; core: number };
  /**
   * ours/floor and ours/core: the paired medians where the point has them, else the ratio of the
   * medians (`toFloorOfMedians` keeps that one beside a paired ratio); ours/limit and paper/ours
   * from the medians (above 1: faster than the paper)
   */
  ratios?: { toFloor?: number; toFloorCore?: number; toFloorOfMedians?: number; toLimit?: number; paperToOurs?: number; toBare?: number; bareToFloor?: number };
}

/** What a reader of bench.json checks first, computed from the points, the primitives and the
 *  services' figures. */
export interface BenchSummary {
  /** the worst ratio to its floor of every operation the run measured, naming it: Figs. 3-5 on one
   *  thread (`fig4, x = 500`) and on the worker pool, `sesphr verify` against Z3 alone on its
   *  files, Fig. 6 and R_U issuance over loopback. Each is judged as a goal of its own too */
  worstOfAll?: { what: string; ratio: number };
  /** of the one-thread figures, Figs. 3 to 5 */
  worstToFloor: { figure: string; x: number; ratio: number } | undefined;
  /** the same against the floors' group operations and AES-GCM alone (BenchPoint.floorCore) */
  worstToFloorCore?: { figure: string; x: number; ratio: number };
  /** the worst of the worker-pool points (Figs. 3 and 5 on the pool, wall clock and critical path)
   *  against their floor (bench/parallel.ts), and the bare threads' ratio to that floor where the
   *  point has them (BenchPoint.bare) */
  worstToFloorOnPool?: { figure: string; x: number; ratio: number; bareToFloor?: number };
  worstToLimit: { what: string; ratio: number } | undefined;
  /** the whole SMT catalogue, wall-clock seconds (full runs) */
  verifySeconds: number | undefined;
  /** `sesphr verify` again with the answers the first run recorded (bench/verification.ts) */
  verifyStoredSeconds?: number;
  /** Z3 alone on the distinct .smt2 files that run wrote, on as many threads: what no run writing those files can beat (bench/solver-floor.ts) */
  verifyFloorSeconds?: number;
  /** the verify point's ratio to its floor: verifySeconds over verifyFloorSeconds */
  verifyToFloor?: number;
  /** the worst of Fig. 6 (T_up, T_down at each size) and R_U issuance over loopback against their
   *  floor (goals.ts servicesWorst) */
  servicesToFloor?: { what: string; ratio: number };
  /** the part of that ratio the solver's own calls make: VerificationTable.solverInside.toFloor */
  verifySolverToFloor?: number;
  /** the same calls by their threads' own CPU over the floor's CPU: VerificationTable.solverInside.cpuToFloorCpu */
  verifySolverCpuToFloor?: number;
  /** decryption of the largest record of Fig. 5 (2 MB in full runs), medians in seconds: on one
   *  thread (the report's clock), and on the worker pool as wall clock and as critical path */
  decryptLargest?: { kb: number; oneThread: number; poolWall?: number; poolCritical?: number };
}

export interface ThroughputRow {
  users: number;
  files: number;
  partitions: number;
  requests: number;
  /** R_U answered per second, min / median / max over the batches */
  perSecond: Spread;
  /** threads answering, the SRS's own and the pool's workers (absent: the SRS's own thread alone, requestRU one by one) */
  threads?: number;
  /** clock of this row when it differs from the report's (pools are timed on the wall clock) */
  clock?: 'wall' | 'cpu';
  /** pools: requests per second of the critical path (main thread + busiest worker CPU time) */
  criticalPerSecond?: Spread;
}

export interface RevocationRow {
  users: number;
  files: number;
  /** seconds per revocation */
  seconds: Spread;
  /** what the revocation rewrote at the cloud and in other users' keys: 0 when nothing */
  cloudObjectsChanged: number;
  otherKeysChanged: number;
}

export interface MemoryRow {
  op: 'encrypt' | 'decrypt';
  bytes: number;
  /** peak resident memory during the operation above the process's baseline before the record existed */
  peakBytes: number;
  ratio: number;
  /** peak above the resident memory just before the operation, the record already in memory */
  opPeakBytes: number;
  seconds: number;
}

/** Z3's own calls inside a catalogue run: their wall clock summed over threads, that against the
 *  floor's CPU, and spread over the run's threads against the floor's wall clock (the ratio to the
 *  floor a run would keep with none of our own work around the calls). */
export interface SolverInside {
  /** Z3's calls inside the catalogue, their wall clock summed over threads */
  seconds: number;
  /** seconds over the floor's CPU */
  toFloorCpu: number;
  /** seconds spread over the run's threads, over the floor's wall clock */
  toFloor: number;
  /** the same calls by the CPU of the threads that made them (absent where it could not be read) */
  cpuSeconds?: number;
  /** cpuSeconds over the floor's CPU: the solver's own work inside against Z3 alone */
  cpuToFloorCpu?: number;
}

export interface VerificationTable {
  scope: string;
  runs: number;
  /** wall-clock seconds of the whole verifyCatalogue call */
  seconds: number;
  /** CPU seconds of the process over the call (every thread), the threads used, the 1-minute load average at the start */
  cpuSeconds?: number;
  threads?: number;
  loadAverage?: number;
  /** the goal for the whole catalogue (`sesphr verify` with no options), wall-clock seconds */
  goalSeconds?: number;
  /** Z3 alone on the distinct .smt2 files the first run wrote, on as many threads (solver-floor.ts) */
  solverFloor?: SolverFloor;
  /** Z3's own calls inside that first run, against the floor (verification.ts `solverInside`) */
  solverInside?: SolverInside;
  /** the same command again, with the answers the first run recorded (`--answers`): wall clock, CPU, load, and its line about the answers */
  stored?: { seconds: number; cpuSeconds: number; loadAverage: number; answers: string };
  perProperty: { property: string; runs: number; seconds: number; verdicts: Record<string, number> }[];
}

export interface BenchReport {
  generatedAt: string;
  quick: boolean;
  /** 'wall': elapsed seconds; 'cpu': the process's CPU seconds (see timing.ts) */
  clock: 'wall' | 'cpu';
  seed: string;
  /** the group backend every figure used (the primitives table also times noble) */
  backend: { name: BackendName; library: string; package: string; version: string };
  /** the AES-GCM every figure used (impl/scheme/gcm.ts), and the OpenSSL inside node it calls */
  aesGcm?: { name: 'openssl-evp' | 'node-cipher'; openssl: string };
  /** native blst, timed in the same run */
  limit: NativeLimit;
  machine: MachineInfo;
  summary: BenchSummary;
  /** the performance goals, each judged from this run's points and summary (goals.ts) */
  goals?: GoalCheck[];
  points: BenchPoint[];
  primitives: PrimitiveRow[];
  throughput: ThroughputRow[];
  revocation: RevocationRow[];
  memory: MemoryRow[];
  verification?: VerificationTable;
  /** the same three properties on universes grown one dimension at a time (bench/verification-growth.ts) */
  verificationGrowth?: GrowthRow[];
  /** Fig. 6 and R_U load over loopback against a services process (bench/services.ts) */
  services?: ServicesBench;
  /** seconds the whole bench took */
  elapsed: number;
}

/** One goal: what it asks, what this run measured, and whether that meets it (null: the run did not
 *  measure it, as a quick run has no worker pool and times 16 MB records, not 64 MB; written as null
 *  so that bench.json shows the goal unjudged rather than leaving the field out). */
export interface GoalCheck {
  goal: string;
  measured: string;
  met: boolean | null;
}
