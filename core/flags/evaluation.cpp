#include "core/flags/evaluation.hpp"

#include <cmath>

#include "core/flags/interpreter.hpp"
#include "core/flags/javascript.hpp"

namespace flagport::flags {
namespace {

using Json = nlohmann::ordered_json;

Resolution error(ErrorCode code, std::string message, const Json& metadata, const Flag* flag = nullptr) {
  Resolution r;
  r.flag = flag;
  r.reason = Reason::Error;
  r.error_code = code;
  r.error_message = std::move(message);
  r.metadata = &metadata;
  return r;
}

// The errors' messages are built out of line: inlined, their string work would give every
// evaluation a large stack frame.
[[gnu::noinline]] Resolution flag_not_found(const FlagSet& flags, std::string_view key) {
  return error(ErrorCode::FlagNotFound, "flag '" + std::string(key) + "' not found", flags.metadata());
}

[[gnu::noinline]] Resolution targeting_failed(const Flag& flag) {
  return error(ErrorCode::General, "Error evaluating targeting rule for flag '" + flag.key + "'", flag.metadata, &flag);
}

[[gnu::noinline]] Resolution unknown_variant(const Flag& flag, std::string_view name) {
  return error(ErrorCode::General, "Variant '" + std::string(name) + "' not found in flag with key '" + flag.key + "'",
               flag.metadata, &flag);
}

bool has_type(const Json& value, ValueType expected) {
  switch (expected) {
    case ValueType::Boolean: return value.is_boolean();
    case ValueType::String: return value.is_string();
    case ValueType::Float: return value.is_number();
    case ValueType::Integer: {
      if (value.is_number_integer()) return true;
      if (!value.is_number_float()) return false;
      const double n = value.get_ref<const double&>();
      return n == std::trunc(n) && std::fabs(n) <= 9007199254740991.0;
    }
    case ValueType::Object: return value.is_object() || value.is_array() || value.is_null();
  }
  return false;
}

std::string_view type_name(ValueType type) {
  switch (type) {
    case ValueType::Boolean: return "boolean";
    case ValueType::String: return "string";
    case ValueType::Integer: return "integer";
    case ValueType::Float: return "float";
    case ValueType::Object: return "object";
  }
  return "";
}

[[gnu::noinline]] Resolution type_mismatch(const Resolution& resolved, std::string_view key, ValueType expected) {
  return error(ErrorCode::TypeMismatch,
               "Evaluated type of the flag " + std::string(key) + " does not match. Expected " +
                   std::string(type_name(expected)),
               *resolved.metadata, resolved.flag);
}

Resolution answer(const Flag& flag, const Variant& variant, Reason reason) {
  Resolution r;
  r.value = variant.value;
  r.variant = variant.name;
  r.reason = reason;
  r.metadata = &flag.metadata;
  r.flag = &flag;
  r.chosen = &variant;
  return r;
}

// No variant: the caller's default value (reason DEFAULT, or DISABLED).
Resolution no_variant(const Flag& flag, Reason reason = Reason::Default) {
  Resolution r;
  r.reason = reason;
  r.metadata = &flag.metadata;
  r.flag = &flag;
  return r;
}

Resolution by_name(const Flag& flag, std::string_view name) {
  if (const Variant* variant = flag.variant(name)) return answer(flag, *variant, Reason::TargetingMatch);
  return unknown_variant(flag, name);
}

// flagd-core takes String(result): true -> "true", 1 -> "1", ["a"] -> "a"
[[gnu::noinline]] Resolution by_computed_name(const Flag& flag, const Value& result) {
  return by_name(flag, js::to_string(result));
}

// Out of line, so that a flag without targeting costs no interpreter set-up.
Resolution run_targeting(const FlagSet& flags, const Flag& flag, const EvaluationContext& context,
                         std::int64_t now_seconds, Arena& scratch) {
  const ContextNeeds& needs = flags.context_needs();
  const RootData root{&context.attributes(), flag.key, static_cast<double>(now_seconds), context.slots(needs),
                      needs.targeting_key_slot};
  Interpreter interpreter(root, scratch);
  const auto result = interpreter.run(*flag.targeting);
  if (!result) return targeting_failed(flag);
  if (result->is_nullish()) return flag.default_variant ? answer(flag, *flag.default_variant, Reason::Default) : no_variant(flag);
  if (!result->is_string()) return by_computed_name(flag, *result);
  return by_name(flag, result->as_string());
}

// An enabled flag.
inline Resolution resolve_flag(const FlagSet& flags, const Flag& flag, const EvaluationContext& context,
                               std::int64_t now_seconds, Arena& scratch) {
  if (!flag.targeting) return flag.default_variant ? answer(flag, *flag.default_variant, Reason::Static) : no_variant(flag);
  return run_targeting(flags, flag, context, now_seconds, scratch);
}

// evaluate_untyped's body, inlined into evaluate too so that each is one frame.
inline Resolution resolve(const FlagSet& flags, std::string_view key, const EvaluationContext& context,
                          std::int64_t now_seconds) {
  const Flag* flag = flags.find(key);
  if (!flag) return flag_not_found(flags, key);
  if (!flag->enabled) return no_variant(*flag, Reason::Disabled);
  Arena scratch;
  return resolve_flag(flags, *flag, context, now_seconds, scratch);
}

// A set too large for the caches is read from memory flag by flag: while one flag is
// evaluated, the start of a later one's rule (its nodes lie together, RuleStorage) and its
// variants are fetched.
constexpr std::size_t kPrefetchAhead = 4;
constexpr std::size_t kPrefetchRuleBytes = 512;

inline void prefetch(const Flag& flag) {
  if (flag.targeting) {
    const char* rule = reinterpret_cast<const char*>(flag.targeting);
    for (std::size_t at = 0; at < kPrefetchRuleBytes; at += 64) __builtin_prefetch(rule + at);
  }
  __builtin_prefetch(flag.variant_list.data());
}

}  // namespace

Resolution evaluate_untyped(const FlagSet& flags, std::string_view key, const EvaluationContext& context,
                            std::int64_t now_seconds) {
  return resolve(flags, key, context, now_seconds);
}

Resolution evaluate(const FlagSet& flags, std::string_view key, const EvaluationContext& context, ValueType expected,
                    std::int64_t now_seconds) {
  Resolution r = resolve(flags, key, context, now_seconds);
  if (r.value && !has_type(*r.value, expected)) r = type_mismatch(r, key, expected);
  return r;  // one named result: returned in place, not copied out of a temporary
}

std::vector<BulkEntry> evaluate_all(const FlagSet& flags, const EvaluationContext& context, std::int64_t now_seconds) {
  std::vector<BulkEntry> entries;
  entries.reserve(flags.flags().size());
  Arena scratch;
  const std::vector<Flag>& all = flags.flags();
  for (std::size_t n = 0; n < all.size(); ++n) {
    if (n + kPrefetchAhead < all.size()) prefetch(all[n + kPrefetchAhead]);
    const Flag& flag = all[n];
    entries.push_back(BulkEntry{flag.key, flag.enabled ? resolve_flag(flags, flag, context, now_seconds, scratch)
                                                       : no_variant(flag, Reason::Disabled)});
  }
  return entries;
}

}  // namespace flagport::flags
