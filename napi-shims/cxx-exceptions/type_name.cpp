// A small demangler for type names in terminate messages.
//
// The toolchain's __cxa_demangle would add ~150 KB to every addon, so this
// covers what exception types look like in practice: builtin types, nested
// and std:: names, template arguments (types and integer literals), cv,
// pointers, references and substitutions (Itanium ABI 5.1). Anything else
// prints as the mangled name.
#include "internal.h"

#include <string.h>

// Only runs on the way to std::terminate: optimise for size.
#pragma clang attribute push(__attribute__((minsize, cold)), apply_to = function)

namespace {

struct Demangler {
  const char* p;
  char* out;
  size_t cap;
  size_t len = 0;
  bool ok = true;
  // Substitution candidates: ranges of `out` in the order the ABI numbers them.
  struct Range { size_t start, length; } subs[32] = {};
  int subCount = 0;

  void emit(const char* s, size_t n) {
    for (size_t i = 0; i < n; i++) {
      if (len + 1 >= cap) { ok = false; return; }
      out[len++] = s[i];
    }
  }
  void emit(const char* s) { emit(s, strlen(s)); }
  void addSub(size_t start) {
    if (subCount < 32) subs[subCount++] = {start, len - start};
  }
  void emitSub(int index) {
    if (index >= subCount) { ok = false; return; }
    Range r = subs[index];
    for (size_t i = 0; i < r.length; i++) emit(&out[r.start + i], 1);  // source precedes dest
  }

  bool sourceName() {
    if (*p < '0' || *p > '9') return false;
    size_t n = 0;
    while (*p >= '0' && *p <= '9') n = n * 10 + size_t(*p++ - '0');
    if (strnlen(p, n) < n) return false;
    if (n > 10 && strncmp(p, "_GLOBAL__N", 10) == 0) emit("(anonymous namespace)");
    else emit(p, n);
    p += n;
    return true;
  }

  // S_ / S<base 36>_ / St Sa Sb Ss Si So Sd. `isStdPrefix` reports "St".
  bool substitution(bool& isStdPrefix) {
    isStdPrefix = false;
    if (*p != 'S') return false;
    char c = p[1];
    static const struct { char code; const char* text; } special[] = {
        {'a', "std::allocator"}, {'b', "std::basic_string"}, {'s', "std::string"},
        {'i', "std::istream"},   {'o', "std::ostream"},      {'d', "std::iostream"}};
    if (c == 't') { p += 2; emit("std::"); isStdPrefix = true; return true; }
    for (auto& s : special) {
      if (c == s.code) { p += 2; emit(s.text); return true; }
    }
    p++;
    int index = 0;
    if (*p != '_') {
      int seq = 0;
      while ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z'))
        seq = seq * 36 + (*p <= '9' ? *p - '0' : *p - 'A' + 10), p++;
      index = seq + 1;
    }
    if (*p++ != '_') return false;
    emitSub(index);
    return true;
  }

  bool templateArgs() {  // I <arg>+ E
    p++;
    emit("<");
    bool first = true;
    while (ok && *p && *p != 'E') {
      if (!first) emit(", ");
      first = false;
      if (*p == 'L') {  // integer literal: L <builtin type> [n] <digits> E
        p++;
        char type = *p++;
        if (type == 'b') { emit(*p == '0' ? "false" : "true"); p++; }
        else {
          if (*p == 'n') { emit("-"); p++; }
          const char* digits = p;
          while (*p >= '0' && *p <= '9') p++;
          emit(digits, size_t(p - digits));
        }
        if (*p++ != 'E') return false;
      } else if (!type()) {
        return false;
      }
    }
    if (*p++ != 'E') return false;
    emit(">");
    return true;
  }

  // N [CV] <prefix components> E, each prefix a candidate.
  bool nestedName() {
    p++;
    size_t start = len;
    bool first = true;
    while (ok && *p && *p != 'E') {
      if (*p == 'I') {
        if (first || !templateArgs()) return false;
        addSub(start);
        continue;
      }
      if (!first) emit("::");
      if (*p == 'S') {
        bool isStd;
        if (!first || !substitution(isStd)) return false;
        first = false;
        if (isStd) {
          if (!sourceName()) return false;
          addSub(start);
        }
        continue;
      }
      if (!sourceName()) return false;
      first = false;
      addSub(start);
    }
    return *p++ == 'E';
  }

  bool type() {
    static const struct { char code; const char* text; } builtins[] = {
        {'v', "void"}, {'w', "wchar_t"}, {'b', "bool"}, {'c', "char"}, {'a', "signed char"},
        {'h', "unsigned char"}, {'s', "short"}, {'t', "unsigned short"}, {'i', "int"},
        {'j', "unsigned int"}, {'l', "long"}, {'m', "unsigned long"}, {'x', "long long"},
        {'y', "unsigned long long"}, {'n', "__int128"}, {'o', "unsigned __int128"},
        {'f', "float"}, {'d', "double"}, {'e', "long double"}, {'g', "__float128"},
        {'z', "..."}};
    size_t start = len;
    char c = *p;
    for (auto& b : builtins) {
      if (c == b.code) { p++; emit(b.text); return true; }
    }
    switch (c) {
      case 'D': {
        static const struct { char code; const char* text; } d[] = {
            {'n', "std::nullptr_t"}, {'s', "char16_t"}, {'i', "char32_t"}, {'u', "char8_t"}};
        for (auto& b : d) {
          if (p[1] == b.code) { p += 2; emit(b.text); return true; }
        }
        return false;
      }
      case 'K': case 'V': case 'r': {
        p++;
        if (!type()) return false;
        emit(c == 'K' ? " const" : c == 'V' ? " volatile" : " restrict");
        addSub(start);
        return true;
      }
      case 'P': case 'R': case 'O': {
        p++;
        if (!type()) return false;
        emit(c == 'P' ? "*" : c == 'R' ? "&" : "&&");
        addSub(start);
        return true;
      }
      case 'N':
        return nestedName();
      case 'S': {
        bool isStd;
        if (!substitution(isStd)) return false;
        if (isStd) {
          if (!sourceName()) return false;
          addSub(start);
        }
        if (*p == 'I') {  // the template-id is a candidate, its name already is or never is
          if (!templateArgs()) return false;
          addSub(start);
        }
        return true;
      }
      default:
        if (!sourceName()) return false;
        addSub(start);
        if (*p == 'I') {
          if (!templateArgs()) return false;
          addSub(start);
        }
        return true;
    }
  }
};

}  // namespace

namespace napi_wasm_cxx {

void demangleTypeName(const char* mangled, char* out, size_t outSize) {
  if (!outSize) return;
  if (*mangled == '*') mangled++;  // internal-linkage marker, not part of the name
  Demangler d{mangled, out, outSize};
  if (d.type() && d.ok && *d.p == 0) {
    out[d.len] = 0;
    return;
  }
  size_t n = strnlen(mangled, outSize - 1);
  memcpy(out, mangled, n);
  out[n] = 0;
}

}  // namespace napi_wasm_cxx

#pragma clang attribute pop
