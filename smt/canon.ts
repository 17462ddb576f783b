// Reusing proofs across parts that are the same problem. A part (smt/verify.ts) is fully
// described by its slice (state variables, M0 on them, each kept transition's guard and effects)
// and its bad condition. Written out as text with the universe's files renamed in order of first
// (trying every renaming and keeping the least text), two parts with equal text are the same
// verification problem up to swapping files,
// which the universe cannot tell apart (every file has the same partitions and nothing else
// distinguishes them). So a part whose text equals that of a part already proved is proved too.
// Only proofs are reused: a trace is always decoded and replayed on its own net.
import { show } from '../model/prop.js';
import type { Bad } from './chc.js';
import type { Slice } from './slice.js';

/** The part as text, files renamed canonically. */
export function canonicalText(sl: Slice, bad: Bad): string {
  const lines: string[] = [`bad ${bad.kind} ${show(bad.p)}`, `vars ${sl.vars.map((v) => `${v}=${sl.init.get(v)}`).join(' ')}`];
  for (const ft of sl.transitions) {
    const when = ft.when.map((w) => `[${show(w.if)} => +${w.add.join(',')} -${w.del.join(',')}]`).join('');
    // the id keeps the rule name and binding; writes restricted to the slice are what matter
    lines.push(`${ft.t.id} if ${show(ft.guard)} +${ft.t.add.filter((f) => sl.init.has(f)).join(',')} -${ft.t.del.filter((f) => sl.init.has(f)).join(',')} ${when}`);
  }
  const files = sl.sys.net.U.files;
  if (files.length > 4) return [...lines].sort().join('\n');
  // every renaming of the files (a universe has a handful); the least text is the canonical one.
  // Each line is split once at the files' names (the capture keeps them, at the odd places), so a
  // renaming only joins pieces; lines without a file are the same under every renaming.
  const token = new RegExp(`(?<=[(,\\s])(${files.map(escape).join('|')})(?=[,)\\s])`);
  const pieces = lines.map((l) => l.split(token));
  const fixed = pieces.filter((ps) => ps.length === 1).map((ps) => ps[0]);
  const varying = pieces.filter((ps) => ps.length > 1);
  if (varying.length === 0) return fixed.sort().join('\n');
  let best: string | undefined;
  for (const perm of permutations(files)) {
    const name = new Map(perm.map((f, k) => [f, `#file${k}`]));
    const renamed = varying.map((ps) => ps.map((p, k) => (k % 2 === 1 ? name.get(p)! : p)).join(''));
    const text = fixed.concat(renamed).sort().join('\n');
    if (best === undefined || text < best) best = text;
  }
  return best!;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, k) => permutations([...xs.slice(0, k), ...xs.slice(k + 1)]).map((rest) => [x, ...rest]));
}
