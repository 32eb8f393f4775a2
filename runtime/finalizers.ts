// What happens when a JS object the addon cares about dies: one
// FinalizationRegistry for every env. The held Finalizer says what to do:
// free the pinned block of an addon-made ArrayBuffer (memory-model.ts),
// and/or call a napi_finalize callback (napi_wrap, napi_create_external,
// napi_add_finalizer, external ArrayBuffers). The registry calls back in a
// task of its own after the collection, as Node defers finalizers to
// SetImmediate; the callback runs as a native call, and an exception it
// leaves pending is reported as uncaught, as Node does. Cancelling clears
// the callback (registering with an unregister token costs several times
// more, and napi_wrap is hot).

import { NO_EXCEPTION, callIntoModule } from './callbacks.js';
import { ENV_POINTER, type Env } from './env.js';
import { releasePin, type Pin } from './memory-model.js';
import { reportUncaught } from './node-api/uncaught.js';

export class Finalizer {
  constructor(
    readonly env: Env,
    /** napi_finalize (table index), 0 for none (or cancelled). */
    public cb: number,
    readonly data: number,
    readonly hint: number,
    /** The pinned block to release first. */
    readonly pin: Pin | undefined = undefined,
  ) {}
}

const registry: FinalizationRegistry<Finalizer> | undefined =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(collected) : undefined;

/** Runs `finalizer` once `target` has been collected. */
export function watch(target: object, finalizer: Finalizer): void {
  registry?.register(target, finalizer);
}

/** The finalizer's callback will not run (its pinned block is still released). */
export function cancel(finalizer: Finalizer): void {
  finalizer.cb = 0;
}

function collected(f: Finalizer): void {
  if (f.pin !== undefined) releasePin(f.env, f.pin);
  if (f.cb !== 0) runFinalizer(f.env, f.cb, f.data, f.hint);
}

/** Calls cb(env, data, hint) now, as a native call of its own. */
export function runFinalizer(env: Env, cb: number, data: number, hint: number): void {
  if (env.dead !== undefined) return;
  const error = callIntoModule(env, 'finalizer', cb, ENV_POINTER, data, hint);
  if (error !== NO_EXCEPTION) reportUncaught(error);
}
