// The lookups every evaluation makes in a loaded flag set; apart from flag_set.cpp, which
// builds flag sets once per load and is built for size in the wasm modules (CMakeLists.txt).
#include "core/flags/flag_set.hpp"
#include "core/flags/text_words.hpp"

namespace flagport::flags {

const Variant* Flag::variant(std::string_view name) const {
  for (const Variant& v : variant_list) {
    if (same_text(v.name, name)) return &v;
  }
  return nullptr;
}

const Flag* FlagSet::find(std::string_view key) const {
  const auto& slots = data_->slots;
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = text_hash(key) & mask;; i = (i + 1) & mask) {
    if (slots[i] == 0) return nullptr;
    const Flag& flag = data_->flags[slots[i] - 1];
    if (same_text(flag.key, key)) return &flag;
  }
}

}  // namespace flagport::flags
