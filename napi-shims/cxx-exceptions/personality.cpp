// The C++ personality routine for Wasm exception handling.
//
// _Unwind_CallPersonality runs it from a catch pad once the engine has
// unwound to that frame. It looks up the pad's action chain in the LSDA and
// reports, through the selector, which catch clause (if any) takes the
// exception. There is no separate cleanup phase: pads that only run
// destructors never call it, and a zero selector makes the pad rethrow.
#include "internal.h"
#include "lsda.h"

using namespace napi_wasm_cxx;

extern "C" _Unwind_Reason_Code __gxx_personality_wasm0(int version, _Unwind_Action actions,
                                                       uint64_t exception_class,
                                                       _Unwind_Exception* ue,
                                                       _Unwind_Context* context) {
  if (version != 1 || !ue || !context || !(actions & _UA_SEARCH_PHASE))
    return _URC_FATAL_PHASE1_ERROR;

  const auto* data = static_cast<const uint8_t*>(_Unwind_GetLanguageSpecificData(context));
  Lsda lsda;
  if (!parseLsda(data, lsda)) return _URC_CONTINUE_UNWIND;
  // See unwind_wasm.cpp: the IP is the landing-pad index plus two.
  const uint8_t* action = findActions(lsda, _Unwind_GetIP(context) - 2);

  bool ours = (exception_class & ~uint64_t(0xFF)) == (kPrimaryClass & ~uint64_t(0xFF));
  __cxa_exception* header = ours ? headerFromUnwind(ue) : nullptr;

  while (action) {
    int64_t filter;
    const uint8_t* record = action;
    action = readAction(action, filter);
    // filter 0 is a cleanup; negative filters are dynamic exception
    // specifications, which clang ignores for Wasm (-Wwasm-exception-spec).
    if (filter <= 0) continue;

    const std::type_info* handlerType = catchType(lsda, filter);
    void* adjusted = ours ? thrownObject(header) : ue + 1;
    bool matches = handlerType == nullptr  // catch (...) takes anything
                   || (ours && canCatch(handlerType, thrownType(header), adjusted));
    if (!matches) continue;

    if (header) {
      header->handlerSwitchValue = int(filter);
      header->actionRecord = record;
      header->languageSpecificData = data;
      header->adjustedPtr = adjusted;
    }
    _Unwind_SetGR(context, 1, _Unwind_Word(filter));
    return _URC_HANDLER_FOUND;
  }
  return _URC_CONTINUE_UNWIND;
}
