/* Mutexes, read-write locks, condition variables, once and semaphores on one
 * thread. Nothing can be contended: a lock is free or held by the caller. A
 * wait that only another thread could end is reported and aborts. */
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

void napi_wasm_uv_deadlock(const char* what) {
  fprintf(stderr, "napi-wasm: %s would wait forever: there is only one thread\n", what);
  abort();
}

int uv_mutex_init(uv_mutex_t* mutex) {
  mutex->napi_wasm_depth = 0;
  mutex->napi_wasm_recursive = 0;
  return 0;
}

int uv_mutex_init_recursive(uv_mutex_t* mutex) {
  mutex->napi_wasm_depth = 0;
  mutex->napi_wasm_recursive = 1;
  return 0;
}

void uv_mutex_destroy(uv_mutex_t* mutex) {
  (void)mutex;
}

int uv_mutex_trylock(uv_mutex_t* mutex) {
  if (mutex->napi_wasm_depth > 0 && !mutex->napi_wasm_recursive) return UV_EBUSY;
  mutex->napi_wasm_depth++;
  return 0;
}

void uv_mutex_lock(uv_mutex_t* mutex) {
  if (uv_mutex_trylock(mutex) != 0) napi_wasm_uv_deadlock("uv_mutex_lock of a locked mutex");
}

void uv_mutex_unlock(uv_mutex_t* mutex) {
  if (mutex->napi_wasm_depth > 0) mutex->napi_wasm_depth--;
}

int uv_rwlock_init(uv_rwlock_t* rwlock) {
  rwlock->napi_wasm_readers = 0;
  rwlock->napi_wasm_writer = 0;
  return 0;
}

void uv_rwlock_destroy(uv_rwlock_t* rwlock) {
  (void)rwlock;
}

int uv_rwlock_tryrdlock(uv_rwlock_t* rwlock) {
  if (rwlock->napi_wasm_writer) return UV_EBUSY;
  rwlock->napi_wasm_readers++;
  return 0;
}

void uv_rwlock_rdlock(uv_rwlock_t* rwlock) {
  if (uv_rwlock_tryrdlock(rwlock) != 0) napi_wasm_uv_deadlock("uv_rwlock_rdlock of a write-locked lock");
}

void uv_rwlock_rdunlock(uv_rwlock_t* rwlock) {
  if (rwlock->napi_wasm_readers > 0) rwlock->napi_wasm_readers--;
}

int uv_rwlock_trywrlock(uv_rwlock_t* rwlock) {
  if (rwlock->napi_wasm_writer || rwlock->napi_wasm_readers > 0) return UV_EBUSY;
  rwlock->napi_wasm_writer = 1;
  return 0;
}

void uv_rwlock_wrlock(uv_rwlock_t* rwlock) {
  if (uv_rwlock_trywrlock(rwlock) != 0) napi_wasm_uv_deadlock("uv_rwlock_wrlock of a locked lock");
}

void uv_rwlock_wrunlock(uv_rwlock_t* rwlock) {
  rwlock->napi_wasm_writer = 0;
}

int uv_cond_init(uv_cond_t* cond) {
  (void)cond;
  return 0;
}

void uv_cond_destroy(uv_cond_t* cond) {
  (void)cond;
}

/* No thread can be waiting. */
void uv_cond_signal(uv_cond_t* cond) {
  (void)cond;
}

void uv_cond_broadcast(uv_cond_t* cond) {
  (void)cond;
}

void uv_cond_wait(uv_cond_t* cond, uv_mutex_t* mutex) {
  (void)cond;
  (void)mutex;
  napi_wasm_uv_deadlock("uv_cond_wait");
}

/* No other thread can signal: the wait times out, at once rather than after
 * blocking the JS thread for `timeout` nanoseconds. */
int uv_cond_timedwait(uv_cond_t* cond, uv_mutex_t* mutex, uint64_t timeout) {
  (void)cond;
  (void)mutex;
  (void)timeout;
  return UV_ETIMEDOUT;
}

void uv_once(uv_once_t* guard, void (*callback)(void)) {
  if (guard->napi_wasm_done) return;
  guard->napi_wasm_done = 1;
  callback();
}

int uv_sem_init(uv_sem_t* sem, unsigned int value) {
  sem->napi_wasm_count = value;
  return 0;
}

void uv_sem_destroy(uv_sem_t* sem) {
  (void)sem;
}

void uv_sem_post(uv_sem_t* sem) {
  sem->napi_wasm_count++;
}

int uv_sem_trywait(uv_sem_t* sem) {
  if (sem->napi_wasm_count == 0) return UV_EAGAIN;
  sem->napi_wasm_count--;
  return 0;
}

void uv_sem_wait(uv_sem_t* sem) {
  if (uv_sem_trywait(sem) != 0) napi_wasm_uv_deadlock("uv_sem_wait on a semaphore at 0");
}
