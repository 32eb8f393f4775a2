// Throwing operator new / new[] (plain and aligned).
//
// libc++abi's versions were built without exceptions: when memory runs out
// they print "bad_alloc was thrown in -fno-exceptions mode" and abort. These
// throw std::bad_alloc instead, as the standard requires, after trying the
// new_handler. They are weak: the linker takes them over the archive's weak
// copies because our objects come first, and an addon's own replacement
// (a strong definition) still wins. operator delete stays libc++abi's; it
// frees with free(), which matches malloc and aligned_alloc here.
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

void* allocate(std::size_t size, std::size_t alignment) {
  if (size == 0) size = 1;
  for (;;) {
    void* p;
    if (alignment <= alignof(std::max_align_t)) {
      p = std::malloc(size);
    } else {
      // aligned_alloc wants a size that is a multiple of the alignment.
      std::size_t rounded = (size + alignment - 1) & ~(alignment - 1);
      p = rounded < size ? nullptr : std::aligned_alloc(alignment, rounded);
    }
    if (p) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

}  // namespace

__attribute__((weak)) void* operator new(std::size_t size) {
  return allocate(size, alignof(std::max_align_t));
}

__attribute__((weak)) void* operator new[](std::size_t size) {
  return ::operator new(size);
}

__attribute__((weak)) void* operator new(std::size_t size, std::align_val_t alignment) {
  return allocate(size, static_cast<std::size_t>(alignment));
}

__attribute__((weak)) void* operator new[](std::size_t size, std::align_val_t alignment) {
  return ::operator new(size, alignment);
}
