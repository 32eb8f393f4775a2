// A real gc() for the tests that watch finalizers and weak references: V8's
// --expose-gc, turned on for this process (the flag then holds for contexts
// created afterwards, so gc is taken from a fresh one). Same as starting node
// with --expose-gc, without a separate vitest pool for these files.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
export const gc = vm.runInNewContext('gc') as () => void;

/** One macrotask: lets FinalizationRegistry callbacks run, and ends the job
 *  that kept WeakRef targets read in it alive. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Collects garbage until `done()` holds, yielding to the event loop between
 * gc() and each check, at most `rounds` times (as Node's common/gc gcUntil).
 * Throws if it never holds.
 */
export async function gcUntil(what: string, done: () => boolean, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await tick();
    gc();
    await tick();
    if (done()) return;
  }
  throw new Error(`gcUntil: ${what} did not happen after ${rounds} collections`);
}
