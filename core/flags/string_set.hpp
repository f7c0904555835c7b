#pragma once
// `in` over a constant list of strings: the list hashed once, at load, so a lookup costs one
// hash and a probe or two instead of a comparison per entry. Internal to core/flags.

#include <string_view>
#include <vector>

#include "core/flags/value.hpp"

namespace flagport::flags {

class StringSet {
public:
  // Every item must be a string; the views stay in the rule's storage.
  explicit StringSet(const std::vector<Value>& strings);
  bool contains(std::string_view text) const;

private:
  struct Slot {
    std::string_view text;
    bool used = false;
  };
  std::vector<Slot> slots_;  // open addressing; a power of two, at most half full
};

}  // namespace flagport::flags
