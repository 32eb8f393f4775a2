/* The loop, time and threads: there is one loop, the JS event loop, and one
 * thread. */
#include <string.h>
#include <time.h>
#include "internal.h"

_Static_assert(sizeof(uv_loop_t) == 32, "runtime/node-api/uv.ts allocates 32 bytes for a uv_loop_t");

uv_loop_t* uv_default_loop(void) {
  return napi_wasm_uv_loop();
}

int uv_loop_init(uv_loop_t* loop) {
  void* data = loop->data;
  memset(loop, 0, sizeof(*loop));
  loop->data = data;
  return 0;
}

int uv_loop_close(uv_loop_t* loop) {
  (void)loop;
  return 0;
}

uint64_t uv_hrtime(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The current time in milliseconds: libuv caches it per loop iteration, but
 * this loop's iterations belong to the JS engine. */
uint64_t uv_now(const uv_loop_t* loop) {
  (void)loop;
  return uv_hrtime() / 1000000u;
}

void uv_update_time(uv_loop_t* loop) {
  (void)loop;
}

uv_thread_t uv_thread_self(void) {
  return 1;
}

int uv_thread_equal(const uv_thread_t* t1, const uv_thread_t* t2) {
  return *t1 == *t2;
}
