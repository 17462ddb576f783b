// Fig. 6 taken apart, exchange by exchange: an upload (PatientClient.upload) and a read
// (UserClient.readAll) over loopback against a `serve` process, as the bench times them, with
// each of their exchanges' time at the client beside the servers' own time on it (Server-Timing),
// the required part of that (durable writes, the signature check), the client's signing, and
// what is left of it beyond an empty round trip timed in the same run: the HTTP and JSON of both
// ends, the hand-off to the synchronous client's worker and the bytes on their way. The operation's
// time beyond its exchanges is its work in process. Medians over the runs, ms.
//   node --import ./register.mjs bench/services-steps.ts [--kb 50,2048] [--runs 30]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LABELS, deterministicRandom } from '../impl/index.js';
import { startServicesChild } from '../services/child.js';
import { type Deployment, type ExchangeRecord, exchangeSync, newTally } from '../services/remote-parties.js';
import { phrOfSize } from './fixture.js';
import { remotePair } from './services.js';
import { median } from './timing.js';

const { values } = parseArgs({ options: { kb: { type: 'string', default: '50,2048' }, runs: { type: 'string', default: '30' } } });
const sizes = values.kb.split(',').map(Number);
const runs = Number(values.runs);
if (!sizes.every((k) => Number.isInteger(k) && k > 0) || !(Number.isInteger(runs) && runs > 0)) {
  console.error('services-steps: --kb takes sizes in KB separated by commas, --runs a positive whole number');
  process.exit(2);
}

/** A request's path with the run's names as placeholders, so that each run's exchanges line up. */
function shape(r: ExchangeRecord, d: Deployment, file: string): string {
  const to = r.base === d.srsUrl ? 'SRS' : r.base === d.cloudUrl ? 'cloud' : r.base;
  const names: Record<string, string> = { [file]: ':file', patient: ':owner', reader: ':user', ...Object.fromEntries(DEFAULT_LABELS.map((l) => [l, ':label'])) };
  const path = r.path.split('?')[0]!.split('/').map((s) => names[decodeURIComponent(s)] ?? s).join('/');
  return `${to.padEnd(5)} ${r.method} ${path}`;
}

interface Step { name: string; ms: number[]; servers: number[]; required: number[]; signing: number[] }

const dir = mkdtempSync(join(tmpdir(), 'sesphr-services-steps-'));
const svc = await startServicesChild({ dataDir: dir, inspection: true });
try {
  const tally = newTally();
  const d: Deployment = { srsUrl: svc.srsUrl!, cloudUrl: svc.cloudUrl!, retryMs: 30_000, tally };
  const empty = () => {
    const t0 = performance.now();
    exchangeSync(d, d.srsUrl, 'GET', '/v1/info', undefined);
    return performance.now() - t0;
  };
  for (let i = 0; i < 20; i++) empty();
  const { owner, reader } = remotePair(d, 'steps');
  const rng = deterministicRandom('steps/fig6');
  let n = 0;
  console.log(`Fig. 6 exchange by exchange over loopback, ${runs} runs a size after 3 to warm up; medians, ms. rest: at the client`);
  console.log('beyond the servers\' time, its signing and an empty round trip (HTTP and JSON at both ends, the worker, the bytes)');
  for (const kb of sizes) {
    const phr = phrOfSize(kb, rng);
    const ops = { upload: new Map<number, Step>(), read: new Map<number, Step>() };
    const whole = { upload: [] as number[], read: [] as number[] };
    const rtts: number[] = [];
    for (let i = 0; i < 3 + runs; i++) {
      const file = `s${n++}`;
      const read = () => {
        if (reader.readAll(file).some((r) => r.status !== 'read')) throw new Error(`services-steps: a partition of ${file} was not read`);
      };
      for (const [op, run] of [['upload', () => owner.upload(file, phr)], ['read', read]] as const) {
        tally.log = [];
        const t0 = performance.now();
        run();
        const ms = performance.now() - t0;
        const log = tally.log;
        delete tally.log;
        if (i < 3) continue;
        whole[op].push(ms);
        log.forEach((r, k) => {
          const name = shape(r, d, file);
          const s = ops[op].get(k) ?? { name, ms: [], servers: [], required: [], signing: [] };
          if (s.name !== name) throw new Error(`services-steps: exchange ${k} of the ${op} was ${s.name} and is now ${name}`);
          s.ms.push(r.ms);
          s.servers.push(r.serverMs);
          s.required.push(r.durableMs + r.signatureMs);
          s.signing.push(r.signingMs);
          ops[op].set(k, s);
        });
      }
      if (i >= 3) rtts.push(median(Array.from({ length: 5 }, empty)));
    }
    const rtt = median(rtts);
    const f = (x: number) => x.toFixed(3).padStart(8);
    for (const op of ['upload', 'read'] as const) {
      console.log(`\n${op} of ${kb} KB: ${median(whole[op]).toFixed(2)} ms; an empty round trip ${rtt.toFixed(3)} ms`);
      console.log(`${'exchange'.padEnd(48)}   client  servers     reqd  signing     rest`);
      const sum = { ms: 0, servers: 0, required: 0, signing: 0, rest: 0 };
      for (const s of ops[op].values()) {
        const row = { ms: median(s.ms), servers: median(s.servers), required: median(s.required), signing: median(s.signing) };
        const rest = row.ms - row.servers - row.signing - rtt;
        for (const k of ['ms', 'servers', 'required', 'signing'] as const) sum[k] += row[k];
        sum.rest += rest;
        console.log(`${s.name.padEnd(48)} ${f(row.ms)} ${f(row.servers)} ${f(row.required)} ${f(row.signing)} ${f(rest)}`);
      }
      console.log(`${'all exchanges'.padEnd(48)} ${f(sum.ms)} ${f(sum.servers)} ${f(sum.required)} ${f(sum.signing)} ${f(sum.rest)}`);
      console.log(`${'the rest of the operation (its work in process)'.padEnd(48)} ${f(median(whole[op]) - sum.ms)}`);
    }
  }
} finally {
  await svc.stop();
  rmSync(dir, { recursive: true, force: true });
}
