/* uv_queue_work and uv_cancel as Node-API async work (runtime/node-api/async-work.ts):
 * work_cb, then after_work_cb with 0, in a later task; only after_work_cb,
 * with UV_ECANCELED, once cancelled. */
#include "internal.h"

static void work_execute(void* env, void* data) {
  (void)env;
  uv_work_t* req = data;
  req->work_cb(req);
}

static void work_complete(void* env, int status, void* data) {
  (void)env;
  uv_work_t* req = data;
  if (req->after_work_cb) req->after_work_cb(req, status == NAPI_STATUS_CANCELLED ? UV_ECANCELED : 0);
}

int uv_queue_work(uv_loop_t* loop, uv_work_t* req, uv_work_cb work_cb, uv_after_work_cb after_work_cb) {
  if (work_cb == NULL) return UV_EINVAL;
  req->type = UV_WORK;
  req->loop = loop;
  req->work_cb = work_cb;
  req->after_work_cb = after_work_cb;
  req->napi_wasm_work = napi_wasm_queue_work(work_execute, work_complete, req);
  return 0;
}

int uv_cancel(uv_req_t* req) {
  if (req->type != UV_WORK) return UV_EINVAL;
  return napi_wasm_cancel_work(((uv_work_t*)req)->napi_wasm_work) == 0 ? 0 : UV_EBUSY;
}
