// The garbage collector's runs while a piece of work runs, as V8 reports them: for tests that tell
// a change apart by the collections it causes, where a clock would only measure the host.
import { PerformanceObserver } from 'node:perf_hooks';

/** What V8 says of one collection (`perf_hooks` `constants.NODE_PERFORMANCE_GC_*`). */
export interface Collection { kind: number; flags: number }

/** The collections `which` keeps (every one by default) while `f` runs, and what `f` returned.
 *  A fresh observer sees only what follows it; its entries arrive on the event loop after the
 *  collections, so the count is read once the loop has turned. */
export async function collectionsDuring<T>(f: () => T | Promise<T>, which: (c: Collection) => boolean = () => true): Promise<{ runs: number; value: T }> {
  let runs = 0;
  const seen = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (which((e as unknown as { detail: Collection }).detail)) runs++;
  });
  seen.observe({ entryTypes: ['gc'] });
  try {
    const value = await f();
    await new Promise((r) => setTimeout(r, 50));
    return { runs, value };
  } finally {
    seen.disconnect();
  }
}
