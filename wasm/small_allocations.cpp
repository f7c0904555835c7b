// The module's operator new and delete. Its malloc (dlmalloc, in wasi-libc and in
// Emscripten alike) keeps no per-size cache: every small allocation splits a chunk and
// every free coalesces neighbours, touching headers all over the heap. A request makes
// and frees the same few dozen small objects each time, so freed blocks of up to 256
// bytes are kept by 16-byte class, a bounded number each, and handed out again first.
#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 17;  // class c holds blocks of at least c * 16 bytes, up to 256
constexpr unsigned kKeptPerClass = 64;

struct FreeBlock {
  FreeBlock* next;
};

FreeBlock* free_blocks[kClasses] = {};
unsigned kept[kClasses] = {};

}  // namespace

void* operator new(std::size_t size) {
  const std::size_t cls = size == 0 ? 1 : (size + kGranule - 1) / kGranule;
  if (cls < kClasses) {
    if (FreeBlock* block = free_blocks[cls]) {
      free_blocks[cls] = block->next;
      --kept[cls];
      return block;
    }
    size = cls * kGranule;
  }
  if (void* memory = std::malloc(size)) return memory;
  std::abort();  // built without exceptions: nothing could catch std::bad_alloc
}

void operator delete(void* memory) noexcept {
  if (memory == nullptr) return;
  // A block serves the largest class its usable size covers.
  const std::size_t cls = malloc_usable_size(memory) / kGranule;
  if (cls < kClasses && kept[cls] < kKeptPerClass) {
    free_blocks[cls] = new (memory) FreeBlock{free_blocks[cls]};
    ++kept[cls];
    return;
  }
  std::free(memory);
}

void operator delete(void* memory, std::size_t) noexcept { operator delete(memory); }
