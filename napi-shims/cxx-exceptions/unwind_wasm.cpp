// The unwinder half of Wasm exception handling.
//
// The engine itself unwinds the stack, so there is nothing to walk. What is
// left for "libunwind" is: raising (a Wasm `throw` on the C++ tag), the
// landing-pad context that clang's WasmEHPrepare pass writes before each
// catch, and the entry point it calls there to run the personality.
//
// In every catch pad with typed handlers clang emits:
//   exn = catch __cpp_exception
//   __wasm_lpad_context.lpad_index = <index of this pad in the function>
//   __wasm_lpad_context.lsda = <this function's LSDA>
//   _Unwind_CallPersonality(exn)
//   selector = __wasm_lpad_context.selector  // compared with each typeid
// and `rethrow`s when no clause has that selector.
#include "internal.h"

// Same layout as WasmEHPrepare's { i32, ptr, i32 }.
struct _Unwind_LandingPadContext {
  uintptr_t lpad_index;
  uintptr_t lsda;
  uintptr_t selector;
};

extern "C" {

// clang declares it thread-local; without atomics the backend strips that.
thread_local _Unwind_LandingPadContext __wasm_lpad_context;

_Unwind_Reason_Code __gxx_personality_wasm0(int version, _Unwind_Action actions,
                                            uint64_t exception_class,
                                            _Unwind_Exception* ue,
                                            _Unwind_Context* context);

_Unwind_Reason_Code _Unwind_CallPersonality(void* exception) {
  auto* ue = static_cast<_Unwind_Exception*>(exception);
  __wasm_lpad_context.selector = 0;  // "no clause here" unless one matches
  // Wasm frames do not record their personality; every C++ frame uses ours.
  // There is a single phase, so "search" means "pick the handler now".
  return __gxx_personality_wasm0(1, _UA_SEARCH_PHASE, ue->exception_class, ue,
                                 reinterpret_cast<_Unwind_Context*>(&__wasm_lpad_context));
}

// LLVM after 22 (llvm-project PR 209282) drops the _Unwind_CallPersonality
// veneer: catch pads call the function's personality, for C++
// __gxx_wasm_personality_v0, with this one-argument signature. Same job.
// Unreferenced (and dropped by the linker) with clang 19 and LLVM 22.
_Unwind_Reason_Code __gxx_wasm_personality_v0(void* exception) {
  return _Unwind_CallPersonality(exception);
}

_Unwind_Reason_Code _Unwind_RaiseException(_Unwind_Exception* ue) {
  // Tag 0 is __cpp_exception, whose only parameter is this pointer.
  __builtin_wasm_throw(0, ue);
}

void _Unwind_DeleteException(_Unwind_Exception* ue) {
  if (ue->exception_cleanup) ue->exception_cleanup(_URC_FOREIGN_EXCEPTION_CAUGHT, ue);
}

// Accessors for a personality routine. There is no instruction pointer; as
// with setjmp/longjmp-based unwinding the "IP" encodes the call-site number:
// 1-based landing-pad index, plus one because personalities subtract one to
// step back into the call.
static _Unwind_LandingPadContext* lpad(_Unwind_Context* context) {
  return reinterpret_cast<_Unwind_LandingPadContext*>(context);
}

_Unwind_Word _Unwind_GetIP(_Unwind_Context* context) {
  return lpad(context)->lpad_index + 2;
}

_Unwind_Word _Unwind_GetIPInfo(_Unwind_Context* context, int* ip_before_insn) {
  if (ip_before_insn) *ip_before_insn = 0;
  return _Unwind_GetIP(context);
}

void _Unwind_SetIP(_Unwind_Context*, _Unwind_Word) {
  // Control reaches the catch pad anyway; only the selector matters.
}

// Register 1 is the selector, as in __builtin_eh_return_data_regno(1);
// register 0 (the exception pointer) already is the catch payload.
_Unwind_Word _Unwind_GetGR(_Unwind_Context* context, int index) {
  return index == 1 ? lpad(context)->selector : 0;
}

void _Unwind_SetGR(_Unwind_Context* context, int index, _Unwind_Word value) {
  if (index == 1) lpad(context)->selector = value;
}

void* _Unwind_GetLanguageSpecificData(_Unwind_Context* context) {
  return reinterpret_cast<void*>(lpad(context)->lsda);
}

_Unwind_Ptr _Unwind_GetRegionStart(_Unwind_Context*) {
  return 0;  // no code addresses in Wasm; LSDA offsets are not code-relative
}

}  // extern "C"
