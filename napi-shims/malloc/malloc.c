/*
 * A compact allocator for single-threaded wasm32 addons, replacing
 * wasi-libc's dlmalloc (about 8.8 KB of code) with about 2 KB.
 *
 * Design: boundary-tagged blocks on one heap from __heap_base to the end of
 * linear memory, grown with memory.grow, and segregated free lists: exact-size bins below 1 KiB, then
 * power-of-two bins, with a bitmap to find the smallest non-empty bin that
 * can hold a request. Freed blocks coalesce with free neighbours at once.
 *
 * Layout: every block starts with a 4-byte header (size | flags) placed so
 * the payload after it is 16-byte aligned (alignof(max_align_t) on wasm32).
 * A free block also keeps its size in its last 4 bytes (the footer) and two
 * list links at the start of its payload. Block sizes are multiples of 16.
 *
 * Defining every symbol that wasi-libc's dlmalloc.o defines keeps that
 * archive member out of the link.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ALIGN 16u
#define HEADER 4u
#define MIN_BLOCK 32u
#define IN_USE 1u
#define PREV_IN_USE 2u
#define FLAGS 3u
#define SMALL_LIMIT 1024u                 /* exact bins: 32, 48, ..., 1008 */
#define SMALL_BINS (SMALL_LIMIT / ALIGN)  /* 64 */
#define BINS (SMALL_BINS + 22)            /* then [1K,2K), [2K,4K), ... */

typedef struct Free {
  struct Free* next;
  struct Free* prev;
} Free;

/* A block is addressed by its header. */
typedef uint8_t* Block;

#define PAGE 65536u

extern unsigned char __heap_base;

static Free* bins[BINS];
static uint32_t binmap[(BINS + 31) / 32];
/* The header of a zero-size, always in-use sentinel just past the last block;
 * its 4 bytes are the last owned bytes. Like any block, its PREV_IN_USE flag
 * tells whether the block before it is in use, and it never merges. */
static Block heap_end;
static uintptr_t memory_end; /* end of the memory the heap may use */

static inline uint32_t size_of(Block b) { return *(uint32_t*)b & ~FLAGS; }
static inline uint32_t flags_of(Block b) { return *(uint32_t*)b & FLAGS; }
static inline void set_header(Block b, uint32_t size, uint32_t flags) { *(uint32_t*)b = size | flags; }
static inline void* payload(Block b) { return b + HEADER; }
static inline Block block_of(void* p) { return (Block)p - HEADER; }
static inline Block next_block(Block b) { return b + size_of(b); }
static inline void set_footer(Block b) { *(uint32_t*)(b + size_of(b) - 4) = size_of(b); }
static inline Block prev_block(Block b) { return b - *(uint32_t*)(b - 4); }

static unsigned bin_index(uint32_t size) {
  if (size < SMALL_LIMIT) return size / ALIGN;
  unsigned i = SMALL_BINS + (31u - (unsigned)__builtin_clz(size)) - 10u;
  return i < BINS ? i : BINS - 1;
}

static void insert(Block b) {
  unsigned i = bin_index(size_of(b));
  Free* f = (Free*)payload(b);
  f->prev = NULL;
  f->next = bins[i];
  if (f->next) f->next->prev = f;
  bins[i] = f;
  binmap[i / 32] |= 1u << (i % 32);
}

static void unlink_free(Block b) {
  unsigned i = bin_index(size_of(b));
  Free* f = (Free*)payload(b);
  if (f->prev) f->prev->next = f->next;
  else bins[i] = f->next;
  if (f->next) f->next->prev = f->prev;
  if (!bins[i]) binmap[i / 32] &= ~(1u << (i % 32));
}

/* Marks b (already sized) free, merges it with free neighbours, and files it. */
static void release(Block b) {
  uint32_t size = size_of(b);
  uint32_t flags = flags_of(b) & PREV_IN_USE;
  if (!(flags & PREV_IN_USE)) {
    Block prev = prev_block(b);
    unlink_free(prev);
    size += size_of(prev);
    flags = flags_of(prev) & PREV_IN_USE;
    b = prev;
  }
  Block next = b + size;
  if (!(flags_of(next) & IN_USE)) {
    unlink_free(next);
    size += size_of(next);
  }
  set_header(b, size, flags);
  set_footer(b);
  next = b + size;
  set_header(next, size_of(next), flags_of(next) & ~PREV_IN_USE);
  insert(b);
}

/* Keeps `size` bytes of in-use block b and frees the rest, if big enough. */
static void trim(Block b, uint32_t size) {
  uint32_t have = size_of(b);
  if (have - size < MIN_BLOCK) return;
  set_header(b, size, flags_of(b));
  Block rest = b + size;
  set_header(rest, have - size, IN_USE | PREV_IN_USE);
  Block after = rest + (have - size);
  set_header(after, size_of(after), flags_of(after) | PREV_IN_USE);
  release(rest);
}

/* Adds a free block of at least `size` bytes at the end of the heap. */
static int grow(uint32_t size) {
  if (!heap_end) {
    uintptr_t first = (((uintptr_t)&__heap_base + HEADER + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1)) - HEADER;
    heap_end = (Block)first;
    set_header(heap_end, 0, IN_USE | PREV_IN_USE);
    memory_end = __builtin_wasm_memory_size(0) * PAGE;
  }
  uintptr_t need = (uintptr_t)heap_end + size + HEADER;
  if (need > memory_end) {
    size_t pages = (need - memory_end + PAGE - 1) / PAGE;
    size_t old = __builtin_wasm_memory_grow(0, pages);
    if (old == SIZE_MAX) return 0;
    /* Someone else grew memory since: their pages stay theirs, as an in-use block. */
    if (old * PAGE != memory_end) {
      uintptr_t gap = old * PAGE - (uintptr_t)heap_end;
      set_header(heap_end, (uint32_t)gap, IN_USE | flags_of(heap_end));
      heap_end += gap;
      set_header(heap_end, 0, IN_USE | PREV_IN_USE);
      memory_end = old * PAGE;
      return grow(size);
    }
    memory_end = (old + pages) * PAGE;
  }
  /* Take everything up to the end of memory: it is ours and already there. */
  uint32_t all = (uint32_t)((memory_end - HEADER - (uintptr_t)heap_end) & ~(uintptr_t)(ALIGN - 1));
  Block b = heap_end;
  set_header(b, all, IN_USE | (flags_of(b) & PREV_IN_USE));
  heap_end = b + all;
  set_header(heap_end, 0, IN_USE | PREV_IN_USE);
  release(b);
  return 1;
}

static uint32_t block_size_for(size_t n) {
  if (n > UINT32_MAX - 2 * ALIGN) return 0;
  uint32_t size = ((uint32_t)n + HEADER + ALIGN - 1) & ~(ALIGN - 1);
  return size < MIN_BLOCK ? MIN_BLOCK : size;
}

/* The smallest free block of at least `size`, unlinked; NULL if none. */
static Block take(uint32_t size) {
  unsigned i = bin_index(size);
  /* The bin for `size` may hold smaller blocks (ranges above 1 KiB): scan it. */
  for (Free* f = bins[i]; f; f = f->next) {
    Block b = block_of(f);
    if (size_of(b) >= size) {
      unlink_free(b);
      return b;
    }
  }
  for (unsigned w = (i + 1) / 32; w < sizeof binmap / sizeof binmap[0]; w++) {
    uint32_t bits = binmap[w];
    if (w == (i + 1) / 32) bits &= ~0u << ((i + 1) % 32);
    if (bits) {
      Block b = block_of(bins[w * 32 + (unsigned)__builtin_ctz(bits)]);
      unlink_free(b);
      return b;
    }
  }
  return NULL;
}

void* malloc(size_t n) {
  uint32_t size = block_size_for(n);
  if (!size) {
    errno = ENOMEM;
    return NULL;
  }
  Block b = take(size);
  if (!b) {
    if (!grow(size)) {
      errno = ENOMEM;
      return NULL;
    }
    b = take(size);
  }
  set_header(b, size_of(b), flags_of(b) | IN_USE);
  Block next = next_block(b);
  set_header(next, size_of(next), flags_of(next) | PREV_IN_USE);
  trim(b, size);
  return payload(b);
}

void free(void* p) {
  if (!p) return;
  Block b = block_of(p);
  set_header(b, size_of(b), flags_of(b) & ~IN_USE);
  release(b);
}

void* calloc(size_t count, size_t each) {
  size_t n;
  if (__builtin_mul_overflow(count, each, &n)) {
    errno = ENOMEM;
    return NULL;
  }
  void* p = malloc(n);
  if (p) memset(p, 0, n);
  return p;
}

void* realloc(void* p, size_t n) {
  if (!p) return malloc(n);
  if (n == 0) {
    free(p);
    return NULL;
  }
  uint32_t size = block_size_for(n);
  if (!size) {
    errno = ENOMEM;
    return NULL;
  }
  Block b = block_of(p);
  uint32_t have = size_of(b);
  if (size <= have) {
    trim(b, size);
    return p;
  }
  Block next = b + have;
  if (!(flags_of(next) & IN_USE) && have + size_of(next) >= size) {
    unlink_free(next);
    set_header(b, have + size_of(next), flags_of(b));
    Block after = next_block(b);
    set_header(after, size_of(after), flags_of(after) | PREV_IN_USE);
    trim(b, size);
    return p;
  }
  void* q = malloc(n);
  if (q) {
    memcpy(q, p, have - HEADER);
    free(p);
  }
  return q;
}

void* aligned_alloc(size_t alignment, size_t n) {
  if (alignment <= ALIGN) return malloc(n);
  if (alignment & (alignment - 1)) {
    errno = EINVAL;
    return NULL;
  }
  /* Over-allocate, then give back the part before the aligned payload. */
  uint8_t* p = malloc(n + alignment + MIN_BLOCK);
  if (!p) return NULL;
  uintptr_t aligned = ((uintptr_t)p + MIN_BLOCK + alignment - 1) & ~(uintptr_t)(alignment - 1);
  Block b = block_of(p);
  Block a = block_of((void*)aligned);
  uint32_t lead = (uint32_t)(a - b);
  set_header(a, size_of(b) - lead, IN_USE | PREV_IN_USE);
  set_header(b, lead, flags_of(b));
  release(b);
  set_header(a, size_of(a), flags_of(a) & ~PREV_IN_USE);
  trim(a, block_size_for(n));
  return (void*)aligned;
}

int posix_memalign(void** out, size_t alignment, size_t n) {
  if (alignment < sizeof(void*) || (alignment & (alignment - 1))) return EINVAL;
  void* p = aligned_alloc(alignment, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

size_t malloc_usable_size(void* p) { return p ? size_of(block_of(p)) - HEADER : 0; }

void* __libc_malloc(size_t n) { return malloc(n); }
void __libc_free(void* p) { free(p); }
void* __libc_calloc(size_t count, size_t each) { return calloc(count, each); }
