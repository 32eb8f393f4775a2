// libc++abi-internal helpers for the exception_class field.
//
// They live in libc++abi's cxa_noexception.o together with the exception_ptr
// stubs that this runtime replaces. Defining every symbol of that archive
// member here means the linker never has a reason to load it, so its
// no-exceptions stubs cannot clash with our real implementations.
#include "internal.h"

namespace __cxxabiv1 {

uint64_t __getExceptionClass(const _Unwind_Exception* ue) {
  return ue->exception_class;
}

void __setExceptionClass(_Unwind_Exception* ue, uint64_t exception_class) {
  ue->exception_class = exception_class;
}

bool __isOurExceptionClass(const _Unwind_Exception* ue) {
  return napi_wasm_cxx::isOurs(ue);
}

}  // namespace __cxxabiv1
