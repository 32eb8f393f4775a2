// assert() failures, in place of wasi-libc's __assert_fail, which prints with
// fprintf and so links stdio's formatting code (~13 KB) into every addon that
// uses assert (node-gyp does not define NDEBUG, so most do).
//
// As natively, the message goes to stderr and the addon stops: the host
// import napi_wasm.abort records the message and returns, and the trap that
// follows becomes a JS Error naming the addon and the call. The instance is
// then dead (a native process would have aborted).
#include <string.h>
#include <unistd.h>

__attribute__((import_module("napi_wasm"), import_name("abort"))) void napi_wasm_abort(const char *message);

static char message[512];
static size_t length;

static void add(const char *s) {
  while (*s && length + 1 < sizeof message) message[length++] = *s++;
  message[length] = 0;
}

static void addUnsigned(unsigned n) {
  char digits[12];
  int i = sizeof digits - 1;
  digits[i] = 0;
  do digits[--i] = (char)('0' + n % 10); while ((n /= 10) != 0 && i > 0);
  add(digits + i);
}

// glibc's wording: "file:line: function: Assertion `expr' failed."
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func) {
  length = 0;
  add(file);
  add(":");
  addUnsigned((unsigned)line);
  add(": ");
  add(func);
  add(": Assertion `");
  add(expr);
  add("' failed.");
  (void)!write(2, message, length);
  (void)!write(2, "\n", 1);
  napi_wasm_abort(message);
  __builtin_trap();
}
