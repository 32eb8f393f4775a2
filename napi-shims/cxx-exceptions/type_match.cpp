// Deciding whether a catch clause takes an exception ([except.handle]/3),
// from the Itanium type_info layout (ABI 2.9.5).
//
// libc++abi's private_typeinfo.o does carry can_catch() hooks, but only as
// private virtual members whose declarations are not installed and whose
// layout changes between LLVM releases, so we read the public layout instead.
// The kind of a type_info is told apart by its vtable, which the compiler
// points at one of the __cxxabiv1 classes; those vtables come from the
// toolchain's libc++abi.a and are linked whenever class typeinfo is.
//
// node-gyp builds with -fno-rtti; clang still emits full typeinfo for every
// thrown and caught type, bases included, so none of this needs RTTI.
#include "internal.h"

#include <string.h>

// Vtables of the type_info classes; a type_info's vptr is the address point,
// two pointers (offset-to-top, typeinfo) past the symbol.
extern "C" const void* const vtClass[] __asm__("_ZTVN10__cxxabiv117__class_type_infoE");
extern "C" const void* const vtSiClass[] __asm__("_ZTVN10__cxxabiv120__si_class_type_infoE");
extern "C" const void* const vtVmiClass[] __asm__("_ZTVN10__cxxabiv121__vmi_class_type_infoE");
extern "C" const void* const vtPointer[] __asm__("_ZTVN10__cxxabiv119__pointer_type_infoE");
extern "C" const void* const vtMemberPointer[] __asm__(
    "_ZTVN10__cxxabiv129__pointer_to_member_type_infoE");
extern "C" const void* const vtFunction[] __asm__("_ZTVN10__cxxabiv120__function_type_infoE");
extern "C" const void* const tiStdException[] __asm__("_ZTISt9exception");

namespace {

struct TypeInfo {
  const void* vptr;
  const char* name;
};
struct SiClassInfo : TypeInfo {
  const TypeInfo* base;  // public, non-virtual, at offset 0
};
struct BaseClassInfo {
  const TypeInfo* type;
  long offsetFlags;  // offset << 8 | flags
};
struct VmiClassInfo : TypeInfo {
  unsigned flags;
  unsigned baseCount;
  BaseClassInfo bases[1];
};
struct PointerInfo : TypeInfo {  // __pbase_type_info
  unsigned flags;
  const TypeInfo* pointee;
};
struct MemberPointerInfo : PointerInfo {
  const TypeInfo* context;  // the class the member belongs to
};

enum : long { kVirtualBase = 0x1, kPublicBase = 0x2 };
enum : unsigned {
  kConst = 0x1, kVolatile = 0x2, kRestrict = 0x4, kQualifiers = 0x7,
  kTransactionSafe = 0x20, kNoexcept = 0x40,  // function-pointer conversions may drop these
};

enum class Kind { Other, Class, SiClass, VmiClass, Pointer, MemberPointer, Function };

Kind kindOf(const TypeInfo* t) {
  const void* vptr = t->vptr;
  if (vptr == &vtClass[2]) return Kind::Class;
  if (vptr == &vtSiClass[2]) return Kind::SiClass;
  if (vptr == &vtVmiClass[2]) return Kind::VmiClass;
  if (vptr == &vtPointer[2]) return Kind::Pointer;
  if (vptr == &vtMemberPointer[2]) return Kind::MemberPointer;
  if (vptr == &vtFunction[2]) return Kind::Function;
  return Kind::Other;  // fundamental, enum, array
}

bool isClass(Kind k) { return k == Kind::Class || k == Kind::SiClass || k == Kind::VmiClass; }

const char* rawName(const TypeInfo* t) { return t->name; }

// Anonymous-namespace names contain "_GLOBAL__N" (strstr would cost 1.5 KB).
bool hasInternalLinkage(const char* name) {
  if (name[0] == '*') return true;
  for (const char* p = name; *p; p++) {
    if (p[0] == '_' && strncmp(p, "_GLOBAL__N", 10) == 0) return true;
  }
  return false;
}

bool same(const TypeInfo* a, const TypeInfo* b) {
  if (a == b) return true;
  const char* na = rawName(a);
  const char* nb = rawName(b);
  if (na == nb) return true;
  // Everything is linked into one module, so typeinfo is normally unique;
  // comparing names also covers copies the linker did not merge. Types with
  // internal linkage must never match by name.
  return strcmp(na, nb) == 0 && !hasInternalLinkage(na);
}

bool nameIs(const TypeInfo* t, const char* mangled) { return strcmp(rawName(t), mangled) == 0; }

// Finding an unambiguous public base subobject. Two paths reach the same
// subobject exactly when they share the last virtual base they went through
// (the "anchor"; null for the complete object) and the offset from it, so
// identity needs no object and works for null pointers too.
struct BaseSearch {
  const TypeInfo* target;
  int found;  // 0, 1, or 2 = ambiguous
  const TypeInfo* anchor;
  long offset;
  bool isPublic;
  void* address;
};

void searchBases(BaseSearch& s, const TypeInfo* type, void* object, const TypeInfo* anchor,
                 long offset, bool isPublic) {
  if (s.found > 1) return;
  if (same(type, s.target)) {
    if (s.found == 0) {
      s = {s.target, 1, anchor, offset, isPublic, object};
    } else if ((anchor == s.anchor || (anchor && s.anchor && same(anchor, s.anchor))) &&
               offset == s.offset) {
      s.isPublic = s.isPublic || isPublic;  // same subobject, another path
    } else {
      s.found = 2;
    }
    return;
  }
  switch (kindOf(type)) {
    case Kind::SiClass:
      searchBases(s, static_cast<const SiClassInfo*>(type)->base, object, anchor, offset, isPublic);
      break;
    case Kind::VmiClass: {
      auto* vmi = static_cast<const VmiClassInfo*>(type);
      for (unsigned i = 0; i < vmi->baseCount; i++) {
        const BaseClassInfo& b = vmi->bases[i];
        long flags = b.offsetFlags & 0xFF;
        long baseOffset = b.offsetFlags >> 8;
        bool pub = isPublic && (flags & kPublicBase);
        if (flags & kVirtualBase) {
          // The offset names the vtable slot that holds the virtual base's
          // offset in this particular complete object.
          void* base = nullptr;
          if (object) {
            const char* vtable = *static_cast<const char* const*>(object);
            base = static_cast<char*>(object) + *reinterpret_cast<const long*>(vtable + baseOffset);
          }
          searchBases(s, b.type, base, b.type, 0, pub);
        } else {
          void* base = object ? static_cast<char*>(object) + baseOffset : nullptr;
          searchBases(s, b.type, base, anchor, offset + baseOffset, pub);
        }
      }
      break;
    }
    default:
      break;
  }
}

// Is `base` an unambiguous public base of `derived`? Adjusts `object` to it.
bool findPublicBase(const TypeInfo* derived, const TypeInfo* base, void*& object) {
  BaseSearch s{base, 0, nullptr, 0, false, nullptr};
  searchBases(s, derived, object, nullptr, 0, true);
  if (s.found != 1 || !s.isPublic) return false;
  object = s.address;
  return true;
}

bool memberPointerConvertible(const MemberPointerInfo* h, const MemberPointerInfo* t,
                              bool outerAllConst);

// Pointer conversions a handler may apply: qualification conversions
// ([conv.qual]: adding cv below the first level needs const on every level
// above), dropping noexcept from a function pointee, and at the first level
// only, derived-to-base and T* -> void*. `value` is the pointer being caught.
bool pointerConvertible(const PointerInfo* h, const PointerInfo* t, void*& value, bool firstLevel,
                        bool outerAllConst) {
  unsigned hq = h->flags & kQualifiers, tq = t->flags & kQualifiers;
  if (tq & ~hq) return false;                          // cannot drop cv
  if (hq != tq && !outerAllConst) return false;        // e.g. int** -> const int**
  if (h->flags & ~t->flags & (kNoexcept | kTransactionSafe)) return false;
  const TypeInfo* hp = h->pointee;
  const TypeInfo* tp = t->pointee;
  if (same(hp, tp)) return true;
  Kind hk = kindOf(hp), tk = kindOf(tp);
  if (firstLevel) {
    if (nameIs(hp, "v")) return tk != Kind::Function;  // object pointer to cv void*
    if (isClass(hk) && isClass(tk)) return findPublicBase(tp, hp, value);
  }
  bool nextAllConst = outerAllConst && (hq & kConst);
  void* unused = nullptr;
  if (hk == Kind::Pointer && tk == Kind::Pointer)
    return pointerConvertible(static_cast<const PointerInfo*>(hp),
                              static_cast<const PointerInfo*>(tp), unused, false, nextAllConst);
  if (hk == Kind::MemberPointer && tk == Kind::MemberPointer)
    return memberPointerConvertible(static_cast<const MemberPointerInfo*>(hp),
                                    static_cast<const MemberPointerInfo*>(tp), nextAllConst);
  return false;
}

// Pointers to members allow only qualification and noexcept conversions;
// the class they point into must be the same.
bool memberPointerConvertible(const MemberPointerInfo* h, const MemberPointerInfo* t,
                              bool outerAllConst) {
  if (!same(h->context, t->context)) return false;
  unsigned hq = h->flags & kQualifiers, tq = t->flags & kQualifiers;
  if (tq & ~hq) return false;
  if (hq != tq && !outerAllConst) return false;
  if (h->flags & ~t->flags & (kNoexcept | kTransactionSafe)) return false;
  const TypeInfo* hp = h->pointee;
  const TypeInfo* tp = t->pointee;
  if (same(hp, tp)) return true;
  bool nextAllConst = outerAllConst && (hq & kConst);
  void* unused = nullptr;
  if (kindOf(hp) == Kind::Pointer && kindOf(tp) == Kind::Pointer)
    return pointerConvertible(static_cast<const PointerInfo*>(hp),
                              static_cast<const PointerInfo*>(tp), unused, false, nextAllConst);
  if (kindOf(hp) == Kind::MemberPointer && kindOf(tp) == Kind::MemberPointer)
    return memberPointerConvertible(static_cast<const MemberPointerInfo*>(hp),
                                     static_cast<const MemberPointerInfo*>(tp), nextAllConst);
  return false;
}

// What a nullptr_t exception looks like to a pointer-to-member handler,
// which reads the member pointer from the address __cxa_begin_catch returns.
const long kNullDataMember = -1;
const struct { void* ptr; long adj; } kNullFunctionMember = {nullptr, 0};

}  // namespace

namespace napi_wasm_cxx {

bool sameType(const std::type_info* a, const std::type_info* b) {
  if (!a || !b) return a == b;
  return same(reinterpret_cast<const TypeInfo*>(a), reinterpret_cast<const TypeInfo*>(b));
}

bool canCatch(const std::type_info* handlerType, const std::type_info* thrownType,
              void*& adjusted) {
  auto* h = reinterpret_cast<const TypeInfo*>(handlerType);
  auto* t = reinterpret_cast<const TypeInfo*>(thrownType);
  Kind hk = kindOf(h), tk = kindOf(t);
  bool thrownNull = nameIs(t, "Dn");  // std::nullptr_t

  if (same(h, t)) {
    // clang reads pointer (and nullptr_t) handlers' values straight from
    // __cxa_begin_catch's result; everything else through it.
    if (tk == Kind::Pointer || thrownNull) adjusted = *static_cast<void**>(adjusted);
    return true;
  }
  if (isClass(hk) && isClass(tk)) return findPublicBase(t, h, adjusted);
  if (hk == Kind::Pointer) {
    if (thrownNull) {
      adjusted = nullptr;
      return true;
    }
    if (tk != Kind::Pointer) return false;
    void* value = *static_cast<void**>(adjusted);
    if (!pointerConvertible(static_cast<const PointerInfo*>(h),
                            static_cast<const PointerInfo*>(t), value, true, true))
      return false;
    adjusted = value;
    return true;
  }
  if (hk == Kind::MemberPointer) {
    auto* hm = static_cast<const MemberPointerInfo*>(h);
    if (thrownNull) {
      adjusted = const_cast<void*>(kindOf(hm->pointee) == Kind::Function
                                       ? static_cast<const void*>(&kNullFunctionMember)
                                       : static_cast<const void*>(&kNullDataMember));
      return true;
    }
    return tk == Kind::MemberPointer &&
           memberPointerConvertible(hm, static_cast<const MemberPointerInfo*>(t), true);
  }
  return false;
}

bool isPointerLike(const std::type_info* type) {
  auto* t = reinterpret_cast<const TypeInfo*>(type);
  return kindOf(t) == Kind::Pointer || nameIs(t, "Dn");
}

const std::exception* asStdException(const std::type_info* thrown, void* object) {
  void* adjusted = object;
  if (!canCatch(reinterpret_cast<const std::type_info*>(tiStdException), thrown, adjusted))
    return nullptr;
  return static_cast<const std::exception*>(adjusted);
}

}  // namespace napi_wasm_cxx
