// Auxiliary runtime entry points (Itanium ABI 2.6) that compiled code calls
// to throw standard exceptions: a failed dynamic_cast to a reference, typeid
// of a null pointer, and a new[] whose size overflows.
//
// libc++abi's cxa_aux_runtime.o, built without exceptions, aborts instead;
// defining all three here keeps that member out of the link.
#include "internal.h"

#include <new>
#include <typeinfo>

namespace __cxxabiv1 {
extern "C" {

void __cxa_bad_cast() { throw std::bad_cast(); }
void __cxa_bad_typeid() { throw std::bad_typeid(); }
void __cxa_throw_bad_array_new_length() { throw std::bad_array_new_length(); }

}  // extern "C"
}  // namespace __cxxabiv1
