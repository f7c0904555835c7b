#pragma once
// Flag resolution with @openfeature/flagd-core's semantics.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/flags/evaluation_context.hpp"
#include "core/flags/flag_set.hpp"
#include "core/flags/resolution_codes.hpp"

namespace flagport::flags {

enum class ValueType { Boolean, String, Integer, Float, Object };

// Pointers and views refer into the FlagSet, which must outlive the Resolution.
struct Resolution {
  // The resolved variant's value; null means "answer the caller's default value"
  // (errors, disabled flags, and flags that resolve to no variant).
  const nlohmann::ordered_json* value = nullptr;
  std::optional<std::string_view> variant;
  Reason reason = Reason::Unknown;
  ErrorCode error_code = ErrorCode::None;
  std::string error_message;
  // Flag-set metadata overlaid with the flag's (the set's alone for FLAG_NOT_FOUND).
  const nlohmann::ordered_json* metadata = nullptr;
  // The flag resolved (null for FLAG_NOT_FOUND) and the variant `value` comes from, so
  // answers can use what is kept per flag and variant (their JSON texts).
  const Flag* flag = nullptr;
  const Variant* chosen = nullptr;
};

// Resolves `key` for `context`, requiring a value of type `expected`: Integer wants an
// integral number, Float any number, Object an object, array or null (JS typeof "object").
// `now_seconds` is $flagd.timestamp.
Resolution evaluate(const FlagSet& flags, std::string_view key, const EvaluationContext& context, ValueType expected,
                    std::int64_t now_seconds);

// Resolves without a type check (what bulk evaluation and OFREP report).
Resolution evaluate_untyped(const FlagSet& flags, std::string_view key, const EvaluationContext& context,
                            std::int64_t now_seconds);

struct BulkEntry {
  std::string_view key;
  Resolution resolution;
};

// Every flag of the set, in document order, answered as evaluate_untyped answers it alone.
// flagd-core's resolveAll leaves out disabled flags, flags without a value and failures, so
// a client of a bulk answer (OFREP's web providers) would report "not found" for flags
// that are only off; flagd's draft ADR "disabled-flag-evaluation" includes them too.
std::vector<BulkEntry> evaluate_all(const FlagSet& flags, const EvaluationContext& context, std::int64_t now_seconds);

}  // namespace flagport::flags
