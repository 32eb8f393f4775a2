// The host side of napi-shims/uv, the libuv subset (see napi-shims/include/uv.h):
// napi_get_uv_event_loop, and the "napi_wasm" imports the subset calls to get
// its callbacks run on the JS event loop. All libuv structure layout stays in
// C; the runtime only runs C callbacks:
//   uv_loop()                        the env's uv_loop_t, the same pointer
//                                    napi_get_uv_event_loop gives
//   queue_work(execute, complete, d) an async work (async-work.ts) that is
//                                    forgotten once it has run; returns its id
//   cancel_work(id)                  napi_ok if it had not started yet
//   post(callback, d, closing)       callback(d) in a later task: a uv_async
//                                    callback, or (closing) a uv_close one;
//                                    these still run while the env is being
//                                    disposed, and at process exit
// Their C names are napi_wasm_uv_loop, napi_wasm_queue_work,
// napi_wasm_cancel_work and napi_wasm_post.

import { NO_ENV, S, invalidArg, outI32 } from '../api/common.js';
import type { Env } from '../env.js';
import type { AsyncWorks } from './async-work.js';
import { NO_EXCEPTION, callIntoModule } from '../callbacks.js';
import { isRunning, postLoopCallback } from './lifecycle.js';
import { reportUncaught } from './uncaught.js';

/** sizeof(uv_loop_t) in napi-shims/include/uv.h (checked there). */
const UV_LOOP_SIZE = 32;

export function uvApi(env: Env, works: AsyncWorks) {
  let loop = 0;

  function uvLoop(): number {
    if (loop === 0) {
      loop = env.malloc(UV_LOOP_SIZE);
      if (loop !== 0) env.heap.fresh().u8.fill(0, loop, loop + UV_LOOP_SIZE);
    }
    return loop;
  }

  function run(callback: number, data: number): void {
    if (!isRunning(env)) return;
    try {
      const exception = callIntoModule(env, 'uv callback', callback, data);
      if (exception !== NO_EXCEPTION) reportUncaught(exception);
    } catch (error) {
      reportUncaught(error);
    }
  }

  return {
    napi: {
      napi_get_uv_event_loop(e: number, result: number): number {
        if (e === 0) return NO_ENV;
        if (result === 0) return invalidArg(env);
        const ptr = uvLoop();
        if (ptr === 0) return env.setStatus(S.generic_failure);
        outI32(env, result, ptr);
        return env.ok();
      },
    },

    napiWasm: {
      uv_loop: uvLoop,

      queue_work(execute: number, complete: number, data: number): number {
        const id = works.create(execute, complete, data, true);
        works.queue(id);
        return id;
      },

      cancel_work(id: number): number {
        return works.cancel(id) ? S.ok : S.generic_failure;
      },

      post(callback: number, data: number, closing: number): void {
        postLoopCallback(env, () => run(callback, data), closing !== 0);
      },
    },
  };
}
