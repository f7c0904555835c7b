#include "core/flags/context_needs.hpp"

#include <algorithm>
#include <atomic>

#include "core/flags/prototypes.hpp"
#include "core/flags/rule.hpp"

namespace flagport::flags {

std::uint32_t ContextNeeds::slot(std::string_view key) const {
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it == keys.end() || *it != key) return kNoSlot;
  return static_cast<std::uint32_t>(it - keys.begin());
}

void ContextNeeds::seal(RuleStorage& rules) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  static std::atomic<std::uint64_t> sealed{0};
  stamp = ++sealed;
  targeting_key_slot = slot("targetingKey");
  for (const auto& node : rules.nodes()) {
    // var of one key, and a chain's first step, read an absent attribute as null; `$flagd`
    // is injected per flag, not decoded; a chain reads an absent inherited name as the
    // method (a function, which "hasOwnProperty.length" walks into)
    const bool one_key = node->op == Op::VarMember || (node->op == Op::VarChain && !js::object_member(node->path[0]).is_function());
    if (one_key && node->path[0] != "$flagd") node->slot = slot(node->path[0]);
  }
}

}  // namespace flagport::flags
