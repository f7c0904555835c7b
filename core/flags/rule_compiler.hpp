#pragma once
// Turns targeting JSON into a rule tree, once, at load. It reproduces what json-logic-engine
// does when it first prepares a rule: constant sub-rules are folded (and a constant that
// throws makes its enclosing rule throw), and its idioms (three-argument if, comparisons,
// filter with a constant test, reduce that sums or multiplies) keep their exact semantics.

#include <vector>

#include <nlohmann/json.hpp>

#include "core/flags/context_needs.hpp"
#include "core/flags/load_error.hpp"
#include "core/flags/rule.hpp"

namespace flagport::flags {

// Every operator the rule uses must be one Flagport evaluates; errors point below `at`.
void check_operators(const nlohmann::ordered_json& logic, const JsonPointer& at, std::vector<LoadError>& errors);

// Compiles a rule that passed check_operators. Nodes and constants live in `storage`.
const Node& compile_rule(const nlohmann::ordered_json& logic, RuleStorage& storage);

// Adds the top-level context keys the rule may read to `needs`, or marks it as reading
// everything.
void collect_context_needs(const Node& rule, ContextNeeds& needs);

}  // namespace flagport::flags
