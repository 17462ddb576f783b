// Fig. 6 and load, over loopback against a `serve` process: T_up (the patient client's upload,
// rules 25-29, C to the cloud and R_P to the SRS) and T_down (the user client's read of every
// partition, rules 30-33) for 50 KB to 2 MB beside the paper's values; R_U issuance throughput
// and latency percentiles at 1, 4, 16 and 64 concurrent clients. The floor, measured in the same
// run: the same operation in process (less, for an upload, the in-process cloud's storing of C,
// which over the wire is the servers' work counted below), an empty HTTP round trip for each
// exchange it made (as many, one after another, timed as one), and the work no deployment of it
// can skip: the writes each acknowledgement waits for and the signing and checking of each
// request, as the deployment's tally counts them (the servers time their part and say it in their
// answers). The clients are the implementation's, signing every request; the
// servers store durably (SQLite, fsynced files).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cloud, PatientClient, Srs, UserClient, deterministicRandom, type BackendName, type Cloud as CloudT, type Srs as SrsT } from '../impl/index.js';
import { backend } from '../impl/group/group.js';
import { startServicesChild } from '../services/child.js';
import { ServiceClient } from '../services/client.js';
import { newIdentity } from '../services/identity.js';
import { type Deployment, type ExchangeTally, RemoteCloud, RemoteSrs, exchangeSync, newTally } from '../services/remote-parties.js';
import { phrOfSize } from './fixture.js';
import { PHR_SIZES_KB } from './paper.js';
import { countedRuns, median, type RepeatOptions } from './timing.js';

/** Fig. 6 (sesphr-paper.md, read off the chart), seconds. */
export const PAPER_T_UP: Readonly<Record<number, number>> = { 50: 1.25, 100: 1.33, 200: 1.38, 500: 1.45, 800: 1.45, 1024: 1.5, 1500: 1.55, 2048: 2.5 };
export const PAPER_T_DOWN: Readonly<Record<number, number>> = { 50: 0.08, 100: 0.09, 200: 0.1, 500: 0.19, 800: 0.25, 1024: 0.3, 1500: 0.3, 2048: 0.4 };

export interface TurnaroundRow {
  kb: number;
  /** medians over the runs, ms */
  tUp: number;
  tDown: number;
  /** the same upload and read in process, medians, ms */
  inProcessUp: number;
  inProcessDown: number;
  /** of the upload in process, the in-process cloud's storing of C (its copy and SHA-256): over the
   *  wire that is the servers' required work (the durable write, the signature check's hash of C,
   *  which the cloud keeps as C's digest), so the floor does not count it twice (medians), ms */
  inProcessStoringUp: number;
  /** HTTP exchanges one upload / one read made, as the deployment's tally counted them (medians) */
  exchangesUp: number;
  exchangesDown: number;
  /** one empty round trip alone, the median of five timed after each run's read (medians), ms */
  roundTrip: number;
  /** as many empty round trips as the upload / the read made, one after another and timed as one,
   *  right after the operation (medians), ms: the floor's round trips */
  roundTripsUp: number;
  roundTripsDown: number;
  /** the work the operation cannot go without, beyond what it does in process: its durable writes
   *  and the signing and checking of its requests, as timed where they ran (medians), ms */
  requiredUp: number;
  requiredDown: number;
  /** each run's floor: the same operation in process, one empty round trip for each exchange it
   *  made (timed in a row, as the operation makes them), and its required work (medians), ms */
  floorUp: number;
  floorDown: number;
  /** the servers' own time on an upload's and a read's requests, as their answers said it (medians), ms */
  serversUp: number;
  serversDown: number;
  paperUp: number;
  paperDown: number;
}

export interface LoadRow {
  clients: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** a request's signing and the SRS's check of its signature, ms (the SRS's part of it in the
   *  second figure) */
  required: number;
  requiredAtSrs: number;
  /** one R_U in process + one empty round trip + the required work, ms: no request can be answered sooner */
  floor: number;
  /** the most R_U a second the floor allows this many clients: each waits for its answer (floor),
   *  and the SRS answers on one thread (one R_U in process and one signature check each) */
  floorPerSecond: number;
  /** the median over the blocks of each block's floor rate over its rate */
  ratio: number;
}

export interface ServicesBench {
  /** the group backend the services computed on: the run's, as the services' process reported it */
  backend: BackendName;
  /** one empty round trip alone, the median over the sizes (TurnaroundRow.roundTrip), ms: the
   *  floors count theirs in a row (roundTripsUp, roundTripsDown) */
  emptyRoundTripMs: number;
  turnaround: TurnaroundRow[];
  load: LoadRow[];
}

const ms = (t0: number) => performance.now() - t0;

/** `n` empty round trips of the synchronous client (an unsigned `GET /v1/info` to the SRS), one
 *  after another, timed as one, ms: the round trips of an operation's floor. */
export function emptyRoundTrips(d: Deployment, n: number): number {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) exchangeSync(d, d.srsUrl, 'GET', '/v1/info', undefined);
  return ms(t0);
}

/** The tally's required work so far: durable writes, signature checks, signing (ms). */
const required = (t: ExchangeTally) => t.durableMs + t.signatureMs + t.signingMs;

/** The patient and the reader (role family: every label) of the deployment `d`, each signing with
 *  an identity of its own, registered, with keys, and the reader approved. */
export function remotePair(d: Deployment, seed: string): { owner: PatientClient; reader: UserClient } {
  const idP = newIdentity('patient');
  const idR = newIdentity('reader');
  const owner = new PatientClient('patient', { srs: new RemoteSrs(d, idP, 'srs-keys', 'history') as unknown as SrsT, cloud: new RemoteCloud(d, idP) as unknown as CloudT, rng: deterministicRandom(`${seed}/P`) });
  const reader = new UserClient('reader', { srs: new RemoteSrs(d, idR, 'srs-keys', 'history') as unknown as SrsT, cloud: new RemoteCloud(d, idR) as unknown as CloudT });
  return enrolled(owner, reader);
}

function enrolled(owner: PatientClient, reader: UserClient): { owner: PatientClient; reader: UserClient } {
  owner.register();
  owner.genKey();
  owner.sendKeys();
  reader.register('patient', 'family');
  reader.genKey();
  reader.sendKeys();
  owner.approve('reader');
  return { owner, reader };
}

/** The pair on the deployment, and the same pair in process. */
function parties(d: Deployment, seed: string) {
  const remote = remotePair(d, seed);
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(`${seed}/SRS`) });
  const cloud = new TimedCloud();
  const local = enrolled(new PatientClient('patient', { srs, cloud, rng: deterministicRandom(`${seed}/P`) }), new UserClient('reader', { srs, cloud }));
  return { remoteOwner: remote.owner, remoteReader: remote.reader, localOwner: local.owner, localReader: local.reader, srs, cloud };
}

/** The in-process cloud, timing its storing of each C (TurnaroundRow.inProcessStoringUp). */
class TimedCloud extends Cloud {
  putMs = 0;

  override put(obj: { owner: string; file: string; label: string; c: Uint8Array }, sha256?: string): void {
    const t0 = performance.now();
    try {
      super.put(obj, sha256);
    } finally {
      this.putMs += ms(t0);
    }
  }
}

/** Each part of the R_U load's floor: the median of ten runs after two to warm. */
const TEN_AFTER_TWO: RepeatOptions = { warmup: 2, reps: 10 };

export async function servicesBench(o: { quick: boolean; seed: string; say: (m: string) => void }): Promise<ServicesBench> {
  const dir = mkdtempSync(join(tmpdir(), 'sesphr-bench-services-'));
  // with the inspection routes, whose answers say the servers' own time (Server-Timing)
  // on the run's group backend, as the in-process floors are: a floor on another backend than the
  // servers' would set one library against another
  const svc = await startServicesChild({ dataDir: dir, inspection: true, backend: backend().name });
  const tally = newTally();
  const d: Deployment = { srsUrl: svc.srsUrl!, cloudUrl: svc.cloudUrl!, retryMs: 30_000, tally };
  try {
    if (svc.backend !== backend().name) throw new Error(`bench: the services run on ${svc.backend}, the run on ${backend().name}`);
    const reps = o.quick ? 3 : 15;
    const empty = () => emptyRoundTrips(d, 1);
    for (let i = 0; i < 20; i++) empty();
    const p = parties(d, o.seed);
    const rng = deterministicRandom(`${o.seed}/fig6`);
    const turnaround: TurnaroundRow[] = [];
    let n = 0;
    for (const kb of o.quick ? [50, 2048] : [...PHR_SIZES_KB]) {
      o.say(`fig6: T_up and T_down over loopback, ${kb} KB`);
      const phr = phrOfSize(kb, rng);
      const runs: { up: number; down: number; localUp: number; localPut: number; localDown: number; exUp: number; exDown: number; srvUp: number; srvDown: number; reqUp: number; reqDown: number; tripsUp: number; tripsDown: number; rtt: number }[] = [];
      for (let i = 0; i <= reps; i++) {
        const file = `b${n++}`;
        // In process first, then over the wire, each operation followed by as many empty round trips
        // as it made, one after another as its own exchanges were: a median of single round trips
        // times the count leaves out the first one after the operation's work and the spikes a
        // sequence of them meets, both of which the operation's exchanges meet (bench/README.md,
        // "The floor's round trips, timed in a row").
        const put0 = p.cloud.putMs;
        let t0 = performance.now();
        p.localOwner.upload(file, phr);
        const localUp = ms(t0);
        const localPut = p.cloud.putMs - put0;
        t0 = performance.now();
        const lr = p.localReader.readAll(file);
        const localDown = ms(t0);
        let before = { ...tally };
        t0 = performance.now();
        p.remoteOwner.upload(file, phr);
        const up = ms(t0);
        const exUp = tally.exchanges - before.exchanges;
        const srvUp = tally.serverMs - before.serverMs;
        const reqUp = required(tally) - required(before);
        const tripsUp = emptyRoundTrips(d, exUp);
        before = { ...tally };
        t0 = performance.now();
        const rr = p.remoteReader.readAll(file);
        const down = ms(t0);
        const exDown = tally.exchanges - before.exchanges;
        const srvDown = tally.serverMs - before.serverMs;
        const reqDown = required(tally) - required(before);
        const tripsDown = emptyRoundTrips(d, exDown);
        const rtt = median(Array.from({ length: 5 }, empty));
        if (rr.some((x) => x.status !== 'read') || lr.some((x) => x.status !== 'read')) throw new Error('bench: a partition was not read');
        if (i === 0) continue; // warm-up
        runs.push({ up, down, localUp, localPut, localDown, exUp, exDown, srvUp, srvDown, reqUp, reqDown, tripsUp, tripsDown, rtt });
      }
      const med = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f));
      turnaround.push({
        kb, tUp: med((r) => r.up), tDown: med((r) => r.down),
        inProcessUp: med((r) => r.localUp), inProcessDown: med((r) => r.localDown),
        exchangesUp: med((r) => r.exUp), exchangesDown: med((r) => r.exDown),
        roundTrip: med((r) => r.rtt), roundTripsUp: med((r) => r.tripsUp), roundTripsDown: med((r) => r.tripsDown),
        requiredUp: med((r) => r.reqUp), requiredDown: med((r) => r.reqDown),
        inProcessStoringUp: med((r) => r.localPut),
        floorUp: med((r) => r.localUp - r.localPut + r.tripsUp + r.reqUp), floorDown: med((r) => r.localDown + r.tripsDown + r.reqDown),
        serversUp: med((r) => r.srvUp), serversDown: med((r) => r.srvDown),
        paperUp: PAPER_T_UP[kb]! * 1000, paperDown: PAPER_T_DOWN[kb]! * 1000,
      });
    }

    // R_U load: 64 members with keys, asking for one partition, 1 to 64 at a time.
    o.say('R_U load: registering 64 users');
    const users = Array.from({ length: 64 }, (_, k) => newIdentity(`load${k}`));
    const clients = users.map((u) => new ServiceClient({ srsUrl: d.srsUrl, cloudUrl: d.cloudUrl, identity: u }));
    await Promise.all(clients.map(async (c, k) => {
      const u = users[k]!.principal;
      await c.srs('register', { user: u, owner: 'patient', role: 'family', signingKey: users[k]!.publicKey });
      await c.srs('genKey', { x: u });
    }));
    for (const u of users) p.remoteOwner.approve(u.principal);
    // Each user's first R_U, untimed: it forms and stores the user's RK (srs-keys), work the timed
    // requests and their floor's R_U do not do.
    await Promise.all(clients.map((c, k) => c.srs('requestRU', { user: users[k]!.principal, file: 'b0', label: 'medical' })));
    // Then the path warmed as every other point's is, untimed, from all 64 clients at once: the
    // load's route, its client and its server code reach their steady speed only after a few
    // thousand requests, and the clients' shared keep-alive agent then holds a connection for each
    // (bench/README.md, "R_U issuance warmed"). The counts are timed from 64 clients down, so that
    // one client, where the harness's own cost a request weighs most, comes after the most requests.
    const warm = o.quick ? 4 : 24;
    await Promise.all(clients.map(async (cl, k) => {
      for (let i = 0; i < warm; i++) await cl.srs('requestRU', { user: users[k]!.principal, file: 'b0', label: 'medical' });
    }));
    // The floor's parts, each a median of ten after two to warm, timed again before every block of
    // the load (below): one R_U in process; one R_U's required work as the synchronous client
    // tallies it (its signing, the SRS's check); and one empty round trip of the asynchronous
    // client, since the load's clients are asynchronous (client.ts).
    const asked = new RemoteSrs(d, users[0]!, 'srs-keys', 'history');
    const anonymous = new ServiceClient({ srsUrl: d.srsUrl, cloudUrl: d.cloudUrl });
    const floorParts = async () => {
      const local: number[] = [];
      const perRU: { all: number; srs: number }[] = [];
      const trips: number[] = [];
      await countedRuns(TEN_AFTER_TWO, () => {
        const t0 = performance.now();
        p.srs.requestRU('reader', 'b0', 'medical');
        return ms(t0);
      }, local);
      await countedRuns(TEN_AFTER_TWO, () => {
        const before = { ...tally };
        asked.requestRU(users[0]!.principal, 'b0', 'medical');
        return { all: required(tally) - required(before), srs: tally.signatureMs - before.signatureMs };
      }, perRU);
      await countedRuns(TEN_AFTER_TWO, async () => {
        const t0 = performance.now();
        await anonymous.exchange(d.srsUrl, 'GET', '/v1/info');
        return ms(t0);
      }, trips);
      const ru = median(local);
      const req = median(perRU.map((x) => x.all));
      return { ru, req, reqAtSrs: median(perRU.map((x) => x.srs)), floor: ru + median(trips) + req };
    };
    const load: LoadRow[] = [];
    const total = o.quick ? 64 : 128;
    // Each count of clients is timed in blocks of `total` requests, each after its own floor, and
    // its ratio is the median over the blocks of each block's floor rate over its rate: a spell of
    // the host over a block of a fraction of a second halved that block's rate, and one over the floor's
    // parts, timed once for all, put a whole run's rates below their floor.
    const blocks = o.quick ? 1 : 3;
    for (const c of [64, 16, 4, 1]) {
      o.say(`R_U load: ${c} concurrent clients`);
      const lat: number[] = [];
      const timed: { rate: number; parts: Awaited<ReturnType<typeof floorParts>>; floorRate: number }[] = [];
      // at least four requests a client, so that a quick run at 64 clients is not one burst
      const per = Math.max(4, Math.ceil(total / c));
      for (let b = 0; b < blocks; b++) {
        const parts = await floorParts();
        const t0 = performance.now();
        await Promise.all(clients.slice(0, c).map(async (cl, k) => {
          for (let i = 0; i < per; i++) {
            const s = performance.now();
            const r = await cl.srs<{ granted: boolean; code?: string }>('requestRU', { user: users[k]!.principal, file: 'b0', label: 'medical' });
            if (!r.granted) throw new Error(`bench: R_U refused (${r.code})`);
            lat.push(ms(s));
          }
        }));
        const rate = (per * c) / (ms(t0) / 1000);
        timed.push({ rate, parts, floorRate: 1000 * Math.min(c / parts.floor, 1 / (parts.ru + parts.reqAtSrs)) });
      }
      lat.sort((a, b) => a - b);
      const med = (f: (t: (typeof timed)[number]) => number) => median(timed.map(f));
      load.unshift({
        clients: c, requests: lat.length, perSecond: med((t) => t.rate),
        p50: lat[Math.floor(lat.length * 0.5)]!, p99: lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.99))]!,
        required: med((t) => t.parts.req), requiredAtSrs: med((t) => t.parts.reqAtSrs), floor: med((t) => t.parts.floor),
        floorPerSecond: med((t) => t.floorRate), ratio: med((t) => t.floorRate / t.rate),
      });
    }
    // one round trip alone, as timed beside the runs, for the heading
    return { backend: svc.backend, emptyRoundTripMs: median(turnaround.map((r) => r.roundTrip)), turnaround, load };
  } finally {
    await svc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function servicesText(b: ServicesBench): string {
  const f = (x: number) => x.toFixed(1).padStart(8);
  const side = (t: number, ex: number, trips: number, floor: number, req: number, servers: number, paper: number) => `${f(t)} ${String(ex).padStart(5)} ${f(trips)} ${f(req)} ${f(floor)} ${(t / floor).toFixed(2).padStart(6)} ${f(servers)} ${f(paper)}`;
  const lines = [
    `Fig. 6 over loopback (signed requests, durable stores, the services on the ${b.backend} backend), medians in ms, wall clock; floor: the same operation in process`,
    `(an upload less the in-process cloud's storing of C, which over the wire is the servers' required work), as many empty`,
    `round trips as it made, one after another right after it and timed as one (trips; one alone took ${b.emptyRoundTripMs.toFixed(2)} ms),`,
    'and its required work (reqd: the durable writes its acknowledgements wait for, the signing and checking of its requests);',
    'servers: their own time on its requests',
    '      KB     T_up exchs    trips     reqd    floor  ratio  servers    paper   T_down exchs    trips     reqd    floor  ratio  servers    paper',
    ...b.turnaround.map((r) => `${String(r.kb).padStart(8)} ${side(r.tUp, r.exchangesUp, r.roundTripsUp, r.floorUp, r.requiredUp, r.serversUp, r.paperUp)} ${side(r.tDown, r.exchangesDown, r.roundTripsDown, r.floorDown, r.requiredDown, r.serversDown, r.paperDown)}`),
    '',
    'R_U issuance over loopback (one SRS process); floor: one R_U in process, an empty round trip and the request\'s',
    'signing and check (reqd), and at most one R_U in process and one check at a time; per s: the median of the blocks,',
    'each timed after its own floor; ratio: the median of each block\'s floor rate over its rate',
    ' clients  requests   per s      p50      p99     reqd    floor  floor per s  ratio',
    ...b.load.map((r) => `${String(r.clients).padStart(8)} ${String(r.requests).padStart(9)} ${r.perSecond.toFixed(1).padStart(7)} ${f(r.p50)} ${f(r.p99)} ${f(r.required)} ${f(r.floor)} ${r.floorPerSecond.toFixed(1).padStart(12)} ${r.ratio.toFixed(2).padStart(6)}`),
  ];
  return lines.join('\n');
}
