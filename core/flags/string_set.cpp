#include "core/flags/string_set.hpp"

#include "core/flags/text_words.hpp"

namespace flagport::flags {

StringSet::StringSet(const std::vector<Value>& strings) {
  std::size_t size = 2;
  while (size < 2 * strings.size()) size *= 2;
  slots_.resize(size);
  const std::size_t mask = size - 1;
  for (const Value& item : strings) {
    const std::string_view text = item.as_string();
    std::size_t i = text_hash(text) & mask;
    while (slots_[i].used && !same_text(slots_[i].text, text)) i = (i + 1) & mask;
    slots_[i] = {text, true};
  }
}

bool StringSet::contains(std::string_view text) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = text_hash(text) & mask; slots_[i].used; i = (i + 1) & mask) {
    if (same_text(slots_[i].text, text)) return true;
  }
  return false;
}

}  // namespace flagport::flags
