// Fig. 6 and load, over loopback against a `serve` process: T_up (the patient client's upload,
// rules 25-29, C to the cloud and R_P to the SRS) and T_down (the user client's read of every
// partition, rules 30-33) for 50 KB to 2 MB beside the paper's values; R_U issuance throughput
// and latency percentiles at 1, 4, 16 and 64 concurrent clients. The floor, measured in the same
// run: the same operation in process plus one empty HTTP round trip. The clients are the
// implementation's, signing every request; the servers store durably (SQLite, fsynced files).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cloud, PatientClient, Srs, UserClient, deterministicRandom, type Cloud as CloudT, type Srs as SrsT } from '../impl/index.js';
import { ServiceClient } from '../services/client.js';
import { newIdentity } from '../services/identity.js';
import { type Deployment, RemoteCloud, RemoteSrs, exchangeSync } from '../services/remote-parties.js';
import { phrOfSize } from './fixture.js';
import { PHR_SIZES_KB } from './paper.js';
import { median } from './timing.js';

/** Fig. 6 (sesphr-paper.md, read off the chart), seconds. */
export const PAPER_T_UP: Readonly<Record<number, number>> = { 50: 1.25, 100: 1.33, 200: 1.38, 500: 1.45, 800: 1.45, 1024: 1.5, 1500: 1.55, 2048: 2.5 };
export const PAPER_T_DOWN: Readonly<Record<number, number>> = { 50: 0.08, 100: 0.09, 200: 0.1, 500: 0.19, 800: 0.25, 1024: 0.3, 1500: 0.3, 2048: 0.4 };

export interface TurnaroundRow {
  kb: number;
  /** medians, ms */
  tUp: number;
  tDown: number;
  /** in process + one empty round trip, ms */
  floorUp: number;
  floorDown: number;
  paperUp: number;
  paperDown: number;
  /** HTTP exchanges one upload / one read makes */
  exchangesUp: number;
  exchangesDown: number;
}

export interface LoadRow {
  clients: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** one R_U in process + one empty round trip, ms */
  floor: number;
}

export interface ServicesBench {
  emptyRoundTripMs: number;
  turnaround: TurnaroundRow[];
  load: LoadRow[];
}

const ms = (t0: number) => performance.now() - t0;

async function startServer(dataDir: string): Promise<{ d: Deployment; proc: ChildProcess }> {
  const here = fileURLToPath(import.meta.url);
  const fromDist = here.includes(`${join('dist', 'bench')}`);
  const args = fromDist ? [join(here, '..', '..', 'services', 'process.js')] : ['--import', './register.mjs', 'services/process.ts'];
  const opts = { host: '127.0.0.1', srsPort: 0, cloudPort: 0, dataDir, variant: 'srs-keys', policy: 'history' };
  const proc = spawn(process.execPath, [...args, JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const urls = await new Promise<{ srsUrl: string; cloudUrl: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('bench: the services did not start in 120 s')), 120_000);
    proc.stdout!.on('data', (c) => {
      out += String(c);
      if (out.includes('\n')) { clearTimeout(timer); resolve(JSON.parse(out.split('\n')[0]!)); }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`bench: the services exited (${code})`)); });
  });
  return { d: { ...urls, retryMs: 30_000 }, proc };
}

/** A patient and one reader (role family: every label) on the deployment, and the same pair in process. */
function parties(d: Deployment, seed: string) {
  const idP = newIdentity('patient');
  const idR = newIdentity('reader');
  const remoteOwner = new PatientClient('patient', { srs: new RemoteSrs(d, idP, 'srs-keys', 'history') as unknown as SrsT, cloud: new RemoteCloud(d, idP) as unknown as CloudT, rng: deterministicRandom(`${seed}/P`) });
  const remoteReader = new UserClient('reader', { srs: new RemoteSrs(d, idR, 'srs-keys', 'history') as unknown as SrsT, cloud: new RemoteCloud(d, idR) as unknown as CloudT });
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(`${seed}/SRS`) });
  const cloud = new Cloud();
  const localOwner = new PatientClient('patient', { srs, cloud, rng: deterministicRandom(`${seed}/P`) });
  const localReader = new UserClient('reader', { srs, cloud });
  for (const [owner, reader] of [[remoteOwner, remoteReader], [localOwner, localReader]] as const) {
    owner.register();
    owner.genKey();
    owner.sendKeys();
    reader.register('patient', 'family');
    reader.genKey();
    reader.sendKeys();
    owner.approve('reader');
  }
  return { remoteOwner, remoteReader, localOwner, localReader, srs };
}

export async function servicesBench(o: { quick: boolean; seed: string; say: (m: string) => void }): Promise<ServicesBench> {
  const dir = mkdtempSync(join(tmpdir(), 'sesphr-bench-services-'));
  const { d, proc } = await startServer(dir);
  try {
    const reps = o.quick ? 3 : 7;
    const empty = () => {
      const t0 = performance.now();
      exchangeSync(d, d.srsUrl, 'GET', '/v1/info', undefined);
      return ms(t0);
    };
    for (let i = 0; i < 20; i++) empty();
    const p = parties(d, o.seed);
    const rng = deterministicRandom(`${o.seed}/fig6`);
    const turnaround: TurnaroundRow[] = [];
    let n = 0;
    for (const kb of o.quick ? [50, 2048] : [...PHR_SIZES_KB]) {
      o.say(`fig6: T_up and T_down over loopback, ${kb} KB`);
      const phr = phrOfSize(kb, rng);
      const ups: number[] = [], downs: number[] = [], fUps: number[] = [], fDowns: number[] = [], rtts: number[] = [];
      for (let i = 0; i <= reps; i++) {
        const file = `b${n++}`;
        // In process first, then over the wire, then an empty round trip: each sees the same conditions.
        let t0 = performance.now();
        p.localOwner.upload(file, phr);
        const lu = ms(t0);
        t0 = performance.now();
        const lr = p.localReader.readAll(file);
        const ld = ms(t0);
        t0 = performance.now();
        p.remoteOwner.upload(file, phr);
        const ru = ms(t0);
        t0 = performance.now();
        const rr = p.remoteReader.readAll(file);
        const rd = ms(t0);
        const rtt = empty();
        if (rr.some((x) => x.status !== 'read') || lr.some((x) => x.status !== 'read')) throw new Error('bench: a partition was not read');
        if (i === 0) continue; // warm-up
        ups.push(ru); downs.push(rd); fUps.push(lu + rtt); fDowns.push(ld + rtt); rtts.push(rtt);
      }
      const labels = Object.keys(phr).length;
      turnaround.push({
        kb, tUp: median(ups), tDown: median(downs), floorUp: median(fUps), floorDown: median(fDowns),
        paperUp: PAPER_T_UP[kb]! * 1000, paperDown: PAPER_T_DOWN[kb]! * 1000,
        // labelsOf + per label checkUpload, C, R_P; cloud labels + per label C, R_U
        exchangesUp: 1 + 3 * labels, exchangesDown: 1 + 2 * labels,
      });
    }

    // R_U load: 64 members with keys, asking for one partition, 1 to 64 at a time.
    o.say('R_U load: registering 64 users');
    const users = Array.from({ length: 64 }, (_, k) => newIdentity(`load${k}`));
    const clients = users.map((u) => new ServiceClient({ srsUrl: d.srsUrl, cloudUrl: d.cloudUrl, identity: u }));
    for (const [k, c] of clients.entries()) {
      const u = users[k]!.principal;
      await c.srs('register', { user: u, owner: 'patient', role: 'family', signingKey: users[k]!.publicKey });
      await c.srs('genKey', { x: u });
    }
    for (const u of users) p.remoteOwner.approve(u.principal);
    const local: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      p.srs.requestRU('reader', 'b0', 'medical');
      local.push(ms(t0));
    }
    const floor = median(local.slice(2)) + median(Array.from({ length: 10 }, empty));
    const load: LoadRow[] = [];
    const total = o.quick ? 64 : 256;
    for (const c of [1, 4, 16, 64]) {
      o.say(`R_U load: ${c} concurrent clients`);
      const lat: number[] = [];
      const per = Math.max(1, Math.ceil(total / c));
      const t0 = performance.now();
      await Promise.all(clients.slice(0, c).map(async (cl, k) => {
        for (let i = 0; i < per; i++) {
          const s = performance.now();
          const r = await cl.srs<{ granted: boolean; code?: string }>('requestRU', { user: users[k]!.principal, file: 'b0', label: 'medical' });
          if (!r.granted) throw new Error(`bench: R_U refused (${r.code})`);
          lat.push(ms(s));
        }
      }));
      const secs = ms(t0) / 1000;
      lat.sort((a, b) => a - b);
      load.push({ clients: c, requests: lat.length, perSecond: lat.length / secs, p50: lat[Math.floor(lat.length * 0.5)]!, p99: lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.99))]!, floor });
    }
    return { emptyRoundTripMs: median(Array.from({ length: 20 }, empty)), turnaround, load };
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => { const t = setTimeout(() => { proc.kill('SIGKILL'); r(undefined); }, 10_000); proc.once('exit', () => { clearTimeout(t); r(undefined); }); });
    rmSync(dir, { recursive: true, force: true });
  }
}

export function servicesText(b: ServicesBench): string {
  const f = (x: number) => x.toFixed(1).padStart(8);
  const lines = [
    `Fig. 6 over loopback (signed requests, durable stores; empty round trip ${b.emptyRoundTripMs.toFixed(2)} ms), medians in ms`,
    '      KB     T_up  floor  ratio   paper   T_down  floor  ratio   paper   exchanges up/down',
    ...b.turnaround.map((r) => `${String(r.kb).padStart(8)} ${f(r.tUp)} ${f(r.floorUp)} ${(r.tUp / r.floorUp).toFixed(2).padStart(5)} ${f(r.paperUp)} ${f(r.tDown)} ${f(r.floorDown)} ${(r.tDown / r.floorDown).toFixed(2).padStart(5)} ${f(r.paperDown)}   ${r.exchangesUp}/${r.exchangesDown}`),
    '',
    'R_U issuance over loopback (one SRS process)',
    ' clients  requests   per s      p50      p99    floor  p50/floor',
    ...b.load.map((r) => `${String(r.clients).padStart(8)} ${String(r.requests).padStart(9)} ${r.perSecond.toFixed(1).padStart(7)} ${f(r.p50)} ${f(r.p99)} ${f(r.floor)} ${(r.p50 / r.floor).toFixed(2).padStart(9)}`),
  ];
  return lines.join('\n');
}
