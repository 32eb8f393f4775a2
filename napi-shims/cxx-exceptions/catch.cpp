// Entering and leaving handlers (Itanium ABI 2.5.3).
//
// clang calls __cxa_begin_catch with the Wasm `catch` payload, i.e. the
// address of the unwind header, and __cxa_end_catch when the handler exits,
// normally or by unwinding.
#include "internal.h"

namespace __cxxabiv1 {
using namespace napi_wasm_cxx;

extern "C" {

void* __cxa_get_exception_ptr(void* exception) noexcept {
  auto* ue = static_cast<_Unwind_Exception*>(exception);
  if (!isOurs(ue)) return ue + 1;
  return headerFromUnwind(ue)->adjustedPtr;
}

void* __cxa_begin_catch(void* exception) noexcept {
  auto* ue = static_cast<_Unwind_Exception*>(exception);
  __cxa_eh_globals* g = __cxa_get_globals();
  if (g->uncaughtExceptions) g->uncaughtExceptions -= 1;

  if (!isOurs(ue)) {
    // Another language's exception in catch (...). It has no header to chain
    // into the C++ stack, so allow one at a time and remember where it sits.
    if (g->caughtForeign && g->caughtForeign != ue) std::terminate();
    if (g->caughtForeign != ue) g->foreignCaughtAbove = g->caughtExceptions;
    g->caughtForeign = ue;
    int n = g->foreignHandlerCount;
    g->foreignHandlerCount = n < 0 ? -n + 1 : n + 1;
    return ue + 1;
  }

  __cxa_exception* header = headerFromUnwind(ue);
  removeInFlight(g, header);
  int n = header->handlerCount;
  header->handlerCount = n < 0 ? -n + 1 : n + 1;  // a rethrow caught again
  if (header != g->caughtExceptions) {
    header->nextException = g->caughtExceptions;
    g->caughtExceptions = header;
  }
  return header->adjustedPtr;
}

void __cxa_end_catch() {
  __cxa_eh_globals* g = __cxa_get_globals();
  __cxa_exception* header = g->caughtExceptions;
  if (innermostIsForeign(g)) {
    // Leaving a catch (...) of a foreign exception.
    _Unwind_Exception* foreign = g->caughtForeign;
    int n = g->foreignHandlerCount;
    if (n < 0) {  // rethrown: still in flight, not ours to delete
      if (++g->foreignHandlerCount == 0) g->caughtForeign = nullptr;
    } else if (--g->foreignHandlerCount == 0) {
      g->caughtForeign = nullptr;
      _Unwind_DeleteException(foreign);
    }
    return;
  }
  if (!header) return;
  if (header->handlerCount < 0) {
    // Rethrown from this handler: leave the stack, stay alive.
    if (++header->handlerCount == 0) g->caughtExceptions = header->nextException;
  } else if (--header->handlerCount == 0) {
    g->caughtExceptions = header->nextException;
    releaseHandled(header);
  }
}

std::type_info* __cxa_current_exception_type() {
  __cxa_eh_globals* g = __cxa_get_globals();
  if (innermostIsForeign(g) || !g->caughtExceptions) return nullptr;
  return thrownType(g->caughtExceptions);
}

}  // extern "C"
}  // namespace __cxxabiv1
