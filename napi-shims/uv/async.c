/* uv_async_t and uv_close. A send posts the handle's callback to the JS event
 * loop unless one is already waiting (libuv coalesces sends the same way);
 * closing posts the close callback after it, so a waiting send sees the
 * handle closing and does nothing, and the memory can be freed in close_cb. */
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

static void async_dispatch(void* data) {
  uv_async_t* handle = data;
  handle->napi_wasm_flags &= ~HANDLE_PENDING;
  if (!(handle->napi_wasm_flags & HANDLE_CLOSING) && handle->async_cb) handle->async_cb(handle);
}

int uv_async_init(uv_loop_t* loop, uv_async_t* handle, uv_async_cb async_cb) {
  handle->loop = loop;
  handle->type = UV_ASYNC;
  handle->close_cb = NULL;
  handle->napi_wasm_flags = HANDLE_ACTIVE | HANDLE_REF;
  handle->async_cb = async_cb;
  return 0;
}

int uv_async_send(uv_async_t* handle) {
  if (handle->napi_wasm_flags & (HANDLE_PENDING | HANDLE_CLOSING)) return 0;
  handle->napi_wasm_flags |= HANDLE_PENDING;
  napi_wasm_post(async_dispatch, handle, 0);
  return 0;
}

static void close_dispatch(void* data) {
  uv_handle_t* handle = data;
  handle->napi_wasm_flags = (handle->napi_wasm_flags & ~HANDLE_ACTIVE) | HANDLE_CLOSED;
  if (handle->close_cb) handle->close_cb(handle);
}

void uv_close(uv_handle_t* handle, uv_close_cb close_cb) {
  if (handle->type != UV_ASYNC || (handle->napi_wasm_flags & HANDLE_CLOSING)) {
    fprintf(stderr, "napi-wasm: uv_close of a handle that is not an open uv_async_t\n");
    abort();
  }
  handle->napi_wasm_flags |= HANDLE_CLOSING;
  handle->close_cb = close_cb;
  napi_wasm_post(close_dispatch, handle, 1);
}

int uv_is_active(const uv_handle_t* handle) {
  return (handle->napi_wasm_flags & (HANDLE_ACTIVE | HANDLE_CLOSING)) == HANDLE_ACTIVE;
}

int uv_is_closing(const uv_handle_t* handle) {
  return (handle->napi_wasm_flags & (HANDLE_CLOSING | HANDLE_CLOSED)) != 0;
}

/* Ref state is kept for uv_has_ref; it does not keep any JS event loop alive. */
void uv_ref(uv_handle_t* handle) {
  handle->napi_wasm_flags |= HANDLE_REF;
}

void uv_unref(uv_handle_t* handle) {
  handle->napi_wasm_flags &= ~HANDLE_REF;
}

int uv_has_ref(const uv_handle_t* handle) {
  return (handle->napi_wasm_flags & HANDLE_REF) != 0;
}
