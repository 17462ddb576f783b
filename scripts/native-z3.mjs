// Installs the native build of the same Z3 as the z3-solver WASM (5.1.0) into .cache/z3-native/,
// run by `npm install` / `npm ci` after the packages. The library comes from the z3-solver 5.1.0.0
// wheel (PyPI, through pip, which knows where the wheels of this machine are); the wheel is pinned
// by its SHA-256. smt/native-z3.ts loads it when present: the same solver answers the same
// commands with the same models, in about half the CPU (smt/README.md "The native build").
//
// Never fatal: without python3/pip, on another platform, or on any failure, one line says why and
// the WASM build is used, as before.
//   node scripts/native-z3.mjs [--force]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '5.1.0.0';
const PLATFORM = 'manylinux_2_27_x86_64';
const WHEEL = `z3_solver-${VERSION}-py3-none-${PLATFORM}.whl`;
const WHEEL_SHA256 = 'dfad9e309d7010b1ff6bdb33f21570a1603ef4727373221c7117a74448f0cfef';
const LIB_SHA256 = 'da99bbf1032d8f90698897c0408ade323440bdfda3304a7d1a00cc379d2acfc1';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.cache', 'z3-native');
const lib = join(dir, 'libz3.so');
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const say = (msg) => process.stderr.write(`native z3: ${msg}\n`);

// what runs when this install fails: a library installed before stays (it was checked then)
const fallback = () => (existsSync(lib) ? 'the library installed before stays' : 'the WASM build is used');

function install() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return say(`no wheel pinned for ${process.platform}-${process.arch}; ${fallback()}`);
  if (!process.argv.includes('--force') && existsSync(lib) && sha256(lib) === LIB_SHA256) return; // installed already
  const tmp = mkdtempSync(join(tmpdir(), 'sesphr-z3-native-'));
  try {
    try {
      execFileSync('python3', ['-m', 'pip', 'download', `z3-solver==${VERSION}`, '--no-deps', '--only-binary=:all:', '--platform', PLATFORM, '-d', tmp], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    } catch (e) {
      return say(`pip could not fetch z3-solver ${VERSION} (${String(e.stderr ?? e.message).trim().split('\n').pop()}); ${fallback()}`);
    }
    const wheel = join(tmp, WHEEL);
    if (!existsSync(wheel)) return say(`pip fetched no ${WHEEL}; ${fallback()}`);
    if (sha256(wheel) !== WHEEL_SHA256) return say(`${WHEEL} does not have the pinned SHA-256; not installed, ${fallback()}`);
    // a wheel is a zip; python's zipfile reads it (pip needs python anyway)
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'libz3.so.partial'); // beside its final name: the rename cannot cross file systems
    execFileSync('python3', ['-c', 'import sys, zipfile; open(sys.argv[3], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))', wheel, 'z3/lib/libz3.so', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (sha256(out) !== LIB_SHA256) {
      rmSync(out, { force: true });
      return say(`libz3.so in the wheel does not have the pinned SHA-256; not installed, ${fallback()}`);
    }
    renameSync(out, lib); // whole or not at all
    writeFileSync(join(dir, 'SOURCE'), `${WHEEL} sha256 ${WHEEL_SHA256}\nz3/lib/libz3.so sha256 ${LIB_SHA256}\n`);
    say(`installed ${lib} (from ${WHEEL})`);
  } catch (e) {
    say(`not installed (${e.message.split('\n')[0]}); ${fallback()}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

install();
