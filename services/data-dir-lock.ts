// One process at a time serves each part of a data directory: the SRS's SQLite state (srs.lock)
// and the cloud's objects (cloud.lock). A second `sesphr serve` on the same directory would hold
// its own copy of the state in memory and answer from it, so the two would part ways while both
// wrote to the same files. The lock is a file made exclusively that names its process; a process
// that ended without removing it (a crash, a kill) holds nothing, and the next start takes the
// lock over. A process is told apart from a later one given the same pid by its start time.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Holder {
  readonly pid: number;
  /** the process's start time (Linux: clock ticks after boot, /proc/PID/stat), where it can be read */
  readonly started?: string;
}

/** Locks held by this process, by file: a second serve of the same part in one process is refused too. */
const HELD = new Set<string>();

/** A process's state letter and start time, from /proc (Linux); undefined where there is none. */
function statOf(pid: number): { state: string; started: string } | undefined {
  try {
    // the command may hold spaces and parentheses: the fields after it start past the last ')'
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
    return { state: fields[0]!, started: fields[19]! };
  } catch {
    return undefined;
  }
}

function alive(h: Holder): boolean {
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    // EPERM: a process of another user has the pid, alive
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = statOf(h.pid);
  if (!now) return true;
  // a killed process its parent has not reaped yet still answers to its pid, and holds nothing
  if (now.state === 'Z' || now.state === 'X') return false;
  return h.started === undefined || now.started === h.started;
}

function holderOf(file: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && Number.isInteger(h.pid) && h.pid > 0 ? { pid: h.pid, ...(typeof h.started === 'string' && { started: h.started }) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `part`'s lock of `dir`, or throws `refused(message)` naming the process that holds it.
 * Returns the release, which removes the file if it is still this process's.
 */
export function lockDataDir(dir: string, part: 'srs' | 'cloud', refused: (message: string) => Error): () => void {
  const file = join(dir, `${part}.lock`);
  const started = statOf(process.pid)?.started;
  const me: Holder = { pid: process.pid, ...(started !== undefined && { started }) };
  const text = JSON.stringify(me);
  const inUse = (pid?: number) => refused(`--data-dir ${dir}: its ${part === 'srs' ? 'SRS state is' : "cloud's objects are"} served by ${pid === process.pid ? 'this process already' : pid ? `process ${pid}` : 'another process'} (another \`sesphr serve\`); stop that one first, or choose another data directory`);
  if (HELD.has(file)) throw inUse(process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const h = holderOf(file);
    // a second start taking a stale lock over at the same moment got there first
    if ((h && alive(h)) || attempt > 0) throw inUse(h?.pid);
    // left by a process that ended (or cut short as it was written): taken over
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  HELD.add(file);
  return () => {
    if (!HELD.delete(file)) return;
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file);
    } catch {
      // gone already: nothing to release
    }
  };
}
