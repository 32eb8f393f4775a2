/* uv_strerror and uv_err_name for the subset's error codes (uv.h UV_ERRNO_MAP). */
#include "internal.h"

const char* uv_strerror(int err) {
  switch (err) {
#define UV_STRERROR(name, message) \
  case UV_##name:                  \
    return message;
    UV_ERRNO_MAP(UV_STRERROR)
#undef UV_STRERROR
  }
  return "unknown error";
}

const char* uv_err_name(int err) {
  switch (err) {
#define UV_ERR_NAME(name, _) \
  case UV_##name:            \
    return #name;
    UV_ERRNO_MAP(UV_ERR_NAME)
#undef UV_ERR_NAME
  }
  return "Unknown system error";
}
