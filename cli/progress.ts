// Progress of long stages on a terminal: one line on stderr, rewritten in place, shown only once a
// stage has run for a few seconds and never when stderr is not a terminal (logs and pipes stay
// clean). The suite speaks through one callback (conformance/limits.ts ProgressEvent); this is the
// only place that draws it, so a progress library can replace it here alone.
import { SingleBar } from 'cli-progress';
import type { ProgressEvent } from '../conformance/limits.js';

export interface ProgressLine {
  readonly update: (e: ProgressEvent) => void;
  /** erase the line before other output is written */
  readonly clear: () => void;
}

const QUIET: ProgressLine = { update: () => {}, clear: () => {} };

export function progressLine(stream: NodeJS.WriteStream = process.stderr, afterMs = 3000, everyMs = 250): ProgressLine {
  if (!stream.isTTY) return QUIET;
  let stage = '', since = 0, last = 0, shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  const update = (e: ProgressEvent) => {
    const now = performance.now();
    const id = `${e.config} ${e.stage}`;
    if (id !== stage) { stage = id; since = now; }
    if (now - since < afterMs || now - last < everyMs) return;
    last = now;
    const of = e.total !== undefined && Number.isFinite(e.total) ? ` ${e.done}/${e.total}` : ` ${e.done}`;
    const line = `${e.config} ${e.stage}${of}${e.note ? ` (${e.note})` : ''} ${((now - since) / 1000).toFixed(0)} s`;
    stream.write(`\r\x1b[K${line.slice(0, Math.max((stream.columns || 80) - 1, 20))}`);
    shown = true;
  };
  return { update, clear };
}

/** A bar for long runs whose size is known or grows (the explorer's states), drawn by cli-progress. */
export interface Progress {
  /** `done` of `total` so far; `note` says what is being counted */
  update(done: number, note?: string): void;
  /** for searches whose end is unknown: raise the total as the frontier grows */
  setTotal(total: number): void;
  stop(): void;
}

const QUIET_BAR: Progress = { update: () => {}, setTotal: () => {}, stop: () => {} };

export function progress(label: string, total: number, unit: string): Progress {
  if (!process.stderr.isTTY) return QUIET_BAR;
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} ${unit} {note}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  bar.start(total, 0, { note: '' });
  return {
    update: (done, note = '') => bar.update(done, { note }),
    setTotal: (t) => bar.setTotal(t),
    stop: () => bar.stop(),
  };
}
