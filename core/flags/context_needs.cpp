#include "core/flags/context_needs.hpp"

#include <algorithm>
#include <atomic>

#include "core/flags/prototypes.hpp"
#include "core/flags/rule.hpp"
#include "core/flags/text_words.hpp"

namespace flagport::flags {

std::uint32_t ContextNeeds::find(std::string_view key) const {
  if (table_.empty()) return kNoSlot;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = text_hash(key) & mask;; i = (i + 1) & mask) {
    if (table_[i] == 0) return kNoSlot;
    if (same_text(keys[table_[i] - 1], key)) return table_[i] - 1;
  }
}

void ContextNeeds::place(std::uint32_t k) {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = text_hash(keys[k]) & mask;
  while (table_[i] != 0) i = (i + 1) & mask;
  table_[i] = k + 1;
}

void ContextNeeds::index(std::size_t size) {
  table_.assign(size, 0);
  for (std::uint32_t k = 0; k < keys.size(); ++k) place(k);
}

void ContextNeeds::add(std::string_view key) {
  if (find(key) != kNoSlot) return;
  keys.emplace_back(key);
  if (2 * keys.size() > table_.size()) index(std::max<std::size_t>(16, 2 * table_.size()));
  else place(static_cast<std::uint32_t>(keys.size() - 1));
}

std::uint32_t ContextNeeds::slot(std::string_view key) const {
  if (stamp == 0) {  // not sealed: `keys` may have been set without add
    const auto it = std::find(keys.begin(), keys.end(), key);
    return it == keys.end() ? kNoSlot : static_cast<std::uint32_t>(it - keys.begin());
  }
  return find(key);
}

void ContextNeeds::seal(RuleStorage& rules) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::size_t size = 4;
  while (size < 2 * keys.size()) size *= 2;
  index(size);
  static std::atomic<std::uint64_t> sealed{0};
  stamp = ++sealed;
  targeting_key_slot = slot("targetingKey");
  rules.for_each_node([&](Node& node) {
    // var of one key, and a chain's first step, read an absent attribute as null; `$flagd`
    // is injected per flag, not decoded; a chain reads an absent inherited name as the
    // method (a function, which "hasOwnProperty.length" walks into)
    const bool one_key = node.op == Op::VarMember || (node.op == Op::VarChain && !js::object_member(node.path[0]).is_function());
    if (one_key && node.path[0] != "$flagd") node.slot = slot(node.path[0]);
  });
}

}  // namespace flagport::flags
