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

Resolution no_variant(const Flag& flag) {
  Resolution r;
  r.reason = Reason::Default;
  r.metadata = &flag.metadata;
  r.flag = &flag;
  return r;
}

Resolution resolve_flag(const FlagSet& flags, const Flag& flag, const EvaluationContext& context, std::int64_t now_seconds,
                        Arena& scratch) {
  if (!flag.targeting) return flag.default_variant ? answer(flag, *flag.default_variant, Reason::Static) : no_variant(flag);
  const RootData root{&context.attributes(), flag.key, static_cast<double>(now_seconds),
                      context.slots(flags.context_needs())};
  Interpreter interpreter(root, scratch);
  const auto result = interpreter.run(*flag.targeting);
  if (!result) return error(ErrorCode::General, "Error evaluating targeting rule for flag '" + flag.key + "'", flag.metadata,
                           &flag);
  if (result->is_null()) return flag.default_variant ? answer(flag, *flag.default_variant, Reason::Default) : no_variant(flag);
  // flagd-core takes String(result): true -> "true", 1 -> "1", ["a"] -> "a"
  std::string computed;
  const std::string_view name = result->is_string() ? result->as_string() : std::string_view(computed = js::to_string(*result));
  if (const Variant* variant = flag.variant(name)) return answer(flag, *variant, Reason::TargetingMatch);
  return error(ErrorCode::General, "Variant '" + std::string(name) + "' not found in flag with key '" + flag.key + "'",
               flag.metadata, &flag);
}

}  // namespace

Resolution evaluate_untyped(const FlagSet& flags, std::string_view key, const EvaluationContext& context,
                            std::int64_t now_seconds) {
  const Flag* flag = flags.find(key);
  if (!flag) return error(ErrorCode::FlagNotFound, "flag '" + std::string(key) + "' not found", flags.metadata());
  if (!flag->enabled) {
    Resolution r;
    r.reason = Reason::Disabled;
    r.metadata = &flag->metadata;
    r.flag = flag;
    return r;
  }
  Arena scratch;
  return resolve_flag(flags, *flag, context, now_seconds, scratch);
}

Resolution evaluate(const FlagSet& flags, std::string_view key, const EvaluationContext& context, ValueType expected,
                    std::int64_t now_seconds) {
  Resolution r = evaluate_untyped(flags, key, context, now_seconds);
  if (r.value && !has_type(*r.value, expected)) {
    r = error(ErrorCode::TypeMismatch,
              "Evaluated type of the flag " + std::string(key) + " does not match. Expected " +
                  std::string(type_name(expected)),
              *r.metadata, r.flag);
  }
  return r;  // one named result: returned in place, not copied out of a temporary
}

std::vector<BulkEntry> evaluate_all(const FlagSet& flags, const EvaluationContext& context, std::int64_t now_seconds) {
  std::vector<BulkEntry> entries;
  entries.reserve(flags.flags().size());
  Arena scratch;
  for (const Flag& flag : flags.flags()) {
    if (!flag.enabled) continue;
    Resolution r = resolve_flag(flags, flag, context, now_seconds, scratch);
    if (r.value) entries.push_back({flag.key, std::move(r)});
  }
  return entries;
}

}  // namespace flagport::flags
