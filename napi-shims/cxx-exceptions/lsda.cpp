// LSDA decoding: LEB128 numbers and DWARF pointer encodings (see lsda.h).
#include "lsda.h"

#include "internal.h"

#include <string.h>

namespace napi_wasm_cxx {
namespace {

// DWARF exception-header encodings (LSB Core spec, "DWARF Exception Header
// Encoding"): the low nibble is the format, the next three bits say what the
// value is relative to, 0x80 means "address of the real value".
enum : uint8_t {
  kAbsPtr = 0x00, kULEB128 = 0x01, kUData2 = 0x02, kUData4 = 0x03, kUData8 = 0x04,
  kSLEB128 = 0x09, kSData2 = 0x0A, kSData4 = 0x0B, kSData8 = 0x0C,
  kPcRel = 0x10, kIndirect = 0x80, kOmit = 0xFF,
};

// One LEB128 loop for both forms; `shift` and `last` let the signed form extend.
static uint64_t readLEB(const uint8_t*& p, unsigned& shift, uint8_t& last) {
  uint64_t value = 0;
  shift = 0;
  do {
    last = *p++;
    if (shift < 64) value |= uint64_t(last & 0x7F) << shift;
    shift += 7;
  } while (last & 0x80);
  return value;
}

uint64_t readULEB(const uint8_t*& p) {
  unsigned shift;
  uint8_t last;
  return readLEB(p, shift, last);
}

int64_t readSLEB(const uint8_t*& p) {
  unsigned shift;
  uint8_t last;
  uint64_t value = readLEB(p, shift, last);
  if ((last & 0x40) && shift < 64) value |= ~uint64_t(0) << shift;  // sign-extend
  return int64_t(value);
}

template <typename T>
T readRaw(const uint8_t*& p) {
  T value;
  memcpy(&value, p, sizeof value);  // LSDA fields are not necessarily aligned
  p += sizeof value;
  return value;
}

// Size of one fixed-size value, for indexing the type table.
size_t encodedSize(uint8_t encoding) {
  switch (encoding & 0x0F) {
    case kAbsPtr: return sizeof(uintptr_t);
    case kUData2: case kSData2: return 2;
    case kUData4: case kSData4: return 4;
    case kUData8: case kSData8: return 8;
    default: return 0;  // variable-size encodings cannot index a table
  }
}

uintptr_t readEncoded(const uint8_t*& p, uint8_t encoding) {
  const uint8_t* start = p;
  uintptr_t value;
  switch (encoding & 0x0F) {
    case kAbsPtr: value = readRaw<uintptr_t>(p); break;
    case kULEB128: value = uintptr_t(readULEB(p)); break;
    case kSLEB128: value = uintptr_t(readSLEB(p)); break;
    case kUData2: value = readRaw<uint16_t>(p); break;
    case kSData2: value = uintptr_t(readRaw<int16_t>(p)); break;
    case kUData4: value = readRaw<uint32_t>(p); break;
    case kSData4: value = uintptr_t(readRaw<int32_t>(p)); break;
    case kUData8: value = uintptr_t(readRaw<uint64_t>(p)); break;
    case kSData8: value = uintptr_t(readRaw<int64_t>(p)); break;
    default: abortWithMessage("unsupported LSDA value encoding");
  }
  if (value == 0) return 0;  // null stays null whatever it is relative to
  switch (encoding & 0x70) {
    case 0: break;
    case kPcRel: value += reinterpret_cast<uintptr_t>(start); break;
    // Text/data/function-relative bases do not exist in Wasm objects.
    default: abortWithMessage("unsupported LSDA pointer base");
  }
  if (encoding & kIndirect) value = *reinterpret_cast<const uintptr_t*>(value);
  return value;
}

}  // namespace

bool parseLsda(const uint8_t* p, Lsda& out) {
  if (!p) return false;
  uint8_t lpStartEncoding = *p++;
  if (lpStartEncoding != kOmit) readEncoded(p, lpStartEncoding);  // unused in Wasm
  out.typeEncoding = *p++;
  out.typeTableEnd = nullptr;
  if (out.typeEncoding != kOmit) {
    uint64_t offset = readULEB(p);
    out.typeTableEnd = p + offset;
    if (encodedSize(out.typeEncoding) == 0) return false;
  }
  p++;  // call-site encoding: Wasm entries are always uleb128 pairs
  uint64_t length = readULEB(p);
  out.callSites = p;
  out.callSitesEnd = p + length;
  return true;
}

const uint8_t* findActions(const Lsda& lsda, uintptr_t index) {
  for (const uint8_t* p = lsda.callSites; p < lsda.callSitesEnd;) {
    uint64_t padIndex = readULEB(p);
    uint64_t action = readULEB(p);
    if (padIndex == index) return action ? lsda.callSitesEnd + (action - 1) : nullptr;
  }
  return nullptr;
}

const uint8_t* readAction(const uint8_t* record, int64_t& filter) {
  filter = readSLEB(record);
  const uint8_t* nextField = record;
  int64_t next = readSLEB(record);
  return next ? nextField + next : nullptr;
}

const std::type_info* catchType(const Lsda& lsda, int64_t filter) {
  if (!lsda.typeTableEnd) return nullptr;
  const uint8_t* entry = lsda.typeTableEnd - uint64_t(filter) * encodedSize(lsda.typeEncoding);
  return reinterpret_cast<const std::type_info*>(readEncoded(entry, lsda.typeEncoding));
}

}  // namespace napi_wasm_cxx
