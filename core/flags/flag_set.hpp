#pragma once
// A flagd flag set, parsed, validated and compiled once; immutable and cheap to share.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/flags/load_error.hpp"
#include "core/flags/rule.hpp"
#include "core/flags/rule_compiler.hpp"

namespace flagport::flags {

struct Variant {
  std::string_view name;                 // views into Flag::variants, as its values do
  const nlohmann::ordered_json* value;
};

struct Flag {
  Flag() = default;
  Flag(Flag&&) = default;  // moves keep the variants' storage, so the views stay valid
  Flag& operator=(Flag&&) = default;
  Flag(const Flag&) = delete;
  Flag& operator=(const Flag&) = delete;

  std::string key;
  bool enabled = true;
  nlohmann::ordered_json variants;            // object: variant name -> value
  std::vector<Variant> variant_list;          // the same, in document order, for lookups
  const Variant* default_variant = nullptr;   // absent, null and "" all mean none (as in flagd-core)
  const Node* targeting = nullptr;            // null: no targeting ({} or absent)
  nlohmann::ordered_json metadata;            // flag-set metadata overlaid with the flag's own

  const Variant* variant(std::string_view name) const;
};

class FlagSet {
public:
  const Flag* find(std::string_view key) const;
  const std::vector<Flag>& flags() const { return data_->flags; }
  const nlohmann::ordered_json& metadata() const { return data_->metadata; }
  // Top-level context attributes the rules can read (see decode_context).
  const ContextNeeds& context_needs() const { return data_->needs; }
  // How many rule nodes its targeting compiled to (what, beside the flags' JSON, its memory
  // grows with).
  std::size_t rule_nodes() const { return data_->rules.node_count(); }

private:
  friend struct FlagSetBuilder;
  struct Data {
    std::vector<Flag> flags;  // document order
    // Open addressing over flag keys: slot -> flag index + 1 (0: empty); size a power of two.
    std::vector<std::uint32_t> slots;
    nlohmann::ordered_json metadata = nlohmann::ordered_json::object();
    ContextNeeds needs;
    RuleStorage rules;
  };
  std::shared_ptr<const Data> data_;
};

struct LoadResult {
  std::optional<FlagSet> flag_set;  // set exactly when errors is empty
  std::vector<LoadError> errors;
  bool ok() const { return flag_set.has_value(); }
};

// Parses, validates and compiles a flag set in flagd's definition format. Everything
// flagd-core's loader accepts is accepted, except that a flag which flagd-core would
// answer with PARSE_ERROR (unknown operator, unknown or cyclic $ref) refuses the whole set,
// and the structural rules of flagd's schema are enforced (state, variants, defaultVariant,
// targeting and metadata types). Every problem is reported, each with its JSON pointer.
LoadResult load_flag_set(std::string_view json_text);

}  // namespace flagport::flags
