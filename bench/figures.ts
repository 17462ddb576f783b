// The names of the figures' points on the worker pool, made and read in one place: parallel.ts
// names them, run.ts's summary and table.ts's titles read them back.

/** The one-thread figures a pool point repeats: Fig. 3 (key generation) and Fig. 5 (decryption). */
export type PooledFigure = 'fig3' | 'fig5';

/** A pool point's figure: `fig3-pool2` on the wall clock, `fig3-pool2-critical` as the critical path. */
export const poolFigure = (figure: PooledFigure, threads: number, critical: boolean): string => `${figure}-pool${threads}${critical ? '-critical' : ''}`;

/** What a figure name says of the pool: which figure, on how many threads (the calling one and the workers), which clock; undefined for any other figure. */
export function readPoolFigure(name: string): { figure: PooledFigure; threads: number; critical: boolean } | undefined {
  const m = /^(fig3|fig5)-pool(\d+)(-critical)?$/.exec(name);
  return m ? { figure: m[1] as PooledFigure, threads: Number(m[2]), critical: m[3] !== undefined } : undefined;
}
