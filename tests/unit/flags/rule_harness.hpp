#pragma once
// Runs one targeting rule against one context, the way evaluation does.

#include <optional>
#include <string>
#include <string_view>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/flags/evaluation_context.hpp"
#include "core/flags/interpreter.hpp"
#include "core/flags/rule_compiler.hpp"

namespace flagport::flags::testing {

// The rule's result as JSON, or nullopt when json-logic-engine would throw (GENERAL).
inline std::optional<nlohmann::json> run_rule(std::string_view rule, std::string_view context = "{}",
                                              std::string_view flag_key = "flag", double now = 1700000000) {
  RuleStorage storage;
  const nlohmann::ordered_json logic = nlohmann::ordered_json::parse(rule, nullptr, false);
  REQUIRE_FALSE(logic.is_discarded());
  const Node& node = compile_rule(logic, storage);
  auto decoded = decode_context(context);
  REQUIRE(decoded.context);
  Arena scratch;
  const RootData root{&decoded.context->attributes(), flag_key, now};
  Interpreter interpreter(root, scratch);
  const auto result = interpreter.run(node);
  if (!result) return std::nullopt;
  return to_json(*result);
}

inline nlohmann::json json(std::string_view text) { return nlohmann::json::parse(text, nullptr, false); }

}  // namespace flagport::flags::testing
