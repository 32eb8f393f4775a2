// Exception object memory and lifetime: allocation, reference counting and
// destruction (Itanium ABI 2.4.1-2.4.2, plus the exception_ptr primitives
// libc++'s std::exception_ptr calls).
//
// A primary exception is owned by its current throw/catch and by every
// std::exception_ptr that points at it; the last owner destroys it. A
// dependent exception (from std::rethrow_exception) owns one reference to its
// primary and is freed when its own handler finishes.
#include "internal.h"

#include <stdlib.h>
#include <string.h>

namespace napi_wasm_cxx {

// The object after the header must be aligned for any type, so the header
// size is a multiple of max_align_t's alignment (16 on wasm32), and blocks
// come from malloc, which wasi-libc aligns to 16 as operator new needs too.
// (aligned_alloc would pull in another 2 KB of dlmalloc.)
constexpr size_t kAlign = alignof(max_align_t);
static_assert(kAlign == __STDCPP_DEFAULT_NEW_ALIGNMENT__, "same alignment operator new gets from malloc");
static_assert(sizeof(__cxa_exception) % kAlign == 0, "header keeps object aligned");
static_assert(offsetof(__cxa_exception, unwindHeader) + sizeof(_Unwind_Exception) ==
                  sizeof(__cxa_exception),
              "thrown object must follow the unwind header");

static void* allocateBlock(size_t size) {
  void* block = malloc(size);
  // The ABI allows terminate here; there is no emergency pool.
  if (!block) abortWithMessage("out of memory allocating a C++ exception");
  memset(block, 0, sizeof(__cxa_exception));
  return block;
}

static void destroyPrimary(__cxa_exception* header) {
  void* object = objectFromHeader(header);
  if (header->exceptionDestructor) header->exceptionDestructor(object);
  free(header);
}

// Called by _Unwind_DeleteException when a foreign runtime disposes of one
// of our exceptions.
static void cleanupFromForeign(_Unwind_Reason_Code, _Unwind_Exception* ue) {
  releaseHandled(headerFromUnwind(ue));
}

__cxa_exception* allocateDependent(size_t extra) {
  auto* header = static_cast<__cxa_exception*>(allocateBlock(sizeof(__cxa_exception) + extra));
  header->unwindHeader.exception_class = kDependentClass;
  header->unwindHeader.exception_cleanup = cleanupFromForeign;
  return header;
}

void releaseHandled(__cxa_exception* header) {
  if (isDependent(&header->unwindHeader)) {
    void* primary = header->primaryObject;
    free(header);
    __cxxabiv1::__cxa_decrement_exception_refcount(primary);
  } else {
    __cxxabiv1::__cxa_decrement_exception_refcount(objectFromHeader(header));
  }
}

}  // namespace napi_wasm_cxx

namespace __cxxabiv1 {
using namespace napi_wasm_cxx;

extern "C" {

void* __cxa_allocate_exception(size_t thrown_size) noexcept {
  auto* header = static_cast<__cxa_exception*>(
      allocateBlock(sizeof(__cxa_exception) + thrown_size));
  header->unwindHeader.exception_class = kPrimaryClass;
  header->unwindHeader.exception_cleanup = cleanupFromForeign;
  return objectFromHeader(header);
}

// Used when constructing the thrown object itself threw: nothing to destroy.
void __cxa_free_exception(void* thrown_object) noexcept {
  free(headerFromObject(thrown_object));
}

// LLVM extension used by std::make_exception_ptr: fill in the header of an
// object that will be owned by an exception_ptr before (or instead of) being
// thrown. The caller takes the first reference.
__cxa_exception* __cxa_init_primary_exception(void* object, std::type_info* tinfo,
                                              void* (*dest)(void*)) noexcept {
  __cxa_exception* header = headerFromObject(object);
  header->referenceCount = 0;
  header->exceptionType = tinfo;
  header->exceptionDestructor = dest;
  header->adjustedPtr = object;
  return header;
}

void __cxa_increment_exception_refcount(void* thrown_object) noexcept {
  if (!thrown_object) return;
  __atomic_add_fetch(&headerFromObject(thrown_object)->referenceCount, 1, __ATOMIC_RELAXED);
}

void __cxa_decrement_exception_refcount(void* thrown_object) noexcept {
  if (!thrown_object) return;
  __cxa_exception* header = headerFromObject(thrown_object);
  if (__atomic_sub_fetch(&header->referenceCount, 1, __ATOMIC_ACQ_REL) == 0)
    destroyPrimary(header);
}

}  // extern "C"
}  // namespace __cxxabiv1
