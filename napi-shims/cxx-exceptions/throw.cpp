// Throwing and rethrowing (Itanium ABI 2.4.3 and 2.5.4).
//
// Natively __cxa_throw runs a search phase first and calls std::terminate
// without unwinding when no handler exists. Wasm has no search phase: the
// engine unwinds frame by frame, and an exception nobody catches leaves the
// module as a WebAssembly.Exception (see __napi_wasm_cxx_uncaught in
// terminate.cpp for how the host turns that into std::terminate).
#include "internal.h"

namespace napi_wasm_cxx {

void raise(__cxa_exception* header) {
  __cxa_eh_globals* g = __cxxabiv1::__cxa_get_globals();
  g->uncaughtExceptions += 1;
  pushInFlight(g, header);
  // A catch (...) pad calls __cxa_begin_catch without asking the
  // personality, so reset what it returns to the plain object address.
  header->adjustedPtr = thrownObject(header);
  _Unwind_RaiseException(&header->unwindHeader);
  // Only reachable if the unwinder gave up; treat as "no handler".
  __cxxabiv1::__cxa_begin_catch(&header->unwindHeader);
  std::terminate();
}

}  // namespace napi_wasm_cxx

namespace __cxxabiv1 {
using namespace napi_wasm_cxx;

extern "C" {

void __cxa_throw(void* thrown_object, std::type_info* tinfo, void* (*dest)(void*)) {
  __cxa_exception* header = headerFromObject(thrown_object);
  header->exceptionType = tinfo;
  header->exceptionDestructor = dest;
  header->referenceCount = 1;  // owned by this throw until its handler ends
  raise(header);
}

// `throw;` rethrows the innermost exception being handled. Its handler count
// goes negative so the __cxa_end_catch that runs while unwinding out of the
// current handler does not destroy it.
void __cxa_rethrow() {
  __cxa_eh_globals* g = __cxa_get_globals();
  if (innermostIsForeign(g)) {
    g->foreignHandlerCount = -g->foreignHandlerCount;
    g->uncaughtExceptions += 1;
    _Unwind_RaiseException(g->caughtForeign);
  } else if (__cxa_exception* header = g->caughtExceptions) {
    header->handlerCount = -header->handlerCount;
    raise(header);
  }
  std::terminate();  // `throw;` with no exception being handled
}

}  // extern "C"
}  // namespace __cxxabiv1
