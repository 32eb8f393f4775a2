// std::terminate and the handler functions (terminate, unexpected, new).
//
// These replace libc++abi's cxa_handlers.o and cxa_default_handlers.o. Every
// global symbol of those two archive members is defined here, so the linker
// never loads them and their definitions cannot clash with ours.
//
// The default terminate handler prints what libstdc++'s verbose handler
// prints, then passes the same text to the host import napi_wasm.terminate.
// The host records it and returns; we then trap, which no Wasm handler can
// intercept, and the host turns the trap into a JS Error saying std::terminate
// was reached (docs/cxx-exceptions.md, "The host's part").
#define _LIBCPP_ENABLE_CXX17_REMOVED_UNEXPECTED_FUNCTIONS  // declare std::unexpected & co.
#include "internal.h"

#include <new>
#include <string.h>
#include <unistd.h>

// Declared noexcept so no catch pad of ours wraps the call: if the host
// throws a JS exception from it, that exception leaves the module instead of
// bouncing back into std::terminate.
extern "C" __attribute__((import_module("napi_wasm"), import_name("terminate"))) void
napi_wasm_terminate(const char* message) noexcept;

// Nothing here is on a hot path: optimise for size.
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)

namespace {

using namespace napi_wasm_cxx;

// Set once we start terminating. If the host's import throws a JS exception
// instead of returning, catch_all pads (noexcept functions, destructors) see
// it on its way out and may land in std::terminate again; stop there.
bool terminating = false;

[[noreturn]] void die(const char* message) noexcept {
  if (terminating) __builtin_trap();
  terminating = true;
  size_t length = strlen(message);
  // stderr through write(): stdio would add its buffering code to every addon.
  (void)!write(2, message, length);
  (void)!write(2, "\n", 1);
  // The host records the message and returns (or throws); a trap then
  // leaves the module without running any handler or destructor.
  napi_wasm_terminate(message);
  __builtin_trap();
}

// Appends to a fixed buffer: terminate may run because memory ran out.
struct Message {
  char text[640];
  size_t length = 0;
  void add(const char* s) {
    while (*s && length + 1 < sizeof text) text[length++] = *s++;
    text[length] = 0;
  }
};

void defaultTerminateHandler() noexcept {
  __cxa_eh_globals* g = __cxxabiv1::__cxa_get_globals_fast();
  // An exception still in flight is what brought us here (a noexcept
  // boundary, a destructor throwing during unwinding); otherwise report the
  // one being handled, as libstdc++ does.
  __cxa_exception* header = g->inFlight;
  if (!header && !innermostIsForeign(g)) header = g->caughtExceptions;

  Message m;
  if (header) {
    char name[256];
    demangleTypeName(thrownType(header)->name(), name, sizeof name);
    m.add("terminate called after throwing an instance of '");
    m.add(name);
    m.add("'");
    if (const std::exception* e = asStdException(thrownType(header), thrownObject(header))) {
      m.add("\n  what():  ");
      m.add(e->what());
    }
  } else if (g->caughtForeign) {
    m.add("terminate called after throwing a foreign (non-C++) exception");
  } else {
    m.add("terminate called without an active exception");
  }
  die(m.text);
}

}  // namespace

namespace napi_wasm_cxx {
[[noreturn]] void abortWithMessage(const char* message) noexcept {
  Message m;
  m.add("napi-wasm C++ exception runtime: ");
  m.add(message);
  die(m.text);
}
}  // namespace napi_wasm_cxx

// The handler variables carry libc++abi's names so nothing else refers to a
// second copy.
extern "C" {
std::terminate_handler __cxa_terminate_handler = defaultTerminateHandler;
std::unexpected_handler __cxa_unexpected_handler = std::terminate;
std::new_handler __cxa_new_handler = nullptr;
}

namespace std {

terminate_handler set_terminate(terminate_handler handler) noexcept {
  if (!handler) handler = defaultTerminateHandler;
  return __atomic_exchange_n(&__cxa_terminate_handler, handler, __ATOMIC_ACQ_REL);
}
terminate_handler get_terminate() noexcept {
  return __atomic_load_n(&__cxa_terminate_handler, __ATOMIC_ACQUIRE);
}

unexpected_handler set_unexpected(unexpected_handler handler) noexcept {
  if (!handler) handler = std::terminate;
  return __atomic_exchange_n(&__cxa_unexpected_handler, handler, __ATOMIC_ACQ_REL);
}
unexpected_handler get_unexpected() noexcept {
  return __atomic_load_n(&__cxa_unexpected_handler, __ATOMIC_ACQUIRE);
}

new_handler set_new_handler(new_handler handler) noexcept {
  return __atomic_exchange_n(&__cxa_new_handler, handler, __ATOMIC_ACQ_REL);
}
new_handler get_new_handler() noexcept {
  return __atomic_load_n(&__cxa_new_handler, __ATOMIC_ACQUIRE);
}

// libc++abi-internal entry points with these mangled names
// (_ZSt11__terminatePFvvE, _ZSt12__unexpectedPFvvE).
[[noreturn]] void __terminate(terminate_handler handler) noexcept;
[[noreturn]] void __unexpected(unexpected_handler handler);

// Handlers are called through a noexcept function type so that no catch_all
// pad of ours surrounds the call: a handler must not return or throw anyway,
// and a JS exception passing through (node:wasi implements exit() that way)
// must leave the module rather than re-enter std::terminate.
using NoThrowHandler = void (*)() noexcept;

void __terminate(terminate_handler handler) noexcept {
  reinterpret_cast<NoThrowHandler>(handler)();
  abortWithMessage("terminate_handler unexpectedly returned");
}

void __unexpected(unexpected_handler handler) {
  reinterpret_cast<NoThrowHandler>(handler)();
  // An unexpected handler must not return either.
  __terminate(get_terminate());
}

void terminate() noexcept {
  // A terminate handler that ends up here again would loop forever.
  static thread_local int depth = 0;
  if (depth++ > 0) abortWithMessage("std::terminate called recursively");
  __terminate(get_terminate());
}

void unexpected() { __unexpected(get_unexpected()); }

}  // namespace std

namespace __cxxabiv1 {
extern "C" {

// GNU extension, declared in cxxabi.h: terminate with `exception` as the
// current exception.
void __cxa_call_terminate(void* exception) noexcept {
  __cxa_begin_catch(exception);
  std::terminate();
}

// Called for a violated dynamic exception specification. clang ignores
// those for Wasm (-Wwasm-exception-spec), so this exists for completeness.
[[noreturn]] void __cxa_call_unexpected(void* exception) {
  __cxa_begin_catch(exception);
  std::unexpected();
}

// For the JS host: a C++ exception left the module (it is a
// WebAssembly.Exception carrying the __cpp_exception tag). Natively no
// handler means std::terminate with that exception as the current one;
// pass its payload here to get the same behaviour and message.
__attribute__((export_name("__napi_wasm_cxx_uncaught"))) void napi_wasm_cxx_uncaught(
    void* exception) {
  __cxa_begin_catch(exception);
  std::terminate();
}

}  // extern "C"
}  // namespace __cxxabiv1

#pragma clang attribute pop
