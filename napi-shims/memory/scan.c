// The conservative pointer scan of the runtime's retention scan
// (runtime/memory-model.ts, docs/memory-model.md), in the addon's own code:
// compiled wasm reads its memory several times faster than a JS loop over
// a typed array, and SIMD tests four words per step.
//
// Finds the words in [from, to) (byte addresses, 4-byte aligned) whose value
// lies in [lo, lo + span]: their values go to out[1..], their count to
// out[0], at most `max` of them. Returns where the scan stopped: `to`, or the
// word it could not record because `out` was full (the caller goes on from
// there). Almost no word is a hit, so a hit is looked at one word at a time.
#include <stdint.h>
#include <wasm_simd128.h>

__attribute__((export_name("napi_wasm_scan"))) uint32_t napi_wasm_scan(uint32_t from, uint32_t to, uint32_t lo, uint32_t span,
                                                                      uint32_t* out, uint32_t max) {
  const uint32_t* p = (const uint32_t*)from;
  const uint32_t* end = (const uint32_t*)to;
  const v128_t vlo = wasm_i32x4_splat((int32_t)lo);
  const v128_t vspan = wasm_i32x4_splat((int32_t)span);
  uint32_t n = 0;
  while (end - p >= 8) {
    v128_t a = wasm_u32x4_le(wasm_i32x4_sub(wasm_v128_load(p), vlo), vspan);
    v128_t b = wasm_u32x4_le(wasm_i32x4_sub(wasm_v128_load(p + 4), vlo), vspan);
    if (!wasm_v128_any_true(wasm_v128_or(a, b))) {
      p += 8;
      continue;
    }
    for (const uint32_t* stop = p + 8; p < stop; p++) {
      if (*p - lo > span) continue;
      if (n == max) goto full;
      out[1 + n++] = *p;
    }
  }
  for (; p < end; p++) {
    if (*p - lo > span) continue;
    if (n == max) goto full;
    out[1 + n++] = *p;
  }
full:
  out[0] = n;
  return (uint32_t)p;
}
