/* What the libuv subset's sources share: the runtime imports that run C
 * callbacks on the JS event loop (runtime/node-api/uv.ts), handle flags, and
 * the report for a wait that could only end on another thread. */
#ifndef NAPI_WASM_UV_INTERNAL_H
#define NAPI_WASM_UV_INTERNAL_H

#include <uv.h>

#define NAPI_WASM_IMPORT(name) __attribute__((import_module("napi_wasm"), import_name(#name)))

/* The env's loop: the pointer napi_get_uv_event_loop gives. */
NAPI_WASM_IMPORT(uv_loop) uv_loop_t* napi_wasm_uv_loop(void);
/* A Node-API async work: execute(env, data) then complete(env, status, data)
 * in a later task, or only complete with napi_cancelled (11) once cancelled.
 * Returns its id for napi_wasm_cancel_work. */
NAPI_WASM_IMPORT(queue_work)
int napi_wasm_queue_work(void (*execute)(void* env, void* data), void (*complete)(void* env, int status, void* data), void* data);
/* 0 (napi_ok) if the work had not started and is now cancelled. */
NAPI_WASM_IMPORT(cancel_work) int napi_wasm_cancel_work(int work);
/* callback(data) in a later task: a uv_async callback, or (closing 1) a close
 * callback, which libuv runs after those. */
NAPI_WASM_IMPORT(post) void napi_wasm_post(void (*callback)(void* data), void* data, int closing);

#define NAPI_STATUS_CANCELLED 11

/* uv_handle_t.napi_wasm_flags */
#define HANDLE_ACTIVE 1u
#define HANDLE_REF 2u
#define HANDLE_PENDING 4u /* an async send waits for its callback */
#define HANDLE_CLOSING 8u
#define HANDLE_CLOSED 16u

/* Reports that `what` would wait forever (only another thread could end the
 * wait, and there is none), then aborts: the call into the addon throws. */
__attribute__((noreturn)) void napi_wasm_uv_deadlock(const char* what);

#endif
