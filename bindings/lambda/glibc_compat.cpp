// The deployable bootstrap links libstdc++ and libgcc statically but may only need
// glibc <= 2.34 (provided.al2023). Built on a newer glibc, those static libraries reach
// for two younger symbols; defining them here keeps the binary's references at 2.34:
//   _dl_find_object (2.35)  libgcc's unwinder finds a PC's .eh_frame_hdr with it;
//                           here through dl_iterate_phdr, as libgcc does on older glibc.
//   arc4random (2.36)       std::random_device's default source; here getrandom(2).
// Only the deployable build compiles this file (bindings/lambda/CMakeLists.txt).
#include <dlfcn.h>
#include <link.h>
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>

namespace {

struct Search {
  std::uintptr_t pc;
  dl_find_object* result;
  bool found;
};

int visit(dl_phdr_info* info, std::size_t, void* data) {
  auto* search = static_cast<Search*>(data);
  std::uintptr_t start = UINTPTR_MAX, end = 0;
  const ElfW(Phdr)* eh_frame_hdr = nullptr;
  bool contains = false;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[i];
    if (segment.p_type == PT_LOAD) {
      std::uintptr_t low = info->dlpi_addr + segment.p_vaddr, high = low + segment.p_memsz;
      if (low < start) start = low;
      if (high > end) end = high;
      if (search->pc >= low && search->pc < high) contains = true;
    } else if (segment.p_type == PT_GNU_EH_FRAME) {
      eh_frame_hdr = &segment;
    }
  }
  if (!contains) return 0;
  search->result->dlfo_flags = 0;
  search->result->dlfo_map_start = reinterpret_cast<void*>(start);
  search->result->dlfo_map_end = reinterpret_cast<void*>(end);
  search->result->dlfo_link_map = nullptr;
  search->result->dlfo_eh_frame =
      eh_frame_hdr ? reinterpret_cast<void*>(info->dlpi_addr + eh_frame_hdr->p_vaddr) : nullptr;
  search->found = true;
  return 1;
}

}  // namespace

extern "C" int _dl_find_object(void* pc, dl_find_object* result) noexcept {
  Search search{reinterpret_cast<std::uintptr_t>(pc), result, false};
  dl_iterate_phdr(&visit, &search);
  return search.found ? 0 : -1;
}

extern "C" std::uint32_t arc4random() noexcept {
  std::uint32_t value = 0;
  while (getrandom(&value, sizeof value, 0) != static_cast<ssize_t>(sizeof value))
    if (errno != EINTR) std::abort();  // no entropy source at all: nothing sane to return
  return value;
}
