// The error a call throws, for matching its message; a call that returns fails the test here,
// instead of leaving the assertions after it to check nothing.

export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
