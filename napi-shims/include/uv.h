/* napi-wasm's libuv subset.
 *
 * Addons run on one thread, the JS thread, and the JS engine's event loop is
 * the loop: there is no uv_run. This header declares only what napi-wasm
 * provides (napi-shims/uv), so that code using anything else fails to build
 * with the missing uv_* symbol named:
 *   - uv_mutex_*, uv_rwlock_*, uv_cond_*, uv_once, uv_sem_*: correct on one
 *     thread; a wait that only another thread could end (locking a held
 *     mutex, uv_cond_wait, uv_sem_wait at 0) aborts with a message instead of
 *     hanging, and uv_cond_timedwait times out at once;
 *   - uv_async_init, uv_async_send, uv_close: the callbacks run in later
 *     tasks of the JS event loop (sends before a callback runs are coalesced);
 *   - uv_queue_work, uv_cancel: Node-API async work (execute then complete,
 *     in a later task);
 *   - uv_default_loop (the same loop napi_get_uv_event_loop gives),
 *     uv_loop_init, uv_loop_close, uv_now, uv_update_time, uv_hrtime,
 *     uv_thread_self, uv_thread_equal, uv_is_active, uv_is_closing, uv_ref,
 *     uv_unref, uv_has_ref, uv_strerror, uv_err_name.
 * Error codes are libuv's: negated errno values (wasi-libc's), UV_EOF -4095.
 */
#ifndef UV_H
#define UV_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UV_EXTERN

#define UV_VERSION_MAJOR 1
#define UV_VERSION_MINOR 46
#define UV_VERSION_PATCH 0
#define UV_VERSION_IS_RELEASE 1
#define UV_VERSION_SUFFIX ""
#define UV_VERSION_HEX ((UV_VERSION_MAJOR << 16) | (UV_VERSION_MINOR << 8) | (UV_VERSION_PATCH))

/* XX(name, message) for every error code of the subset. */
#define UV_ERRNO_MAP(XX)                                  \
  XX(E2BIG, "argument list too long")                     \
  XX(EACCES, "permission denied")                         \
  XX(EADDRINUSE, "address already in use")                \
  XX(EAGAIN, "resource temporarily unavailable")          \
  XX(EBADF, "bad file descriptor")                        \
  XX(EBUSY, "resource busy or locked")                    \
  XX(ECANCELED, "operation canceled")                     \
  XX(EEXIST, "file already exists")                       \
  XX(EINTR, "interrupted system call")                    \
  XX(EINVAL, "invalid argument")                          \
  XX(EIO, "i/o error")                                    \
  XX(EISDIR, "illegal operation on a directory")          \
  XX(EMFILE, "too many open files")                       \
  XX(ENOENT, "no such file or directory")                 \
  XX(ENOMEM, "not enough memory")                         \
  XX(ENOSPC, "no space left on device")                   \
  XX(ENOSYS, "function not implemented")                  \
  XX(ENOTDIR, "not a directory")                          \
  XX(ENOTEMPTY, "directory not empty")                    \
  XX(ENOTSUP, "operation not supported on socket")        \
  XX(EPERM, "operation not permitted")                    \
  XX(EPIPE, "broken pipe")                                \
  XX(ERANGE, "result too large")                          \
  XX(ETIMEDOUT, "connection timed out")                   \
  XX(EOF, "end of file")

#define UV__EOF (-4095)
#define UV__E2BIG (-E2BIG)
#define UV__EACCES (-EACCES)
#define UV__EADDRINUSE (-EADDRINUSE)
#define UV__EAGAIN (-EAGAIN)
#define UV__EBADF (-EBADF)
#define UV__EBUSY (-EBUSY)
#define UV__ECANCELED (-ECANCELED)
#define UV__EEXIST (-EEXIST)
#define UV__EINTR (-EINTR)
#define UV__EINVAL (-EINVAL)
#define UV__EIO (-EIO)
#define UV__EISDIR (-EISDIR)
#define UV__EMFILE (-EMFILE)
#define UV__ENOENT (-ENOENT)
#define UV__ENOMEM (-ENOMEM)
#define UV__ENOSPC (-ENOSPC)
#define UV__ENOSYS (-ENOSYS)
#define UV__ENOTDIR (-ENOTDIR)
#define UV__ENOTEMPTY (-ENOTEMPTY)
#define UV__ENOTSUP (-ENOTSUP)
#define UV__EPERM (-EPERM)
#define UV__EPIPE (-EPIPE)
#define UV__ERANGE (-ERANGE)
#define UV__ETIMEDOUT (-ETIMEDOUT)

typedef enum {
#define UV_ERRNO_ENUM(name, _) UV_##name = (UV__##name),
  UV_ERRNO_MAP(UV_ERRNO_ENUM)
#undef UV_ERRNO_ENUM
  UV_ERRNO_MAX = UV__EOF - 1
} uv_errno_t;

typedef enum {
  UV_UNKNOWN_HANDLE = 0,
  UV_ASYNC = 1,
  UV_HANDLE_TYPE_MAX = 18
} uv_handle_type;

typedef enum {
  UV_UNKNOWN_REQ = 0,
  UV_WORK = 7,
  UV_REQ_TYPE_MAX = 11
} uv_req_type;

typedef struct uv_loop_s uv_loop_t;
typedef struct uv_handle_s uv_handle_t;
typedef struct uv_async_s uv_async_t;
typedef struct uv_req_s uv_req_t;
typedef struct uv_work_s uv_work_t;

typedef void (*uv_close_cb)(uv_handle_t* handle);
typedef void (*uv_async_cb)(uv_async_t* handle);
typedef void (*uv_work_cb)(uv_work_t* req);
typedef void (*uv_after_work_cb)(uv_work_t* req, int status);

/* The loop is the JS event loop; this struct only carries user data. */
struct uv_loop_s {
  void* data;
  void* napi_wasm_reserved[7];
};

#define UV_HANDLE_FIELDS           \
  void* data;                      \
  uv_loop_t* loop;                 \
  uv_handle_type type;             \
  uv_close_cb close_cb;            \
  unsigned int napi_wasm_flags;

struct uv_handle_s {
  UV_HANDLE_FIELDS
};

struct uv_async_s {
  UV_HANDLE_FIELDS
  uv_async_cb async_cb;
};

#define UV_REQ_FIELDS \
  void* data;         \
  uv_req_type type;

struct uv_req_s {
  UV_REQ_FIELDS
};

struct uv_work_s {
  UV_REQ_FIELDS
  uv_loop_t* loop;
  uv_work_cb work_cb;
  uv_after_work_cb after_work_cb;
  int napi_wasm_work;
};

typedef struct {
  unsigned int napi_wasm_depth;
  int napi_wasm_recursive;
} uv_mutex_t;

typedef struct {
  unsigned int napi_wasm_readers;
  int napi_wasm_writer;
} uv_rwlock_t;

typedef struct {
  int napi_wasm_unused;
} uv_cond_t;

typedef struct {
  unsigned int napi_wasm_count;
} uv_sem_t;

typedef struct {
  int napi_wasm_done;
} uv_once_t;
#define UV_ONCE_INIT {0}

typedef unsigned long uv_thread_t;

/* Loop and time. */
UV_EXTERN uv_loop_t* uv_default_loop(void);
UV_EXTERN int uv_loop_init(uv_loop_t* loop);
UV_EXTERN int uv_loop_close(uv_loop_t* loop);
UV_EXTERN uint64_t uv_now(const uv_loop_t* loop);
UV_EXTERN void uv_update_time(uv_loop_t* loop);
UV_EXTERN uint64_t uv_hrtime(void);

/* Handles. */
UV_EXTERN int uv_async_init(uv_loop_t* loop, uv_async_t* async, uv_async_cb async_cb);
UV_EXTERN int uv_async_send(uv_async_t* async);
UV_EXTERN void uv_close(uv_handle_t* handle, uv_close_cb close_cb);
UV_EXTERN int uv_is_active(const uv_handle_t* handle);
UV_EXTERN int uv_is_closing(const uv_handle_t* handle);
UV_EXTERN void uv_ref(uv_handle_t* handle);
UV_EXTERN void uv_unref(uv_handle_t* handle);
UV_EXTERN int uv_has_ref(const uv_handle_t* handle);

/* Work. */
UV_EXTERN int uv_queue_work(uv_loop_t* loop, uv_work_t* req, uv_work_cb work_cb, uv_after_work_cb after_work_cb);
UV_EXTERN int uv_cancel(uv_req_t* req);

/* Synchronisation and threads. */
UV_EXTERN int uv_mutex_init(uv_mutex_t* handle);
UV_EXTERN int uv_mutex_init_recursive(uv_mutex_t* handle);
UV_EXTERN void uv_mutex_destroy(uv_mutex_t* handle);
UV_EXTERN void uv_mutex_lock(uv_mutex_t* handle);
UV_EXTERN int uv_mutex_trylock(uv_mutex_t* handle);
UV_EXTERN void uv_mutex_unlock(uv_mutex_t* handle);

UV_EXTERN int uv_rwlock_init(uv_rwlock_t* rwlock);
UV_EXTERN void uv_rwlock_destroy(uv_rwlock_t* rwlock);
UV_EXTERN void uv_rwlock_rdlock(uv_rwlock_t* rwlock);
UV_EXTERN int uv_rwlock_tryrdlock(uv_rwlock_t* rwlock);
UV_EXTERN void uv_rwlock_rdunlock(uv_rwlock_t* rwlock);
UV_EXTERN void uv_rwlock_wrlock(uv_rwlock_t* rwlock);
UV_EXTERN int uv_rwlock_trywrlock(uv_rwlock_t* rwlock);
UV_EXTERN void uv_rwlock_wrunlock(uv_rwlock_t* rwlock);

UV_EXTERN int uv_cond_init(uv_cond_t* cond);
UV_EXTERN void uv_cond_destroy(uv_cond_t* cond);
UV_EXTERN void uv_cond_signal(uv_cond_t* cond);
UV_EXTERN void uv_cond_broadcast(uv_cond_t* cond);
UV_EXTERN void uv_cond_wait(uv_cond_t* cond, uv_mutex_t* mutex);
UV_EXTERN int uv_cond_timedwait(uv_cond_t* cond, uv_mutex_t* mutex, uint64_t timeout);

UV_EXTERN void uv_once(uv_once_t* guard, void (*callback)(void));

UV_EXTERN int uv_sem_init(uv_sem_t* sem, unsigned int value);
UV_EXTERN void uv_sem_destroy(uv_sem_t* sem);
UV_EXTERN void uv_sem_post(uv_sem_t* sem);
UV_EXTERN void uv_sem_wait(uv_sem_t* sem);
UV_EXTERN int uv_sem_trywait(uv_sem_t* sem);

UV_EXTERN uv_thread_t uv_thread_self(void);
UV_EXTERN int uv_thread_equal(const uv_thread_t* t1, const uv_thread_t* t2);

/* Errors. */
UV_EXTERN const char* uv_strerror(int err);
UV_EXTERN const char* uv_err_name(int err);

#ifdef __cplusplus
}
#endif

#endif /* UV_H */
