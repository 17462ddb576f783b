// Progress of long stages on a terminal: one line on stderr, rewritten in place, shown only once a
// stage has run for a few seconds and never when stderr is not a terminal (logs and pipes stay
// clean). The suite speaks through one callback (conformance/limits.ts ProgressEvent); this is the
// only place that draws it, so a progress library can replace it here alone.
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
