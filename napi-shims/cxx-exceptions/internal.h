// Shared declarations of napi-wasm's C++ exception runtime for wasm32 with
// Wasm exception handling (-fwasm-exceptions, legacy try/catch/rethrow).
//
// Written from the Itanium C++ ABI ("Exception Handling" chapter and the
// type_info layout in 2.9.5) and the WebAssembly exception-handling design as
// clang lowers it (WasmEHPrepare). The toolchains we target ship libc++abi
// built without exceptions, so this runtime supplies everything clang's
// generated code and libc++'s exception_ptr call.
//
// Only this runtime looks inside an exception header: its layout is private.
#ifndef NAPI_WASM_CXX_EXCEPTIONS_INTERNAL_H
#define NAPI_WASM_CXX_EXCEPTIONS_INTERNAL_H

#include <cxxabi.h>
#include <exception>
#include <stddef.h>
#include <stdint.h>
#include <typeinfo>
#include <unwind.h>

namespace __cxxabiv1 {

// Header placed in front of every thrown object (a "primary" exception), and
// also used on its own, without an object, for a "dependent" exception: the
// in-flight copy that std::rethrow_exception creates so one object can be
// thrown again while exception_ptrs and other handlers still own it.
//
// The unwind header must be last: the thrown object starts right after it,
// and the Wasm `throw` payload is the address of the unwind header.
struct __cxa_exception {
  // Fields named as in the Itanium ABI (2.2.1); the per-exception
  // unexpected/terminate handlers are left out because C++11 terminate always
  // uses the current handler.
  std::type_info* exceptionType;
  void* (*exceptionDestructor)(void*);  // Wasm destructors return `this`
  __cxa_exception* nextException;  // stack of caught exceptions
  // > 0: number of active handlers. < 0: rethrown while -n handlers were
  // active, so the last __cxa_end_catch must not destroy it.
  int handlerCount;
  int handlerSwitchValue;  // selector the personality chose
  const unsigned char* actionRecord;
  const unsigned char* languageSpecificData;
  // What __cxa_begin_catch returns: the object (or base subobject) address,
  // or for pointer handlers the converted pointer value itself.
  void* adjustedPtr;

  // Our additions.
  size_t referenceCount;         // primary only: throw + exception_ptr owners
  void* primaryObject;           // dependent only: the object it rethrows
  __cxa_exception* nextInFlight; // thrown but not yet caught (for terminate)

  _Unwind_Exception unwindHeader;
};

// Itanium's per-thread exception state; the first two fields are the ABI.
struct __cxa_eh_globals {
  __cxa_exception* caughtExceptions;
  unsigned int uncaughtExceptions;
  // Our additions.
  __cxa_exception* inFlight;          // list linked by nextInFlight
  _Unwind_Exception* caughtForeign;   // a non-C++ exception inside catch (...)
  int foreignHandlerCount;            // same sign convention as handlerCount
  __cxa_exception* foreignCaughtAbove; // caughtExceptions when it was caught
};

extern "C" __cxa_eh_globals* __cxa_get_globals() noexcept;
extern "C" __cxa_eh_globals* __cxa_get_globals_fast() noexcept;

}  // namespace __cxxabiv1

namespace napi_wasm_cxx {

using __cxxabiv1::__cxa_eh_globals;
using __cxxabiv1::__cxa_exception;

// exception_class values: "CLNG" "C++" + 0 (primary) or 1 (dependent), the
// same values every Itanium C++ runtime from LLVM uses, so other runtimes
// sharing the __cpp_exception tag recognise our exceptions as C++ ones.
constexpr uint64_t kPrimaryClass = 0x434C4E47432B2B00ULL;
constexpr uint64_t kDependentClass = 0x434C4E47432B2B01ULL;

inline bool isOurs(const _Unwind_Exception* ue) {
  return (ue->exception_class & ~uint64_t(0xFF)) == (kPrimaryClass & ~uint64_t(0xFF));
}
inline bool isDependent(const _Unwind_Exception* ue) {
  return ue->exception_class == kDependentClass;
}

// Layout conversions (exception_storage.cpp relies on these).
inline __cxa_exception* headerFromUnwind(_Unwind_Exception* ue) {
  return reinterpret_cast<__cxa_exception*>(
      reinterpret_cast<char*>(ue) - offsetof(__cxa_exception, unwindHeader));
}
inline __cxa_exception* headerFromObject(void* object) {
  return static_cast<__cxa_exception*>(object) - 1;
}
inline void* objectFromHeader(__cxa_exception* header) {
  return header + 1;
}
// The thrown object a (primary or dependent) header stands for.
inline void* thrownObject(__cxa_exception* header) {
  return isDependent(&header->unwindHeader) ? header->primaryObject
                                            : objectFromHeader(header);
}
inline __cxa_exception* primaryHeader(__cxa_exception* header) {
  return headerFromObject(thrownObject(header));
}
inline std::type_info* thrownType(__cxa_exception* header) {
  return primaryHeader(header)->exceptionType;
}

// Is the innermost active handler the one for a foreign exception?
inline bool innermostIsForeign(const __cxa_eh_globals* g) {
  return g->caughtForeign && g->caughtExceptions == g->foreignCaughtAbove;
}

// exception_storage.cpp
// `extra` bytes follow the dependent header (see exception_ptr.cpp).
__cxa_exception* allocateDependent(size_t extra);
void releaseHandled(__cxa_exception* header);  // drop the throw's ownership

// eh_globals.cpp
void pushInFlight(__cxa_eh_globals* g, __cxa_exception* header);
void removeInFlight(__cxa_eh_globals* g, __cxa_exception* header);

// throw.cpp: hand a filled-in header to the Wasm unwinder.
[[noreturn]] void raise(__cxa_exception* header);

// type_match.cpp: can a handler of type `handler` catch an exception object
// of type `thrown`? `adjusted` comes in as the object address and goes out as
// the value __cxa_begin_catch must return for that handler.
bool canCatch(const std::type_info* handler, const std::type_info* thrown,
              void*& adjusted);
bool sameType(const std::type_info* a, const std::type_info* b);
// Pointer or std::nullptr_t: types whose handlers get the value itself.
bool isPointerLike(const std::type_info* type);
// std::exception subobject of a thrown object, or null.
const std::exception* asStdException(const std::type_info* thrown, void* object);

// type_name.cpp: readable name of a mangled type_info name, for messages.
void demangleTypeName(const char* mangled, char* out, size_t outSize);

// terminate.cpp
[[noreturn]] void abortWithMessage(const char* message) noexcept;

}  // namespace napi_wasm_cxx

#endif
