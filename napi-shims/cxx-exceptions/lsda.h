// Reading the LSDA (the per-function exception table, .gcc_except_table)
// that clang emits for Wasm exception handling.
//
// Layout, as EHStreamer writes it for Wasm (same shape as setjmp/longjmp EH):
//   u8        @LPStart encoding (always omit)
//   u8        @TType encoding; if not omit: uleb128 offset to the type table end
//   u8        call-site encoding (uleb128)
//   uleb128   call-site table length
//   call-site table: per landing pad, uleb128 index, uleb128 first action
//                    (1-based offset into the action table, 0 = cleanup only)
//   action table: records of sleb128 type filter, sleb128 self-relative
//                 offset of the next record (0 = end of chain)
//   type table: grows backwards from its end; filter N > 0 is the N-th entry
//               before the end; a null entry is catch (...)
#ifndef NAPI_WASM_CXX_EXCEPTIONS_LSDA_H
#define NAPI_WASM_CXX_EXCEPTIONS_LSDA_H

#include <stdint.h>
#include <typeinfo>

namespace napi_wasm_cxx {

struct Lsda {
  const uint8_t* callSites;
  const uint8_t* callSitesEnd;  // also the start of the action table
  const uint8_t* typeTableEnd;  // null when the function has no catch types
  uint8_t typeEncoding;
};

// Returns false for a table this reader does not understand.
bool parseLsda(const uint8_t* data, Lsda& out);

// First action record of landing pad `index`; null when the pad has no entry
// or only runs cleanups.
const uint8_t* findActions(const Lsda& lsda, uintptr_t index);

// Decodes one action record; returns the next record or null at the end.
const uint8_t* readAction(const uint8_t* record, int64_t& filter);

// The catch type for a positive filter (null means catch (...)).
const std::type_info* catchType(const Lsda& lsda, int64_t filter);

}  // namespace napi_wasm_cxx

#endif
