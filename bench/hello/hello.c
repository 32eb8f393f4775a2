// The smallest useful addon: hello() returns "world". Measures the fixed
// size cost of a wasm build (used when fixtures/hello is absent).
#include <node_api.h>

static napi_value Hello(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  napi_create_string_utf8(env, "world", 5, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "hello", 5, Hello, NULL, &fn);
  napi_set_named_property(env, exports, "hello", fn);
  return exports;
}
