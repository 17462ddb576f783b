// The deadline watch of the native build (smt/deadline-watch.ts): a command past its deadline is
// interrupted from the watch's thread, one within it is left alone, a watch asleep after a quiet
// spell wakes for the next command, commands whose deadlines pass as they end never reach a
// deleted context, and a session whose context was made with the watch up runs with no timeout
// option, not even the one another context left as z3's default for new contexts; nor does a
// context of `evalFresh`, the solver floor's.
import { afterAll, describe, expect, it } from 'vitest';
import { WATCH_QUIET_MS, type DeadlineWatch } from '../smt/deadline-watch.js';
import { nativeZ3, type NativeZ3 } from '../smt/native-z3.js';
import { Session, SolverTimeout, evalFresh, shutdownZ3 } from '../smt/z3.js';
import { FACTORING_64 as HARD } from './support/z3-queries.js';

afterAll(shutdownZ3);

const native = nativeZ3();
const BACKSTOP_MS = 20_000;
const EASY = '(declare-const b Bool)(assert b)(check-sat)';

async function readyWatch(z: NativeZ3): Promise<DeadlineWatch> {
  const watch = z.watch();
  for (let i = 0; i < 600 && !watch.ready; i++) await new Promise((r) => setTimeout(r, 50));
  expect(watch.ready).toBe(true);
  return watch;
}

/** `text` in a fresh context under the watch with `ms`; the context is deleted straight after. z3's
 *  own timeout, far beyond `ms`, only ends a command the watch failed to stop, so that such a failure
 *  is reported (as not stopped) instead of blocking the test's thread for minutes. */
function watched(z: NativeZ3, watch: DeadlineWatch, ms: number, text: string): { out: string; stopped: boolean; seconds: number } {
  const ctx = z.mkContext();
  try {
    z.eval(ctx, `(set-option :timeout ${BACKSTOP_MS})`);
    const t0 = performance.now();
    const { value, stopped } = watch.within(z.address(ctx), ms, () => z.eval(ctx, text));
    return { out: value, stopped, seconds: (performance.now() - t0) / 1000 };
  } finally {
    z.delContext(ctx);
  }
}

/** set once the watch has been seen to stop a command: a session's command has no backstop, and
 *  would run for minutes under a watch that does not */
let watchStops = false;

describe.skipIf(!native)('z3\'s timeout passed on to new contexts', () => {
  it('does not reach a fresh context of evalFresh (the solver floor is z3 alone, with no timeout)', { timeout: 60_000 }, async () => {
    const z = native!;
    // factoring 4093 * 4099 in 32 bits: some 0.1-0.2 s, far beyond the 10 ms another context sets
    const medium = '(declare-const x (_ BitVec 32))(declare-const y (_ BitVec 32))(assert (= (bvmul x y) #x00fffff7))(assert (bvugt x #x00000001))(assert (bvugt y #x00000001))(assert (bvult x #x00010000))(assert (bvult y #x00010000))(check-sat)';
    const other = z.mkContext();
    try {
      z.eval(other, '(set-option :timeout 10)');
      const inherits = z.mkContext();
      try {
        // what a context made now starts with: the other context's timeout
        expect(z.eval(inherits, '(get-option :timeout)').trim()).toBe('10');
      } finally {
        z.delContext(inherits);
      }
      expect(await evalFresh('native', medium)).toBe('sat\n');
    } finally {
      z.delContext(other);
    }
  });
});

describe.skipIf(!native)('the deadline watch (native build)', () => {
  const z = native!;

  it('interrupts a command past its deadline and leaves one within it alone', { timeout: 60_000 }, async () => {
    const watch = await readyWatch(z);
    const hard = watched(z, watch, 300, HARD);
    expect(hard).toMatchObject({ out: 'unknown\n', stopped: true });
    expect(hard.seconds).toBeGreaterThanOrEqual(0.29);
    expect(hard.seconds).toBeLessThan(BACKSTOP_MS / 2000);
    expect(watched(z, watch, 10_000, EASY)).toMatchObject({ out: 'sat\n', stopped: false });
    watchStops = true;
  });

  it('wakes from its sleep after a quiet spell for the next command', { timeout: 60_000 }, async () => {
    const watch = await readyWatch(z);
    await new Promise((r) => setTimeout(r, WATCH_QUIET_MS + 500));
    const hard = watched(z, watch, 200, HARD);
    expect(hard).toMatchObject({ out: 'unknown\n', stopped: true });
    expect(hard.seconds).toBeLessThan(BACKSTOP_MS / 2000);
  });

  it('never reaches a context after its command: deadlines passing as commands end, each context deleted at once', { timeout: 120_000 }, async () => {
    const watch = await readyWatch(z);
    // an interrupt reaching a deleted context would end the process; one landing as a command
    // ends is reported as stopped, whatever z3 answered
    const answers = new Set<string>();
    for (let i = 0; i < 3000; i++) answers.add(watched(z, watch, i % 3, EASY).out);
    expect([...answers].every((a) => a === 'sat\n' || a === 'unknown\n')).toBe(true);
  });

  it('keeps a session\'s deadline without z3\'s timeout option once it is up, whatever another context set', { timeout: 60_000 }, async () => {
    await readyWatch(z);
    // a name of its own, so that no answer remembered from another session stands in for z3's
    const name = `b${process.pid}x${Date.now()}`;
    const s = await Session.open(30);
    try {
      expect(await s.check(`(declare-const ${name} Bool)(assert ${name})(check-sat)`)).toBe('sat');
      expect((await s.send('(get-option :timeout)')).trim()).toBe('4294967295');
    } finally {
      s.close();
    }
    expect(watchStops).toBe(true);
    const hard = await Session.open(0.3);
    try {
      await expect(hard.check(HARD)).rejects.toBeInstanceOf(SolverTimeout);
    } finally {
      hard.close();
    }
  });
});
