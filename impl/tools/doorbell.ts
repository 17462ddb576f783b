// Waiting between threads that share memory: spin a short while, then sleep. On a virtual machine
// a thread that sleeps lets its vCPU halt, and a halted vCPU is slow to come back and, for the first
// milliseconds, often shares a physical core with the other (bench/README.md, "Idle workers on this
// host"). A wait that spins first keeps its core awake through the short gaps between calls that
// come in bursts, at the price of that core's time while it spins; `spinMs` 0 sleeps at once.

/** Spins while word `index` of `words` still holds `value`, for at most `ms`; true when it changed. */
export function spinWhile(words: Int32Array, index: number, value: number, ms: number): boolean {
  if (Atomics.load(words, index) !== value) return true;
  if (!(ms > 0)) return false;
  const until = performance.now() + ms;
  while (Atomics.load(words, index) === value) if (performance.now() >= until) return false;
  return true;
}

/**
 * Waits until word `index` of `words`, a count that only grows, reaches `target`: at each value it
 * spins for up to `spinMs`, then sleeps (in slices of 100 ms, so that the limit is checked), for at
 * most `limitMs` in all. False when the time ran out first.
 */
export function waitForCount(words: Int32Array, index: number, target: number, spinMs: number, limitMs: number): boolean {
  const until = performance.now() + limitMs;
  for (let c = Atomics.load(words, index); c < target; c = Atomics.load(words, index)) {
    if (performance.now() > until) return false;
    if (!spinWhile(words, index, c, spinMs)) Atomics.wait(words, index, c, 100);
  }
  return true;
}

/**
 * A word one thread rings and another waits on. The waiter reads `rung` before it looks for work,
 * and waits with what it read: a ring after that read, however early, ends the wait at once, so no
 * ring is missed between looking and waiting.
 */
export class Doorbell {
  private readonly word: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.word = new Int32Array(buffer);
  }

  get rung(): number {
    return Atomics.load(this.word, 0);
  }

  ring(): void {
    Atomics.add(this.word, 0, 1);
    Atomics.notify(this.word, 0);
  }

  /** Returns once the bell has rung since `seen` was read: spinning for up to `spinMs`, then asleep. */
  waitAfter(seen: number, spinMs: number): void {
    if (spinWhile(this.word, 0, seen, spinMs)) return;
    Atomics.wait(this.word, 0, seen);
  }
}
