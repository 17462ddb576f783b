// Runs the SRS and the cloud as two processes and, while the test's main thread is busy with a
// (synchronous) conformance run, kills one of them with SIGKILL at seeded random moments and
// starts it again on the same port and data directory. Plain JavaScript: it runs in a worker.
import { spawn } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';

const { services, seed, maxKills, minMs, maxMs, childArgs } = workerData;
let s = seed >>> 0;
const rand = () => {
  // mulberry32: the kill moments replay with the seed
  s = (s + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const procs = {};
const kills = [];
let stopping = false;

function start(name) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...childArgs, JSON.stringify(services[name])], { stdio: ['ignore', 'pipe', 'ignore'] });
    procs[name] = p;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 180_000);
    p.stdout.on('data', (c) => {
      out += String(c);
      if (out.includes('\n')) { clearTimeout(timer); resolve(JSON.parse(out.split('\n')[0])); }
    });
    p.once('exit', (code, sig) => { clearTimeout(timer); if (!out.includes('\n')) reject(new Error(`${name} exited ${code ?? sig}`)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function chaos() {
  for (let k = 0; k < maxKills && !stopping; k++) {
    await sleep(minMs + rand() * (maxMs - minMs));
    if (stopping) break;
    // The first two kills hit each service once; after that, either.
    const name = k === 0 ? 'srs' : k === 1 ? 'cloud' : rand() < 0.5 ? 'srs' : 'cloud';
    procs[name].kill('SIGKILL');
    await new Promise((r) => procs[name].once('exit', r));
    kills.push({ service: name, at: Date.now() });
    await start(name);
  }
}

const srs = await start('srs');
const cloud = await start('cloud');
parentPort.postMessage({ ready: true, srsUrl: srs.srsUrl, cloudUrl: cloud.cloudUrl });
let running;
parentPort.on('message', async (m) => {
  if (m === 'go') running = chaos();
  if (m === 'status') parentPort.postMessage({ kills });
  if (m === 'stop') {
    stopping = true;
    await running?.catch(() => undefined);
    for (const p of Object.values(procs)) {
      if (p.exitCode === null && p.signalCode === null) {
        p.kill('SIGTERM');
        await Promise.race([new Promise((r) => p.once('exit', r)), sleep(10_000).then(() => p.kill('SIGKILL'))]);
      }
    }
    parentPort.postMessage({ stopped: true, kills });
  }
});
