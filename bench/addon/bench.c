// One exported function per benchmark case (see ../cases.mjs). Plain C over
// Node-API only, so the same file builds as a native .node (node-gyp), for
// emnapi (its headers + libemnapi.a) and for napi-wasm (compileAddon).
// Every Node-API call is checked: a failing status throws, so a broken
// runtime shows up as an error in the bench instead of a wrong number.
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    if ((call) != napi_ok) {                                               \
      napi_throw_error(env, NULL, "bench.c: " #call " failed");           \
      return NULL;                                                         \
    }                                                                      \
  } while (0)

// empty call: the cost of crossing into C and back.
static napi_value Noop(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  return NULL;
}

// add(a, b): arguments in, a number out.
static napi_value Add(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  double a, b;
  napi_value result;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_double(env, argv[0], &a));
  CHECK(napi_get_value_double(env, argv[1], &b));
  CHECK(napi_create_double(env, a + b, &result));
  return result;
}

// A new 5-character string.
static napi_value NewString(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  CHECK(napi_create_string_utf8(env, "hello", 5, &result));
  return result;
}

// UTF-8 round trip: JS string → bytes in C → new JS string. The buffer fits
// the largest case (64 KiB of UTF-8) with room to spare.
static char string_buffer[256 * 1024];

static napi_value StringRoundTrip(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  size_t length;
  napi_value result;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_string_utf8(env, argv[0], string_buffer, sizeof string_buffer, &length));
  CHECK(napi_create_string_utf8(env, string_buffer, length, &result));
  return result;
}

// An object with 10 named properties.
static const char *const property_names[10] = {"alpha", "beta", "gamma", "delta", "epsilon",
                                               "zeta",  "eta",  "theta", "iota",  "kappa"};

static napi_value MakeObject(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value object, value;
  CHECK(napi_create_object(env, &object));
  for (int32_t i = 0; i < 10; i++) {
    CHECK(napi_create_int32(env, i, &value));
    CHECK(napi_set_named_property(env, object, property_names[i], value));
  }
  return object;
}

// An array of 1000 numbers.
static napi_value MakeArray(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value array, value;
  CHECK(napi_create_array_with_length(env, 1000, &array));
  for (uint32_t i = 0; i < 1000; i++) {
    CHECK(napi_create_double(env, i * 0.5, &value));
    CHECK(napi_set_element(env, array, i, value));
  }
  return array;
}

// callCallbacks(fn): calls fn(42) 1000 times from C.
static napi_value CallCallbacks(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value fn, recv, arg, result;
  CHECK(napi_get_cb_info(env, info, &argc, &fn, NULL, NULL));
  CHECK(napi_get_undefined(env, &recv));
  CHECK(napi_create_int32(env, 42, &arg));
  for (int i = 0; i < 1000; i++) {
    CHECK(napi_call_function(env, recv, fn, 1, &arg, &result));
  }
  return NULL;
}

// typedArraySum(u8): sums the bytes and adds 1 to each, in place.
static napi_value TypedArraySum(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value array, result, arraybuffer;
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  CHECK(napi_get_cb_info(env, info, &argc, &array, NULL, NULL));
  CHECK(napi_get_typedarray_info(env, array, &type, &length, &data, &arraybuffer, &offset));
  if (type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "expected a Uint8Array");
    return NULL;
  }
  uint8_t *bytes = data;
  uint32_t sum = 0;
  // A local bound: `length` had its address taken, and a byte store may alias
  // it, so neither compiler could vectorize a loop bounded by it.
  const size_t n = length;
  for (size_t i = 0; i < n; i++) {
    sum += bytes[i];
    bytes[i] = (uint8_t)(bytes[i] + 1);
  }
  CHECK(napi_create_double(env, sum, &result));
  return result;
}

// wrapNew(): a new object carrying a malloc'd int, freed by its finalizer.
static int32_t wrap_counter = 0;

static void FreeWrapped(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

static napi_value WrapNew(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value object;
  int32_t *data = malloc(sizeof *data);
  if (data == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  *data = ++wrap_counter;
  CHECK(napi_create_object(env, &object));
  if (napi_wrap(env, object, data, FreeWrapped, NULL, NULL) != napi_ok) {
    free(data);
    napi_throw_error(env, NULL, "bench.c: napi_wrap failed");
    return NULL;
  }
  return object;
}

// unwrap(obj): the int stored by wrapNew.
static napi_value Unwrap(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value object, result;
  void *data;
  CHECK(napi_get_cb_info(env, info, &argc, &object, NULL, NULL));
  CHECK(napi_unwrap(env, object, &data));
  CHECK(napi_create_int32(env, *(int32_t *)data, &result));
  return result;
}

// refCreateDelete(obj): a strong reference created and deleted at once.
static napi_value RefCreateDelete(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value object;
  napi_ref ref;
  CHECK(napi_get_cb_info(env, info, &argc, &object, NULL, NULL));
  CHECK(napi_create_reference(env, object, 1, &ref));
  CHECK(napi_delete_reference(env, ref));
  return NULL;
}

// promiseResolve(): a promise, resolved with undefined before it is returned.
static napi_value PromiseResolve(napi_env env, napi_callback_info info) {
  (void)info;
  napi_deferred deferred;
  napi_value promise, value;
  CHECK(napi_create_promise(env, &deferred, &promise));
  CHECK(napi_get_undefined(env, &value));
  CHECK(napi_resolve_deferred(env, deferred, value));
  return promise;
}

NAPI_MODULE_INIT() {
  static const struct {
    const char *name;
    napi_callback cb;
  } exported[] = {
      {"noop", Noop},
      {"add", Add},
      {"newString", NewString},
      {"stringRoundTrip", StringRoundTrip},
      {"makeObject", MakeObject},
      {"makeArray", MakeArray},
      {"callCallbacks", CallCallbacks},
      {"typedArraySum", TypedArraySum},
      {"wrapNew", WrapNew},
      {"unwrap", Unwrap},
      {"refCreateDelete", RefCreateDelete},
      {"promiseResolve", PromiseResolve},
  };
  for (size_t i = 0; i < sizeof exported / sizeof exported[0]; i++) {
    napi_value fn;
    CHECK(napi_create_function(env, exported[i].name, NAPI_AUTO_LENGTH, exported[i].cb, NULL, &fn));
    CHECK(napi_set_named_property(env, exports, exported[i].name, fn));
  }
  return exports;
}
