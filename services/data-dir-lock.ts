// One process at a time serves each part of a data directory: the SRS's SQLite state (srs.lock)
// and the cloud's objects (cloud.lock). A second `sesphr serve` on the same directory would hold
// its own copy of the state in memory and answer from it, so the two would part ways while both
// wrote to the same files.
//
// The lock is the operating system's: an exclusive SQLite transaction held open on the lock file
// (SQLite's own file locking, through better-sqlite3). The kernel ends it with the process however
// the process ends (a crash, a kill), so there is no stale lock to detect and no pid to trust, and
// two starts at the same moment cannot both take it. A second connection of the same process is
// refused as well (SQLite tracks its locks per file across connections). Beside it, `*.lock.pid`
// names the process holding the lock, for the message of a refused start only.
import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An exclusive transaction on `file`, or the SQLite error that refused it. */
function exclusive(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

const codeOf = (e: unknown): string | undefined => (e as { code?: string }).code;

/**
 * Takes `part`'s lock of `dir`, or throws `refused(message)` naming the process that holds it.
 * Returns the release (which a process that ends without it needs not call).
 */
export function lockDataDir(dir: string, part: 'srs' | 'cloud', refused: (message: string) => Error): () => void {
  const file = join(dir, `${part}.lock`);
  const pidFile = `${file}.pid`;
  let db: Database.Database;
  try {
    try {
      db = exclusive(file);
    } catch (e) {
      // not a lock file of this kind (one an earlier version left, say): nobody can hold it
      if (codeOf(e) !== 'SQLITE_NOTADB') throw e;
      rmSync(file, { force: true });
      db = exclusive(file);
    }
  } catch (e) {
    if (codeOf(e) !== 'SQLITE_BUSY') throw e;
    let pid: number | undefined;
    try {
      pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10) || undefined;
    } catch {
      pid = undefined;
    }
    const who = pid === process.pid ? 'this process already' : pid ? `process ${pid}` : 'another process';
    throw refused(`--data-dir ${dir}: its ${part === 'srs' ? 'SRS state is' : "cloud's objects are"} served by ${who} (another \`sesphr serve\`); stop that one first, or choose another data directory`);
  }
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    rmSync(pidFile, { force: true });
    db.close();
  };
}
