// Fig. 6 taken apart, exchange by exchange: an upload (PatientClient.upload) and a read
// (UserClient.readAll) over loopback against a `serve` process, as the bench times them, with
// each of their exchanges' time at the client beside the servers' own time on it (Server-Timing),
// the required part of that (durable writes, the signature check), the client's signing, and
// what is left of it beyond an empty round trip, timed as the bench's floor times them (as many in
// a row right after the operation as it made, `emptyRoundTrips`): the HTTP and JSON of both ends,
// the hand-off to the synchronous client's worker and the bytes on their way. The operation's
// time beyond its exchanges is its work in process. Medians over the runs, ms.
//   node --import ./register.mjs bench/services-steps.ts [--kb 50,2048] [--runs 30]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LABELS, deterministicRandom } from '../impl/index.js';
import { parseIntIn } from '../cli/options.js';
import { orRefuse, refuse, scriptArgs } from '../input/script-args.js';
import { startServicesChild } from '../services/child.js';
import { type Deployment, type ExchangeRecord, newTally } from '../services/remote-parties.js';
import { phrOfSize } from './fixture.js';
import { emptyRoundTrips, remotePair } from './services.js';
import { median } from './timing.js';

const USAGE = 'usage: node --import ./register.mjs bench/services-steps.ts [--kb 50,2048] [--runs 30]';
const values = scriptArgs('services-steps', USAGE, { kb: { type: 'string', default: '50,2048' }, runs: { type: 'string', default: '30' } });
const sizes = values.kb.split(',').map(Number);
if (!sizes.every((k) => Number.isInteger(k) && k > 0 && k <= 65_536)) refuse('services-steps', USAGE, `--kb '${values.kb}' is not a list of sizes in KB (1 to 65536) separated by commas`);
const runs = orRefuse('services-steps', USAGE, () => parseIntIn('--runs', values.runs, { min: 1, max: 10_000 }));

/** A request's path with the run's names (the file, the owner's and the reader's ids, the labels)
 *  as placeholders, so that each run's exchanges line up. */
function shape(r: ExchangeRecord, d: Deployment, file: string, ids: { owner: string; user: string }): string {
  const to = r.base === d.srsUrl ? 'SRS' : r.base === d.cloudUrl ? 'cloud' : r.base;
  const names: Record<string, string> = { [file]: ':file', [ids.owner]: ':owner', [ids.user]: ':user', ...Object.fromEntries(DEFAULT_LABELS.map((l) => [l, ':label'])) };
  const path = r.path.split('?')[0]!.split('/').map((s) => names[decodeURIComponent(s)] ?? s).join('/');
  return `${to.padEnd(5)} ${r.method} ${path}`;
}

/** One exchange of one run, with the operation's empty round trips' time over their count. */
interface Exchange { name: string; ms: number; servers: number; required: number; signing: number; rtt: number }

const dir = mkdtempSync(join(tmpdir(), 'sesphr-services-steps-'));
const svc = await startServicesChild({ dataDir: dir, inspection: true });
try {
  const tally = newTally();
  const d: Deployment = { srsUrl: svc.srsUrl!, cloudUrl: svc.cloudUrl!, retryMs: 30_000, tally };
  for (let i = 0; i < 20; i++) emptyRoundTrips(d, 1);
  const { owner, reader } = remotePair(d, 'steps');
  const rng = deterministicRandom('steps/fig6');
  let n = 0;
  console.log(`Fig. 6 exchange by exchange over loopback, ${runs} runs a size after 3 to warm up; medians, ms. rest: at the client`);
  console.log('beyond the servers\' time, its signing and an empty round trip timed as the floor times them (HTTP and JSON at both ends, the worker, the bytes)');
  for (const kb of sizes) {
    const phr = phrOfSize(kb, rng);
    // each run's whole time and its exchanges, per operation
    const runsOf = { upload: [] as { whole: number; exchanges: Exchange[] }[], read: [] as { whole: number; exchanges: Exchange[] }[] };
    // each run's empty round trips, per exchange, after each operation
    const rtts = { upload: [] as number[], read: [] as number[] };
    for (let i = 0; i < 3 + runs; i++) {
      const file = `s${n++}`;
      const read = () => {
        if (reader.readAll(file).some((r) => r.status !== 'read')) throw new Error(`services-steps: a partition of ${file} was not read`);
      };
      const seen: { op: 'upload' | 'read'; whole: number; log: ExchangeRecord[]; rtt: number }[] = [];
      for (const [op, run] of [['upload', () => owner.upload(file, phr)], ['read', read]] as const) {
        tally.log = [];
        const t0 = performance.now();
        run();
        const whole = performance.now() - t0;
        const log = tally.log;
        delete tally.log;
        seen.push({ op, whole, log, rtt: emptyRoundTrips(d, log.length) / log.length });
      }
      if (i < 3) continue;
      for (const { op, whole, log, rtt } of seen) {
        rtts[op].push(rtt);
        const exchanges = log.map((r) => ({ name: shape(r, d, file, { owner: owner.id, user: reader.id }), ms: r.ms, servers: r.serverMs, required: r.durableMs + r.signatureMs, signing: r.signingMs, rtt }));
        const first = runsOf[op][0]?.exchanges.map((x) => x.name).join('\n');
        if (first !== undefined && first !== exchanges.map((x) => x.name).join('\n')) throw new Error(`services-steps: the ${op}'s exchanges changed from one run to the next`);
        runsOf[op].push({ whole, exchanges });
      }
    }
    const f = (x: number) => x.toFixed(3).padStart(8);
    /** the medians over the runs of an exchange's (or a run's) parts */
    const row = (xs: Exchange[]) => [
      median(xs.map((x) => x.ms)), median(xs.map((x) => x.servers)), median(xs.map((x) => x.required)), median(xs.map((x) => x.signing)),
      median(xs.map((x) => x.ms - x.servers - x.signing - x.rtt)),
    ].map(f).join(' ');
    const total = (xs: Exchange[]): Exchange => ({
      name: 'all', rtt: xs.reduce((a, x) => a + x.rtt, 0),
      ...Object.fromEntries((['ms', 'servers', 'required', 'signing'] as const).map((k) => [k, xs.reduce((a, x) => a + x[k], 0)])) as Record<'ms' | 'servers' | 'required' | 'signing', number>,
    });
    for (const op of ['upload', 'read'] as const) {
      const rs = runsOf[op];
      console.log(`\n${op} of ${kb} KB: ${median(rs.map((r) => r.whole)).toFixed(2)} ms; as many empty round trips in a row after it as it made exchanges, ${median(rtts[op]).toFixed(3)} ms each`);
      console.log(`${'exchange'.padEnd(48)}   client  servers     reqd  signing     rest`);
      rs[0]!.exchanges.forEach((x, k) => console.log(`${x.name.padEnd(48)} ${row(rs.map((r) => r.exchanges[k]!))}`));
      // sums within each run, then their medians (a sum of medians leaves out the spikes of single exchanges)
      console.log(`${'all exchanges'.padEnd(48)} ${row(rs.map((r) => total(r.exchanges)))}`);
      console.log(`${'the rest of the operation (its work in process)'.padEnd(48)} ${f(median(rs.map((r) => r.whole - total(r.exchanges).ms)))}`);
    }
  }
} finally {
  await svc.stop();
  rmSync(dir, { recursive: true, force: true });
}
