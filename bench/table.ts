// Plain-text tables of a BenchReport: ours (min / median / max), floor, paper, and the ratios
// our/floor (the code around the primitives) and paper/our (how much faster than the paper).
// our/floor is the point's own ratio (BenchPoint.ratios): on one thread each run against the floor
// timed just before it, the median of those; on the pool each block of runs against the floors timed
// in its own block; elsewhere the ratio of the medians.
import { readPoolFigure } from './figures.js';
import { BARE_THREADS, GOAL_HEAD, goalRow, poolWorst, ratioAt, solverShare, times as ratioText, type GoalCheck } from './goals.js';
import type { BenchPoint, BenchReport, BenchSummary } from './types.js';
import type { Spread } from './timing.js';

/** Seconds as a short human figure: 1.23 s, 45.6 ms, 789 µs. */
export function fmtTime(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '-';
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toPrecision(3)} ms`;
  return `${(s * 1e6).toPrecision(3)} µs`;
}

const fmtSpread = (s: Spread): string => `${fmtTime(s.min)} / ${fmtTime(s.median)} / ${fmtTime(s.max)}`;
const times = (r: number | undefined): string => (r === undefined ? '-' : ratioText(r));
const ratio = (a: number | undefined, b: number | undefined): string => times(a === undefined || !b ? undefined : a / b);

function grid(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

const PAIRED = 'our/floor: the median of each run over the floor timed just before it';
const TITLES: Record<string, string> = {
  fig3: `Fig. 3 - key generation at the SRS (${PAIRED})`,
  fig4: `Fig. 4 - encryption of a four-partition PHR (patient client, rules 25-27; ${PAIRED})`,
  fig5: `Fig. 5 - decryption of a four-partition PHR (SRS R_U + user, rules 31, 33; ${PAIRED})`,
  'verify-catalogue': 'Verification - the SMT catalogue (wall clock; x = property x configuration runs; floor = Z3 alone on the distinct .smt2 files the run wrote, on as many threads)',
};
const title = (f: string): string => {
  const m = readPoolFigure(f);
  if (!m) return TITLES[f] ?? f;
  const what = m.figure === 'fig3' ? 'Fig. 3 with Srs.genKeys' : 'Fig. 5 with UserClient.requestAndDecrypt (the SRS\'s pairings and the user\'s R_U work)';
  return m.critical
    ? `${what} on ${m.threads} threads, critical path (the lesser of the wall clock and main + busiest worker CPU: the time on idle cores at most)`
    : `${what} on ${m.threads} threads, the calling one and ${m.threads - 1} worker${m.threads === 2 ? '' : 's'} (wall clock; floor = (one-thread floor + hand-off to each worker) / threads)`;
};

export function pointsTable(points: readonly BenchPoint[]): string {
  const figs = [...new Set(points.map((p) => p.figure))];
  return figs
    .map((f) => {
      const ps = points.filter((p) => p.figure === f);
      // bare threads (bench/bare-split.ts, bench/bare-decrypt.ts) where the figure has them: Figs. 3 and 5 on the pool, wall clock
      const bare = ps.some((p) => p.bare !== undefined);
      const rows = ps.map((p) => [
        `${p.x} ${p.xLabel}`, fmtSpread(p.ours), fmtTime(p.floor), times(p.ratios?.toFloor), fmtTime(p.floorCore), times(p.ratios?.toFloorCore),
        ...(bare ? [fmtTime(p.bare), times(p.ratios?.bareToFloor), times(p.ratios?.toBare)] : []),
        fmtTime(p.limit), ratio(p.ours.median, p.limit), fmtTime(p.paper), ratio(p.paper, p.ours.median),
      ]);
      const head = ['x', 'ours min / median / max', 'floor', 'our/floor', 'core of floor', 'our/core', ...(bare ? ['bare threads', 'bare/floor', 'our/bare'] : []), 'native limit', 'our/limit', 'paper', 'paper/our'];
      return `${title(f)}${bare ? `\n${BARE_THREADS}` : ''}\n${grid(head, rows)}`;
    })
    .join('\n\n');
}

/** How the run's AES-GCM was called (impl/scheme/gcm.ts). */
export const aesText = (a: NonNullable<BenchReport['aesGcm']>): string =>
  a.name === 'openssl-evp' ? `OpenSSL ${a.openssl} inside node, through its EVP interface, written in place` : `node's cipher (OpenSSL ${a.openssl}), copied into place`;

const worst = (w: BenchSummary['worstToFloor']): string => (w ? ratioAt(w) : '-');

/** The goals as this run judged them (goals.ts): goal, measured, met. */
export function goalsTable(goals: readonly GoalCheck[]): string {
  return `Goals, judged from this run\n${grid([...GOAL_HEAD], goals.map(goalRow))}`;
}

/** The summary's ratios in one sentence (the report's, beside its table of points). */
export function benchSummaryText(s: BenchSummary): string {
  const oneThread = `Figs. 3-5 on one thread: ${worst(s.worstToFloor)}, to its core alone ${worst(s.worstToFloorCore)}`;
  const parts = s.worstOfAll
    ? [`Worst ratio to the floor of every operation measured: ${ratioText(s.worstOfAll.ratio)} (${s.worstOfAll.what})`, oneThread]
    : [`Worst ratio to the floor, ${oneThread}`];
  if (s.worstToFloorOnPool) parts.push(`on the worker pool: ${poolWorst(s.worstToFloorOnPool)}`);
  if (s.verifyToFloor !== undefined) parts.push(`verification: ${ratioText(s.verifyToFloor)} its floor (${s.verifySeconds?.toFixed(2)} s against ${s.verifyFloorSeconds?.toFixed(2)} s${solverShare(s, '; ')})`);
  if (s.servicesToFloor) parts.push(`over loopback: ${ratioText(s.servicesToFloor.ratio)} (${s.servicesToFloor.what})`);
  if (s.worstToLimit) parts.push(`worst ratio to the native limit: ${ratioText(s.worstToLimit.ratio)} (${s.worstToLimit.what})`);
  return `${parts.join('; ')}.`;
}

export function reportText(r: BenchReport): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(
    `SeSPHR bench (${r.quick ? 'quick' : 'full'}, ${r.clock === 'cpu' ? 'CPU time of the process' : 'wall-clock time'}) ${r.generatedAt}\n` +
      `machine: ${m.cpus} cpus (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform}, load ${m.loadAverage.join(' ')}\n` +
      `node ${m.node} (v8 ${m.v8}); ${Object.entries(m.packages).map(([k, v]) => `${k} ${v}${m.patched?.[k] ? ` (with ${m.patched[k]})` : ''}`).join(', ')}; seed "${r.seed}"\n` +
      `group backend: ${r.backend.name} (${r.backend.package ?? r.backend.library} ${r.backend.version}); native limit: ${r.limit.library} ${r.limit.version ?? m.packages[r.limit.library] ?? ''} ` +
      `(secret key to public key ${fmtTime(r.limit.skToPk.median)}, half a verification ${fmtTime(r.limit.pairing.median)})\n` +
      (r.aesGcm ? `AES-GCM: ${aesText(r.aesGcm)}\n` : '') +
      benchSummaryText(r.summary) +
      (r.quick ? '\nA quick run: neither the worker pool nor `sesphr verify` is measured, so neither is in the worst ratios above (a full run has both).' : '') +
      (r.summary.decryptLargest
        ? `\ndecryption of ${r.summary.decryptLargest.kb} KB (medians): ${fmtTime(r.summary.decryptLargest.oneThread)} on one thread (${r.clock})` +
          (r.summary.decryptLargest.poolCritical !== undefined ? `, ${fmtTime(r.summary.decryptLargest.poolCritical)} critical path and ${fmtTime(r.summary.decryptLargest.poolWall)} wall clock on the worker pool` : '')
        : ''),
  );
  if (r.goals) out.push(goalsTable(r.goals));
  out.push(pointsTable(r.points));
  out.push(
    `Primitives (min / median / max; noble = @noble/curves, the reference; ${r.backend.name} = the backend of this run; limit = native blst where it offers the operation)\n` +
      grid(['primitive', 'noble (or the library way)', `${r.backend.name} (or ours)`, 'ratio', 'limit', `${r.backend.name}/limit`], r.primitives.map((p) => [p.name, fmtSpread(p.lib), fmtSpread(p.best), ratio(p.lib.median, p.best.median), p.limit ? fmtSpread(p.limit) : '-', ratio(p.best.median, p.limit?.median)])),
  );
  out.push(
    `SRS throughput (R_U answered per second, min / median / max over batches)\n` +
      grid(
        ['users', 'files', 'partitions', 'requests/batch', 'answered by', 'R_U per second', 'critical path R_U/s'],
        r.throughput.map((t) => [
          String(t.users),
          String(t.files),
          String(t.partitions),
          String(t.requests),
          t.threads ? `requestRUBatch, ${t.threads} threads (${t.clock ?? r.clock})` : `requestRU (${r.clock})`,
          `${t.perSecond.min.toFixed(1)} / ${t.perSecond.median.toFixed(1)} / ${t.perSecond.max.toFixed(1)}`,
          t.criticalPerSecond ? `${t.criticalPerSecond.min.toFixed(1)} / ${t.criticalPerSecond.median.toFixed(1)} / ${t.criticalPerSecond.max.toFixed(1)}` : '-',
        ]),
      ),
  );
  out.push(
    `Revocation (seconds per revocation; cloud objects / other users' keys changed)\n` +
      grid(['users', 'files', 'min / median / max', 'cloud changed', 'other keys changed'], r.revocation.map((v) => [String(v.users), String(v.files), fmtSpread(v.seconds), String(v.cloudObjectsChanged), String(v.otherKeysChanged)])),
  );
  out.push(
    `Memory (peak RSS during the operation above the process before the record existed, so the record\n` +
      `itself included; and above the process just before the operation, the record already resident)\n` +
      grid(['op', 'record', 'peak', 'peak/record', 'peak during op', 'time (wall)'], r.memory.map((v) => [v.op, `${(v.bytes / 2 ** 20).toFixed(0)} MiB`, `${(v.peakBytes / 2 ** 20).toFixed(1)} MiB`, `${v.ratio.toFixed(2)}x`, `${(v.opPeakBytes / 2 ** 20).toFixed(1)} MiB`, fmtTime(v.seconds)])),
  );
  if (r.verification) {
    const v = r.verification;
    out.push(
      `Verification (${v.scope}): ${v.runs} runs in ${fmtTime(v.seconds)} (wall clock, in-process Z3` +
        `${v.threads ? `, ${v.threads} thread(s), ${fmtTime(v.cpuSeconds ?? 0)} CPU, load average ${(v.loadAverage ?? 0).toFixed(1)}` : ''})` +
        `${v.goalSeconds ? `; ${(v.seconds / v.goalSeconds).toFixed(1)}x the ${v.goalSeconds} s goal` : ''}` +
        `${v.solverFloor ? `; floor: Z3 alone on the ${v.solverFloor.files} distinct .smt2 files it wrote (${v.solverFloor.build}, ${v.solverFloor.threads} thread(s)) ${fmtTime(v.solverFloor.seconds)} (${fmtTime(v.solverFloor.cpuSeconds)} CPU), ours ${ratio(v.seconds, v.solverFloor.seconds)} the floor, the goal ${ratio(v.goalSeconds, v.solverFloor.seconds)} it` : ''}` +
        `${v.solverInside ? `; Z3's own calls inside it ${fmtTime(v.solverInside.seconds)} summed over threads (${ratioText(v.solverInside.toFloorCpu)} the floor's CPU; spread over the threads, ${ratioText(v.solverInside.toFloor)} the floor with none of our own work)${v.solverInside.cpuSeconds === undefined ? '' : `, of which ${fmtTime(v.solverInside.cpuSeconds)} their threads' own CPU (${times(v.solverInside.cpuToFloorCpu)} the floor's CPU; the rest they waited for a core)`}` : ''}` +
        `${v.stored ? `; again with the answers it recorded: ${fmtTime(v.stored.seconds)} (${fmtTime(v.stored.cpuSeconds)} CPU, load average ${v.stored.loadAverage.toFixed(1)})${v.goalSeconds ? `, ${(v.stored.seconds / v.goalSeconds).toFixed(1)}x the goal` : ''}; ${v.stored.answers}` : ''}\n` +
        grid(['property', 'runs', 'seconds', 'verdicts'], v.perProperty.map((p) => [p.property, String(p.runs), fmtTime(p.seconds), Object.entries(p.verdicts).map(([k, n]) => `${n} ${k}`).join(', ')])),
    );
  }
  if (r.verificationGrowth?.length) {
    out.push(
      'Verification time as the universe grows (insider.fine-grained, collusion.user-srs, backward.history; srs-keys, history)\n' +
        grid(['grown', 'value', 'ground transitions', 'facts', 'seconds', 'verdicts'], r.verificationGrowth.map((g) => [g.dimension, String(g.value), String(g.transitions), String(g.facts), fmtTime(g.seconds), g.verdicts])),
    );
  }
  out.push(`bench took ${r.elapsed.toFixed(1)} s`);
  return out.join('\n\n');
}
