// Per-thread exception state (Itanium ABI 2.2.2): the stack of caught
// exceptions, the count of thrown-but-not-yet-caught ones that
// std::uncaught_exceptions reports, and our list of in-flight exceptions.
//
// Wasm has no search phase, so when std::terminate runs from a noexcept
// boundary (clang emits a catch_all pad that calls std::terminate without
// __cxa_begin_catch) the only record of the exception that caused it is the
// in-flight list kept here.
#include "internal.h"

namespace napi_wasm_cxx {

// thread_local so a -pthread build gets one per thread; without atomics the
// backend turns it into a plain global.
static thread_local __cxa_eh_globals globals;

void pushInFlight(__cxa_eh_globals* g, __cxa_exception* header) {
  header->nextInFlight = g->inFlight;
  g->inFlight = header;
}

void removeInFlight(__cxa_eh_globals* g, __cxa_exception* header) {
  for (__cxa_exception** link = &g->inFlight; *link; link = &(*link)->nextInFlight) {
    if (*link == header) {
      *link = header->nextInFlight;
      header->nextInFlight = nullptr;
      return;
    }
  }
}

}  // namespace napi_wasm_cxx

namespace __cxxabiv1 {
extern "C" {

__cxa_eh_globals* __cxa_get_globals() noexcept { return &napi_wasm_cxx::globals; }
__cxa_eh_globals* __cxa_get_globals_fast() noexcept { return &napi_wasm_cxx::globals; }

unsigned int __cxa_uncaught_exceptions() noexcept {
  return napi_wasm_cxx::globals.uncaughtExceptions;
}
bool __cxa_uncaught_exception() noexcept {
  return napi_wasm_cxx::globals.uncaughtExceptions != 0;
}

}  // extern "C"
}  // namespace __cxxabiv1
