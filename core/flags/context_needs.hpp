#pragma once
// The top-level context attributes a flag set's rules can read, and the slots through which
// they read them: decode_context keeps only these attributes and also stores each in the
// context's slot for its key, so a `var` of one top-level key is an array load rather than
// a search of the attributes by name. Internal to core/flags.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/flags/rule.hpp"

namespace flagport::flags {

struct ContextNeeds {
  // The rules can read keys they do not name (the whole context, computed keys).
  bool everything = false;
  // Unique (when gathered through add), sorted once sealed; a key's position is its slot.
  std::vector<std::string> keys;
  // Which sealed needs these are: a context's slots serve only the needs it was decoded
  // with (0: not sealed, no slots).
  std::uint64_t stamp = 0;

  // Adds `key` unless it is there already, in constant time: every rule of a set passes its
  // keys through here, and thousands of flags name the same few.
  void add(std::string_view key);
  // kNoSlot when no rule names `key`.
  std::uint32_t slot(std::string_view key) const;
  // Once sealed: the slot of targetingKey, which every set with targeting needs (fractional).
  std::uint32_t targeting_key_slot = kNoSlot;

  // Sorts `keys` and drops repeats, stamps the result, and gives every node of `rules`
  // that reads one named top-level attribute the slot of its key.
  void seal(RuleStorage& rules);

 private:
  void place(std::uint32_t k);
  void index(std::size_t size);
  std::uint32_t find(std::string_view key) const;

  // Position in `keys` + 1 by text_hash of the key, open addressing at most half full. Once
  // sealed, every top-level key of every request's context is looked up here.
  std::vector<std::uint32_t> table_;
};

}  // namespace flagport::flags
