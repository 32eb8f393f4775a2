// The primitives under std::exception_ptr.
//
// libc++.a's exception.cpp implements std::current_exception,
// std::rethrow_exception and exception_ptr's copy/destroy on top of these;
// std::make_exception_ptr (a header template) uses __cxa_allocate_exception +
// __cxa_init_primary_exception from exception_storage.cpp. An exception_ptr
// holds the address of the thrown object and one reference to it.
#include "internal.h"

namespace __cxxabiv1 {
using namespace napi_wasm_cxx;

extern "C" {

// The exception being handled, with a reference added for the caller.
void* __cxa_current_primary_exception() noexcept {
  __cxa_eh_globals* g = __cxa_get_globals();
  if (innermostIsForeign(g) || !g->caughtExceptions) return nullptr;
  void* object = thrownObject(g->caughtExceptions);
  __cxa_increment_exception_refcount(object);
  return object;
}

// Throw an object again through a new dependent header, so the same object
// can be in flight here while other exception_ptrs or handlers still hold it.
// Returns only for a null argument (libc++ then calls std::terminate).
void __cxa_rethrow_primary_exception(void* thrown_object) {
  if (!thrown_object) return;
  // clang binds `catch (T*& p)` (T not a class) to the bytes right after the
  // unwind header, assuming the object lives there. For a dependent
  // exception it does not, so keep a copy of the pointer there. (Native
  // Itanium runtimes leave garbage in this case.)
  bool pointer = isPointerLike(thrownType(headerFromObject(thrown_object)));
  __cxa_exception* dependent = allocateDependent(pointer ? sizeof(void*) : 0);
  if (pointer) *static_cast<void**>(objectFromHeader(dependent)) = *static_cast<void**>(thrown_object);
  dependent->primaryObject = thrown_object;
  __cxa_increment_exception_refcount(thrown_object);
  raise(dependent);
}

}  // extern "C"
}  // namespace __cxxabiv1
