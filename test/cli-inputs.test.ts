// Every bad input the command line can be given, as a user gives it: the exit code of the README's
// convention, the first line of the message, and a bound on the time (the case's timeout, and the
// child is killed past it), so that none can hang or run for minutes again. The built `sesphr`
// (dist/, as `npm ci` builds it) is run from a scratch directory, so nothing can land in the
// project by accident.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OBJECT_BYTES } from '../services/cloud-service.js';
import { SqliteSrsStore } from '../services/srs-store.js';
import { type ServiceProcess, startService } from './support/services.js';
import { universeText } from './support/universe-text.js';
import { MAX_GROUND_TRANSITIONS } from '../model/net-size.js';
import { makeBinsExecutable } from '../scripts/bin-executable.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'dist', 'cli', 'sesphr.js');
const work = mkdtempSync(join(tmpdir(), 'sesphr-inputs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Bad input is answered at once; a run that checks something with Z3 gets longer. */
const FAST_MS = 20_000;
const SOLVER_MS = 180_000;

beforeAll(() => {
  // The command exactly as installed: rebuild dist/ from this source (what `npm ci` runs).
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  expect(makeBinsExecutable(root)).toEqual([bin]);
}, 300_000);

function sesphr(args: readonly string[], bound: number, cwd = work) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: bound, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, ms: performance.now() - t0 };
}

const file = (name: string, text: string) => {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
};

/** One patient with 300 users, 40 partitions and 30 files: millions of ground transitions. */
const bigUniverse = () => universeText('big', 300, 40, 30);

/** A named pipe: reading it waits for a writer that never comes. */
const fifo = (name: string) => {
  const p = join(work, name);
  if (!existsSync(p)) execFileSync('mkfifo', [p]);
  return p;
};

/** A port another program holds. */
const busy = createServer().listen(0, '127.0.0.1');
afterAll(() => busy.close());
const busyPort = () => (busy.address() as AddressInfo).port;

/** A directory that group and others may enter, as a shared folder often is. */
const openDir = (name: string) => {
  const p = join(work, name);
  mkdirSync(p, { recursive: true, mode: 0o755 });
  chmodSync(p, 0o755);
  return p;
};

const scenario = (steps: string, head = 'universe: small\nprofile: extended\nvariant: srs-keys\npolicy: history') => `name: t\n${head}\nsteps:\n${steps}`;
const GOOD_STEPS = '  - keys: P\n  - join: d\n  - upload: f1\n  - read: { user: d, file: f1, partition: medical }\n  - expect:\n      can-read: [{ party: d, file: f1, partition: medical }]\n';
/** A billion-node alias bomb in a few hundred bytes. */
function bomb(): string {
  let s = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  let prev = 'a';
  for (let k = 0; k < 9; k++) {
    s += `b${k}: &b${k} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = `b${k}`;
  }
  return s;
}

interface Case {
  readonly name: string;
  readonly args: () => string[];
  readonly code: number;
  /** the first line of stderr (or, for a batch, of stdout) */
  readonly first: RegExp;
  readonly stream?: 'out' | 'err';
  readonly bound?: number;
}

const CASES: readonly Case[] = [
  // output paths, checked before any work
  { name: '--out under /proc', args: () => ['reproduce', '--quick', '--out', '/proc/sesphr/report'], code: 2, first: /^sesphr: --out '\/proc\/sesphr\/report': \/proc is a pseudo file system/ },
  { name: '--answers under /proc', args: () => ['verify', '--answers', '/proc/x/y'], code: 2, first: /^sesphr: --answers '\/proc\/x\/y': \/proc is a pseudo file system/ },
  { name: '--smt-out under /proc', args: () => ['verify', '--smt-out', '/proc/x/y'], code: 2, first: /^sesphr: --smt-out '\/proc\/x\/y': \/proc is a pseudo file system/ },
  { name: '--write-golden under /proc', args: () => ['verify', '--universe', 'small', '--write-golden', '/proc/golden.json'], code: 2, first: /^sesphr: --write-golden '\/proc\/golden.json': \/proc is a pseudo/ },
  { name: '--out under /sys', args: () => ['export', '--out', '/sys/sesphr'], code: 2, first: /^sesphr: --out '\/sys\/sesphr': \/sys is a pseudo file system/ },
  { name: '--out an existing file', args: () => ['reproduce', '--quick', '--out', file('a-file', 'x')], code: 2, first: /^sesphr: --out '.*a-file' is an existing file, not a directory/ },
  { name: '--out under a file', args: () => ['reproduce', '--quick', '--out', join(file('b-file', 'x'), 'sub')], code: 2, first: /^sesphr: --out '.*b-file\/sub': .*is a file, not a directory/ },
  { name: '--out empty', args: () => ['reproduce', '--quick', '--out', ''], code: 2, first: /^sesphr: --out: an empty path is not a place to write/ },
  { name: '--smt-out empty', args: () => ['verify', '--universe', 'small', '--smt-out', ''], code: 2, first: /^sesphr: --smt-out: an empty path/ },
  // the file's entries of other runs are kept, so one that cannot be read is refused before the run, not after it
  { name: '--write-golden an existing file that is not JSON', args: () => { writeFileSync(join(work, 'broken-golden.json'), '{"verdicts": {'); return ['verify', '--universe', 'small', '--write-golden', join(work, 'broken-golden.json')]; }, code: 2, first: /^sesphr: .*broken-golden\.json: not JSON at line 1/ },
  { name: '--write-golden a directory', args: () => ['verify', '--universe', 'small', '--write-golden', work], code: 2, first: /^sesphr: --write-golden '.*' is a directory, not a file/ },
  { name: 'demo --audit an existing file', args: () => ['demo', '--audit', file('old.jsonl', '')], code: 2, first: /^sesphr: --audit '.*old.jsonl' already exists/ },
  // the services' and the clients' paths, checked before anything is made or any request is sent
  { name: 'serve --variant other than the data directory was set up with', args: () => {
    const d = join(work, 'data-owner-keys');
    mkdirSync(d, { mode: 0o700 });
    const store = new SqliteSrsStore(join(d, 'srs.db'));
    store.reset({ variant: 'owner-keys', policy: 'history' });
    store.close();
    return ['serve', '--data-dir', d, '--srs-port', '0', '--cloud-port', '0', '--variant', 'srs-keys'];
  }, code: 2, first: /^sesphr: --variant srs-keys: the data directory .*data-owner-keys holds a deployment set up with variant owner-keys, which it keeps/ },
  { name: 'serve --data-dir under /proc', args: () => ['serve', '--data-dir', '/proc/sesphr-data', '--srs-port', '0', '--cloud-port', '0'], code: 2, first: /^sesphr: --data-dir '\/proc\/sesphr-data': \/proc is a pseudo file system/ },
  { name: 'serve --data-dir an existing file', args: () => ['serve', '--data-dir', file('data-file', 'x'), '--srs-port', '0', '--cloud-port', '0'], code: 2, first: /^sesphr: --data-dir '.*data-file' is an existing file, not a directory/ },
  { name: 'serve --data-dir open to other users', args: () => ['serve', '--data-dir', openDir('open-data'), '--srs-port', '0', '--cloud-port', '0'], code: 2, first: /^sesphr: .*open-data: data directory has mode 0755, open to other users/ },
  { name: 'serve --log a directory', args: () => ['serve', '--data-dir', join(work, 'data-log-dir'), '--log', work, '--srs-port', '0', '--cloud-port', '0'], code: 2, first: /^sesphr: --log '.*' is a directory, not a file/ },
  { name: 'serve --log in a missing directory', args: () => ['serve', '--data-dir', join(work, 'data-log-missing'), '--log', join(work, 'no-such', 'srs.log'), '--srs-port', '0', '--cloud-port', '0'], code: 2, first: /^sesphr: --log '.*no-such\/srs.log': cannot be opened for appending \(its directory does not exist\)/ },
  { name: 'serve --srs-port out of range with --log', args: () => ['serve', '--data-dir', join(work, 'data-port'), '--log', join(work, 'port.log'), '--srs-port', '70000'], code: 2, first: /^sesphr: --srs-port '70000' is not a port number/ },
  { name: 'serve --postgres not a url (its password never shown)', args: () => ['serve', '--only', 'srs', '--data-dir', join(work, 'data-pg-form'), '--postgres', 'bob:hunter2@db'], code: 2, first: /^sesphr: --postgres 'bob:\*\*\*@db' is not a postgres:\/\/ url/ },
  { name: 'serve --postgres that does not answer (its password never shown)', args: () => ['serve', '--only', 'srs', '--srs-port', '0', '--data-dir', join(work, 'data-pg'), '--postgres', 'postgres://bob:hunter2@127.0.0.1:1/phr'], code: 2, first: /^sesphr: --postgres postgres:\/\/bob:\*\*\*@127.0.0.1:1\/phr: cannot use the database \(connect ECONNREFUSED/ },
  // an address (TEST-NET-1, RFC 5737) rather than a name, so that no resolver is asked and waited for
  { name: 'serve --host not an address of this machine', args: () => ['serve', '--host', '192.0.2.1', '--insecure-http', '--data-dir', join(work, 'data-host'), '--srs-port', '0', '--cloud-port', '0'], code: 2, first: /^sesphr: --host 192.0.2.1: not an address of this machine \(EADDRNOTAVAIL\)$/ },
  { name: 'serve --backend unknown', args: () => ['serve', '--data-dir', join(work, 'data-backend'), '--backend', 'zzz', '--srs-port', '0', '--cloud-port', '0'], code: 2, first: /^sesphr: --backend 'zzz' is not one of: blst, mcl, noble/ },
  { name: 'serve --srs-port in use', args: () => ['serve', '--data-dir', join(work, 'data-busy'), '--srs-port', String(busyPort()), '--cloud-port', '0'], code: 2, first: /^sesphr: --srs-port \d+: the port is in use on 127.0.0.1$/ },
  // Latin-1 bytes read as UTF-8 would be stored as U+FFFD: refused before the deployment is asked anything
  { name: 'client upload --phr not UTF-8', args: () => { writeFileSync(join(work, 'latin1.json'), Buffer.concat([Buffer.from('{\n"medical": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')])); return ['client', 'upload', '--as', 'patient', '--file', 'f', '--phr', join(work, 'latin1.json'), '--home', join(work, 'home')]; }, code: 2, first: /^sesphr: --phr '.*latin1\.json': line 2 is not UTF-8 text/ },
  { name: 'audit verify of a log not UTF-8', args: () => { writeFileSync(join(work, 'latin1-audit.jsonl'), Buffer.concat([Buffer.from('{"a":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')])); return ['audit', 'verify', join(work, 'latin1-audit.jsonl')]; }, code: 2, first: /^sesphr: audit log '.*latin1-audit\.jsonl': line 1 is not UTF-8 text/ },
  { name: '--expect not UTF-8', args: () => { writeFileSync(join(work, 'latin1-golden.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])); return ['verify', '--universe', 'small', '--expect', join(work, 'latin1-golden.json')]; }, code: 2, first: /^sesphr: golden file '.*latin1-golden\.json': line 1 is not UTF-8 text/ },
  { name: '--universe not UTF-8', args: () => { writeFileSync(join(work, 'latin1-universe.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])); return ['verify', '--universe', join(work, 'latin1-universe.json')]; }, code: 2, first: /^sesphr: universe file '.*latin1-universe\.json': line 1 is not UTF-8 text/ },
  { name: 'client upload --phr /dev/zero', args: () => ['client', 'upload', '--as', 'patient', '--file', 'f', '--phr', '/dev/zero', '--home', join(work, 'home')], code: 2, first: /^sesphr: --phr '\/dev\/zero' is not a regular file/ },
  { name: 'client --home under /proc', args: () => ['client', 'register-owner', '--as', 'patient', '--home', '/proc/sesphr-home'], code: 2, first: /^sesphr: --home '\/proc\/sesphr-home': \/proc is a pseudo file system/ },
  { name: 'client --as not an id', args: () => ['client', 'register-owner', '--as', 'pat ient', '--home', join(work, 'home')], code: 2, first: /^sesphr: --as: expected 1-64 characters of \[A-Za-z0-9_.:@-\], got "pat ient"/ },
  { name: 'client read --out under /proc', args: () => ['client', 'read', '--as', 'u', '--file', 'f', '--out', '/proc/sesphr-read', '--home', join(work, 'home')], code: 2, first: /^sesphr: --out '\/proc\/sesphr-read': \/proc is a pseudo file system/ },
  // input files: regular, bounded
  { name: '--expect /dev/zero', args: () => ['verify', '--universe', 'small', '--expect', '/dev/zero'], code: 2, first: /^sesphr: --expect '\/dev\/zero' is not a regular file/ },
  { name: '--expect a directory', args: () => ['reproduce', '--quick', '--expect', work], code: 2, first: /^sesphr: --expect '.*' is a directory, not a file/ },
  { name: '--expect missing', args: () => ['verify', '--expect', join(work, 'nope.json')], code: 2, first: /^sesphr: --expect '.*nope.json': cannot read: ENOENT/ },
  { name: '--expect over the size limit', args: () => ['verify', '--expect', file('huge.json', ' '.repeat(16 * 2 ** 20 + 1))], code: 2, first: /^sesphr: --expect '.*huge.json' is 16777217 bytes; the limit is 16777216 bytes/ },
  // a regular file of /proc says a size of 0, and this one never ends
  { name: '--universe /proc/self/pagemap', args: () => ['verify', '--universe', '/proc/self/pagemap'], code: 2, first: /^sesphr: universe file '\/proc\/self\/pagemap': \/proc is a pseudo file system/ },
  { name: '--expect of a link into /proc', args: () => { symlinkSync('/proc/self/pagemap', join(work, 'pagemap-link.json')); return ['verify', '--universe', 'small', '--expect', join(work, 'pagemap-link.json')]; }, code: 2, first: /^sesphr: --expect '.*pagemap-link\.json': \/proc is a pseudo file system/ },
  { name: 'audit verify /dev/zero', args: () => ['audit', 'verify', '/dev/zero'], code: 2, first: /^sesphr: audit log '\/dev\/zero' is not a regular file/ },
  // numbers, bounded
  { name: '--timeout past the timer range', args: () => ['verify', '--timeout', '3000000'], code: 2, first: /^sesphr: --timeout '3000000' is not a number of seconds from 1 to 3600/ },
  { name: '--timeout below a second', args: () => ['verify', '--timeout', '0.001'], code: 2, first: /^sesphr: --timeout '0.001' is not a number of seconds from 1 to 3600/ },
  { name: '--depth 0', args: () => ['verify', '--depth', '0'], code: 2, first: /^sesphr: --depth '0' is not a whole number from 1 to 200/ },
  { name: 'conform --runs 1000000', args: () => ['conform', '--runs', '1000000'], code: 2, first: /^sesphr: --runs '1000000' is not a whole number from 0 to 1000/ },
  { name: 'conform --runs 0 over paper', args: () => ['conform', '--universe', 'paper', '--runs', '0'], code: 2, first: /^sesphr: --runs 0 with --universe 'paper' leaves nothing to run/ },
  { name: 'explore --max-states 1e9', args: () => ['explore', '--universe', 'paper', '--max-states', '1e9'], code: 2, first: /^sesphr: --max-states '1e9' is not a whole number from 1 to 100000000/ },
  { name: 'explore --max-depth 0', args: () => ['explore', '--max-depth', '0'], code: 2, first: /^sesphr: --max-depth '0' is not a whole number/ },
  { name: 'reproduce --seed -1', args: () => ['reproduce', '--seed', '-1'], code: 2, first: /^sesphr: --seed '-1' is not a whole number from 0 to 2147483647/ },
  { name: 'conform --seed -1 (the same rule as reproduce)', args: () => ['conform', '--seed', '-1'], code: 2, first: /^sesphr: --seed '-1' is not a whole number from 0 to 2147483647/ },
  { name: '--modules empty', args: () => ['explore', '--modules', ''], code: 2, first: /^sesphr: --modules '' names no module/ },
  { name: '--modules unknown', args: () => ['verify', '--modules', 'audit,blockchain'], code: 2, first: /^sesphr: --modules 'blockchain' is not one of: audit, tpa, time/ },
  // configurations: the same error, the same code, in every command
  { name: 'export paper with owner-keys', args: () => ['export', '--profile', 'paper', '--variant', 'owner-keys', '--out', join(work, 'net')], code: 2, first: /^sesphr: profile 'paper' cannot run with variant 'owner-keys'/ },
  { name: 'explore paper with owner-keys', args: () => ['explore', '--profile', 'paper', '--variant', 'owner-keys'], code: 2, first: /^sesphr: profile 'paper' cannot run with variant 'owner-keys'/ },
  { name: 'unknown universe', args: () => ['explore', '--universe', 'huge'], code: 2, first: /^sesphr: --universe 'huge' is not one of/ },
  // a universe file is checked before it is read: /dev/zero or a pipe would be read forever
  { name: 'verify --universe /dev/zero', args: () => ['verify', '--universe', '/dev/zero'], code: 2, first: /^sesphr: universe file '\/dev\/zero' is not a regular file/ },
  { name: 'reproduce --universe /dev/zero', args: () => ['reproduce', '--quick', '--universe', '/dev/zero', '--out', join(work, 'report')], code: 2, first: /^sesphr: universe file '\/dev\/zero' is not a regular file/ },
  { name: 'conform --universe a pipe', args: () => ['conform', '--universe', fifo('pipe.yaml')], code: 2, first: /^sesphr: universe file '.*pipe.yaml' is not a regular file/ },
  // a universe too large to ground is refused while its first net is built, the run stopped there
  { name: 'verify on a universe past the net limit', args: () => ['verify', '--universe', file('big.yaml', bigUniverse()), '--smt-out', join(work, 'q')], code: 2, first: new RegExp(`^sesphr: universe 'big' \\(.*big.yaml\\) grounds to more than ${MAX_GROUND_TRANSITIONS} transitions on paper/srs-keys/history \\(300 users, 1 patient, up to 40 partitions and 30 files a patient\\)`) },
  { name: 'reproduce on a universe past the net limit', args: () => ['reproduce', '--quick', '--universe', file('big.yaml', bigUniverse()), '--out', join(work, 'report')], code: 2, first: new RegExp(`^sesphr: universe 'big' .* grounds to more than ${MAX_GROUND_TRANSITIONS} transitions`) },
  { name: 'export --universe a directory', args: () => ['export', '--universe', openDir('dir.yaml'), '--out', join(work, 'net')], code: 2, first: /^sesphr: universe file '.*dir.yaml' is a directory, not a file$/ },
  { name: 'demo --variant x', args: () => ['demo', '--variant', 'x'], code: 2, first: /^sesphr: --variant 'x' is not one of: srs-keys, owner-keys/ },
  // commander's own errors: one line
  { name: 'unknown option', args: () => ['verify', '--bogus'], code: 2, first: /^sesphr: unknown option '--bogus' \(see --help\)$/ },
  { name: 'unknown command', args: () => ['nosuch'], code: 2, first: /^sesphr: unknown command 'nosuch' \(see --help\)$/ },
  { name: 'missing argument', args: () => ['audit', 'verify'], code: 2, first: /^sesphr: missing required argument 'log' \(see --help\)$/ },
  { name: 'option without its value', args: () => ['verify', '--timeout'], code: 2, first: /^sesphr: option '--timeout <s>' argument missing \(see --help\)$/ },
  // scenarios: positioned errors, every file of a batch reported
  { name: 'scenario --smt-out without --smt', args: () => ['scenario', 'check', '--smt-out', join(work, 'q')], code: 2, first: /^sesphr: --smt-out writes the queries of --smt: give --smt too/ },
  { name: 'scenario: its universe file a pipe', args: () => ['scenario', 'check', file('up.yaml', scenario(GOOD_STEPS, `universe: ${basename(fifo('u-pipe.yaml'))}\nprofile: extended\nvariant: srs-keys\npolicy: history`))], code: 2, stream: 'out', first: /^BAD   .*up.yaml:2:11: universe: universe file '.*u-pipe.yaml' is not a regular file/ },
  { name: 'scenario: its universe file missing', args: () => ['scenario', 'check', file('um.yaml', scenario(GOOD_STEPS, 'universe: none.yaml\nprofile: extended\nvariant: srs-keys\npolicy: history'))], code: 2, stream: 'out', first: /^BAD   .*um.yaml:2:11: universe: universe file '.*none.yaml': cannot read: ENOENT$/ },
  { name: 'scenario /dev/zero', args: () => ['scenario', 'check', '/dev/zero'], code: 2, stream: 'out', first: /^BAD   scenario file '\/dev\/zero' is not a regular file/ },
  { name: 'scenario: expectation on an unknown partition', args: () => ['scenario', 'check', file('p.yaml', scenario(`${GOOD_STEPS}  - expect:\n      cannot-read: [{ party: o, file: f1, partition: xray }]\n`))], code: 2, stream: 'out', first: /^BAD   .*p.yaml:14:54: steps.5.expect.cannot-read.0.partition: unknown partition 'xray' in universe 'small': expected one of medical, insurance$/ },
  { name: 'scenario: expectation on an unknown file', args: () => ['scenario', 'check', file('f.yaml', scenario(`${GOOD_STEPS}  - expect:\n      cannot-read: [{ party: o, file: f9, partition: medical }]\n`))], code: 2, stream: 'out', first: /^BAD   .*f.yaml:14:39: steps.5.expect.cannot-read.0.file: unknown file 'f9'/ },
  { name: 'scenario: unknown party in a coalition', args: () => ['scenario', 'run', file('c.yaml', scenario(`${GOOD_STEPS}  - expect:\n      cannot-read: [{ party: [SRS, Mallory], file: f1, partition: medical }]\n`))], code: 2, stream: 'out', first: /^BAD   .*c.yaml:14:36: steps.5.expect.cannot-read.0.party.1: unknown party 'Mallory'/ },
  { name: 'scenario: unknown user in a step', args: () => ['scenario', 'run', file('u.yaml', scenario('  - keys: P\n  - join: zed\n'))], code: 2, stream: 'out', first: /^BAD   .*u.yaml:8:11: steps.1.join: unknown user 'zed'/ },
  { name: 'scenario: fire an unknown transition', args: () => ['scenario', 'check', file('t.yaml', scenario('  - fire: { type: Gen_Keys, x: P }\n'))], code: 2, stream: 'out', first: /^BAD   .*t.yaml:7:\d+: steps.0.fire: no transition 'Gen_Keys' in this net .*expected one of Gen_Key, Send_Keys/ },
  { name: 'scenario: several YAML documents', args: () => ['scenario', 'check', file('m.yaml', `${scenario(GOOD_STEPS)}---\nname: second\n`)], code: 2, stream: 'out', first: /^BAD   .*m.yaml:13:1: invalid YAML: a file holds one YAML document/ },
  { name: 'scenario: nested deeper than the parser goes', args: () => ['scenario', 'check', file('deep.yaml', `name: deep\nuniverse: small\nsteps: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)], code: 2, stream: 'out', first: /^BAD   .*deep.yaml:3:\d+: invalid YAML: nested too deeply to be read$/ },
  { name: 'scenario: an alias bomb', args: () => ['scenario', 'check', file('bomb.yaml', bomb())], code: 2, stream: 'out', first: /^BAD   .*bomb.yaml:2:\d+: invalid YAML: aliases expand beyond 100 nodes/ },
  { name: 'scenario batch: every file reported; of failed (1) and bad input (2) the lower code wins', args: () => ['scenario', 'check', file('ok.yaml', scenario(GOOD_STEPS)), file('x.yaml', scenario('  - join: zed\n')), file('fail.yaml', scenario(`${GOOD_STEPS}  - expect:\n      can-read: [{ party: o, file: f1, partition: medical }]\n`))], code: 1, stream: 'out', first: /^ok  .*ok.yaml/ },
  // the runs themselves
  { name: 'fire: takes a transition name with underscores', args: () => ['scenario', 'check', file('fire.yaml', scenario('  - fire: { type: Gen_Key, x: P }\n  - fire: { type: Send_Keys, x: P }\n'))], code: 0, stream: 'out', first: /^ok  .*fire.yaml: 2 events reachable/ },
  { name: 'unknown verdicts: counted, exit 5', args: () => ['verify', '--universe', 'small', '--property', 'flow.granted-user-reads', '--profile', 'paper', '--depth', '1', '--smt-out', join(work, 'queries')], code: 5, first: /^ {2}flow.granted-user-reads paper\/srs-keys\/history: unknown/, bound: SOLVER_MS },
];

/** each case's run, for the checks below that read more than its first line */
const runs = new Map<string, ReturnType<typeof sesphr>>();

describe('the command as installed', () => {
  it('runs as a program of its own (executable, through its first line), as npx runs it', () => {
    const r = spawnSync(bin, ['--help'], { cwd: work, encoding: 'utf8', timeout: FAST_MS });
    expect(r.error?.message).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sesphr /);
  });

  it('scenario run names the group backend the implementation ran on, in text and in JSON', () => {
    const scenario = join(root, 'scenarios', 'srs-derives-keys.yaml');
    const text = sesphr(['scenario', 'run', '--backend', 'mcl', scenario], SOLVER_MS);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^1 scenario file\(s\): 1 passed, 0 failed, 0 could not be read; the implementation on group backend mcl$/m);
    const json = sesphr(['scenario', 'run', '--json', scenario], SOLVER_MS);
    expect(json.code, json.err).toBe(0);
    // the default: blst, or mcl-wasm where blst's binding does not load
    expect(JSON.parse(json.out)).toMatchObject({ backend: expect.stringMatching(/^(blst|mcl)$/), scenarios: [{ name: expect.any(String), model: [], impl: [] }] });
  }, 2 * SOLVER_MS);
});

describe('every bad input gets a fast, clear answer', () => {
  for (const c of CASES)
    it(`${c.name}: exit ${c.code}`, () => {
      const bound = c.bound ?? FAST_MS;
      const r = sesphr(c.args(), bound);
      runs.set(c.name, r);
      expect(r.signal, `killed after ${bound} ms`).toBeNull();
      const text = c.stream === 'out' ? r.out : r.err;
      expect(text.split('\n')[0], `stdout:\n${r.out}\nstderr:\n${r.err}`).toMatch(c.first);
      expect(r.code, r.err).toBe(c.code);
      expect(r.err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
    }, (c.bound ?? FAST_MS) + 5_000);

  it('a batch names every file, and the summary counts them', () => {
    const r = runs.get('scenario batch: every file reported; of failed (1) and bad input (2) the lower code wins')!;
    expect(r.out).toMatch(/x.yaml:\d+:\d+: steps.0.join: unknown user 'zed'/);
    expect(r.out).toMatch(/FAIL .*fail.yaml/);
    expect(r.out).toMatch(/3 scenario file\(s\): 1 ok, 1 failed, 1 could not be read/);
  });

  it('the unknown verdicts are counted in the summary', () => {
    const r = runs.get('unknown verdicts: counted, exit 5')!;
    expect(r.err).toMatch(/^2 of 2 verdicts are unknown \(2 stopped by the depth limit \(--depth\)\): exit 5$/m);
  });

  it('nothing was written where a refused path pointed, nor in the working directory', () => {
    // `--out ''` once left smt2/ here; a refused --out, --smt-out or export directory is never made.
    for (const f of ['smt2', 'net', 'q', 'report']) expect(existsSync(join(work, f)), f).toBe(false);
    // a refused serve or client makes no data directory, log or key folder
    for (const f of ['data-log-dir', 'data-log-missing', 'data-port', 'port.log', 'no-such', 'home']) expect(existsSync(join(work, f)), f).toBe(false);
    expect(readdirSync(join(work, 'open-data'))).toEqual([]);
    // a database's password is in no answer, whole or in part
    for (const [name, r] of runs) expect(`${r.out}${r.err}`, name).not.toContain('hunter2');
    expect(existsSync(join(work, 'b-file'))).toBe(true);
  });
});

describe('the audit chain from the command line', () => {
  it('demo --audit writes a log that audit verify checks; a changed entry is named (exit 1)', () => {
    const dir = join(work, 'audit');
    mkdirSync(dir);
    const log = join(dir, 'srs-audit.jsonl');
    const demo = sesphr(['demo', '--audit', log], 60_000);
    expect(demo.code, demo.err).toBe(0);
    const head = /check it with: sesphr audit verify .* --anchor (\d+:[0-9a-f]{64})/.exec(demo.out)?.[1];
    expect(head).toBeDefined();
    const ok = sesphr(['audit', 'verify', log, '--anchor', head!], FAST_MS);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^OK .*: \d+ entries, chain intact, anchor matches/);
    // The log records the demo's events and no secret: ids, labels, codes and epochs only.
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((e) => e.event === 'srs-start')).toHaveLength(2); // one SRS per policy, one chain
    expect(lines.some((e) => e.event === 'r-granted')).toBe(true);
    // Change one entry: verify names its line.
    const text = readFileSync(log, 'utf8').split('\n');
    text[5] = text[5].replace(/"epoch":(\d+)/, (_m, n) => `"epoch":${Number(n) + 1}`);
    writeFileSync(log, text.join('\n'));
    const bad = sesphr(['audit', 'verify', log], FAST_MS);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^BAD .*: line 6: /);
  }, 90_000);
});

describe('sesphr client keys on an owner-keys deployment', () => {
  let svc: ServiceProcess | undefined;
  const home = join(work, 'owner-keys-home');
  beforeAll(async () => {
    svc = await startService({ dataDir: join(work, 'served-owner-keys'), variant: 'owner-keys' });
  }, 180_000);
  afterAll(async () => svc?.stop());
  const client = (...args: string[]) => sesphr(['client', ...args, '--srs', svc!.srsUrl!, '--home', home], FAST_MS);

  it('keeps the secret key before the public key leaves, and run again checks the deposit against it', () => {
    expect(client('register-owner', '--as', 'P').code).toBe(0);
    expect(client('keys', '--as', 'P').out).toMatch(/^P holds its key pair \(/);
    const pair = readFileSync(join(home, 'P.json'), 'utf8');
    const again = client('keys', '--as', 'P');
    expect([again.code, again.out]).toEqual([0, expect.stringMatching(/^P holds its key pair already/)]);
    // a key file holding a secret key of another pair than the one deposited
    writeFileSync(join(home, 'P.json'), JSON.stringify({ ...JSON.parse(pair), sk: '00'.repeat(31) + '07' }) + '\n', { mode: 0o600 });
    const other = client('keys', '--as', 'P');
    expect([other.code, other.err.split('\n')[0]]).toEqual([2, `sesphr: the SRS holds a public key for P whose secret key is not kept in ${home}: that pair cannot be used`]);
    writeFileSync(join(home, 'P.json'), pair, { mode: 0o600 });
  }, 120_000);

  it('makes a new pair for a user who re-joins, whose kept pair is of its earlier key generation', () => {
    for (const args of [['register', '--as', 'u', '--owner', 'P', '--role', 'doctor'], ['keys', '--as', 'u'], ['approve', '--as', 'P', '--user', 'u'], ['revoke', '--as', 'P', '--user', 'u'], ['register', '--as', 'u', '--owner', 'P', '--role', 'doctor']])
      expect(client(...args).code, args.join(' ')).toBe(0);
    const before = JSON.parse(readFileSync(join(home, 'u.json'), 'utf8')) as { sk: string };
    const keys = client('keys', '--as', 'u');
    expect([keys.code, keys.out]).toEqual([0, expect.stringMatching(/^u holds its key pair \(/)]);
    expect((JSON.parse(readFileSync(join(home, 'u.json'), 'utf8')) as { sk: string }).sk).not.toBe(before.sk);
    expect(client('approve', '--as', 'P', '--user', 'u').code).toBe(0);
  }, 120_000);
});

describe('sesphr client against a served deployment, over HTTP only', () => {
  let svc: ServiceProcess | undefined;
  const data = join(work, 'served');
  const home = join(work, 'client-home');
  beforeAll(async () => {
    svc = await startService({ dataDir: data });
  }, 180_000);
  afterAll(async () => svc?.stop());
  const client = (...args: string[]) => sesphr(['client', ...args, '--srs', svc!.srsUrl!, '--home', home], FAST_MS);
  const ok = (...args: string[]) => {
    const r = client(...args);
    expect(r.code, `${args.join(' ')}\n${r.err}`).toBe(0);
    return r.out;
  };

  it('the lifecycle from the command line: join, upload, read, Ungrant, Except_Policy, a record update from a new process, Revoke', () => {
    const phr = file('phr.xml', '<phr><medical>bp 120/80</medical><insurance>policy 42</insurance></phr>');
    ok('register-owner', '--as', 'P');
    ok('register', '--as', 'd', '--owner', 'P', '--role', 'doctor');
    ok('keys', '--as', 'P');
    ok('keys', '--as', 'd');
    // run again, keys keeps the pair it holds
    const pair = readFileSync(join(home, 'd.json'), 'utf8');
    expect(ok('keys', '--as', 'd')).toMatch(/^d holds its key pair already/);
    expect(readFileSync(join(home, 'd.json'), 'utf8')).toBe(pair);
    // a run whose Send_Keys never arrived (the SRS drew the pair, nothing was kept here): run again, it fetches the pair
    writeFileSync(join(home, 'd.json'), JSON.stringify({ ...JSON.parse(pair), sk: undefined }) + '\n', { mode: 0o600 });
    expect(ok('keys', '--as', 'd')).toMatch(/^d holds its key pair \(/);
    expect(readFileSync(join(home, 'd.json'), 'utf8')).toBe(pair);
    ok('approve', '--as', 'P', '--user', 'd');
    expect(ok('upload', '--as', 'P', '--file', 'f1', '--phr', phr)).toMatch(/^uploaded f1 version 1: medical, insurance/);
    const out = join(work, 'read-out');
    expect(ok('read', '--as', 'd', '--file', 'f1', '--out', out)).toMatch(/^f1\/medical: read \d+ bytes \(version 1\).*\nf1\/insurance: refused NOT_GRANTED/);
    expect(readFileSync(join(out, 'f1.medical'), 'utf8')).toContain('bp 120/80');
    // a plaintext is its reader's alone, and written whole
    expect(statSync(join(out, 'f1.medical')).mode & 0o777).toBe(0o600);
    expect(readdirSync(out)).toEqual(['f1.medical']);
    expect(ok('ungrant', '--as', 'P', '--user', 'd', '--label', 'medical')).toMatch(/^P took medical from d/);
    expect(ok('except', '--as', 'P', '--user', 'd')).toMatch(/^P set the backward-access exception for d/);
    // each command is a new process: the owner continues from the version the SRS holds
    expect(ok('upload', '--as', 'P', '--file', 'f1', '--phr', phr)).toMatch(/^uploaded f1 version 2/);
    expect(ok('read', '--as', 'd', '--file', 'f1')).toMatch(/^f1\/medical: refused NOT_GRANTED/);
    ok('revoke', '--as', 'P', '--user', 'd');
    expect(ok('read', '--as', 'd', '--file', 'f1')).toMatch(/^f1\/medical: refused REVOKED/);
    // re-joined, d gets the pair of its new key generation, not the one it kept
    ok('register', '--as', 'd', '--owner', 'P', '--role', 'doctor');
    const old = JSON.parse(readFileSync(join(home, 'd.json'), 'utf8')) as { sk: string };
    expect(ok('keys', '--as', 'd')).toMatch(/^d holds its key pair \(/);
    expect((JSON.parse(readFileSync(join(home, 'd.json'), 'utf8')) as { sk: string }).sk).not.toBe(old.sk);
    ok('approve', '--as', 'P', '--user', 'd');
    expect(ok('read', '--as', 'd', '--file', 'f1')).not.toMatch(/MISSING_KEY/);
  }, 240_000);

  it('a step the deployment refuses is one line with the protocol\'s code, exit 2, no stack trace', () => {
    const stranger = client('approve', '--as', 'P', '--user', 'nobody');
    expect(stranger.err.split('\n')[0]).toMatch(/^sesphr: refused NOT_REGISTERED: /);
    expect(stranger.code).toBe(2);
    const label = client('ungrant', '--as', 'P', '--user', 'd', '--label', 'xray');
    expect(label.err.split('\n')[0]).toMatch(/^sesphr: refused \w+: /);
    expect(label.code).toBe(2);
    // a file the cloud does not hold is said, not answered with silence
    const nothing = client('read', '--as', 'd', '--file', 'no-such-file');
    expect(nothing.err.split('\n')[0]).toBe('sesphr: refused NO_SUCH_PARTITION: the cloud holds no partition of file no-such-file');
    expect(nothing.code).toBe(2);
    // a partition over the cloud's 64 MiB, found before anything is sent
    const big = file('big.xml', `<phr><medical>${'a'.repeat(MAX_OBJECT_BYTES)}</medical></phr>`);
    const large = client('upload', '--as', 'P', '--file', 'big', '--phr', big);
    expect(large.err.split('\n')[0]).toMatch(new RegExp(String.raw`^sesphr: refused PARTITION_TOO_LARGE: PHR\(big,medical\): sealed it is \d+ bytes, and the cloud takes at most ${MAX_OBJECT_BYTES} bytes a partition; nothing was sent$`));
    expect(large.code).toBe(2);
    for (const r of [stranger, label, nothing, large]) expect(r.err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  }, 60_000);

  it('an --srs that is not an http(s) url, or not an SRS, is one line naming it, exit 2', () => {
    const run = (srs: string) => sesphr(['client', 'register-owner', '--as', 'P', '--srs', srs, '--home', home], FAST_MS);
    const file = run('file:///etc/passwd');
    expect(file.err.trim()).toBe("sesphr: --srs 'file:///etc/passwd' is not an http(s) url");
    const cloud = run(svc!.cloudUrl!);
    expect(cloud.err.trim()).toBe(`sesphr: --srs ${svc!.cloudUrl} is a cloud service, not the SRS`);
    for (const r of [file, cloud]) expect(r.code).toBe(2);
  }, 60_000);
});
