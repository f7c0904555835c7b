#include "core/flags/rule_compiler.hpp"

#include <algorithm>

#include "core/flags/interpreter.hpp"
#include "core/flags/javascript.hpp"
#include "core/flags/operators/custom_operators.hpp"

namespace flagport::flags {
namespace {

using Json = nlohmann::ordered_json;

struct OperatorInfo {
  std::string_view name;
  Op op;
  bool lazy;   // receives its arguments unevaluated
  bool unary;  // json-logic-engine's optimizeUnary: a single argument is passed as is
  Comparison comparison = Comparison::Equal;
};

constexpr OperatorInfo kOperators[] = {
    {"var", Op::VarData, false, true},
    {"missing", Op::Missing, false, false},
    {"missing_some", Op::MissingSome, false, false},
    {"if", Op::If, true, false},
    {"?:", Op::If, true, false},
    {"and", Op::And, true, false},
    {"or", Op::Or, true, false},
    {"??", Op::Coalesce, true, false},
    {"!", Op::Not, false, true},
    {"not", Op::Not, false, true},
    {"!!", Op::NotNot, false, true},
    {"==", Op::Compare, true, false, Comparison::Equal},
    {"===", Op::Compare, true, false, Comparison::StrictEqual},
    {"!=", Op::Compare, true, false, Comparison::NotEqual},
    {"!==", Op::Compare, true, false, Comparison::StrictNotEqual},
    {"<", Op::Compare, true, false, Comparison::Less},
    {"<=", Op::Compare, true, false, Comparison::LessEqual},
    {">", Op::Compare, true, false, Comparison::Greater},
    {">=", Op::Compare, true, false, Comparison::GreaterEqual},
    {"max", Op::Max, false, false},
    {"min", Op::Min, false, false},
    {"+", Op::Add, false, true},
    {"-", Op::Subtract, false, true},
    {"*", Op::Multiply, false, false},
    {"/", Op::Divide, false, false},
    {"%", Op::Modulo, false, false},
    {"map", Op::Map, true, false},
    {"filter", Op::Filter, true, false},
    {"reduce", Op::Reduce, true, false},
    {"all", Op::All, true, false},
    {"every", Op::All, true, false},
    {"some", Op::Some, true, false},
    {"none", Op::None, true, false},
    {"merge", Op::Merge, false, false},
    {"in", Op::In, false, false},
    {"cat", Op::Cat, false, true},
    {"substr", Op::Substr, false, false},
};

// Operators json-logic-engine has that Flagport does not evaluate.
constexpr std::string_view kUnsupported[] = {"throw", "try", "preserve", "length", "exists", "val",
                                              "keys", "pipe", "eachKey", "get"};

const OperatorInfo* find_operator(std::string_view name) {
  for (const OperatorInfo& info : kOperators) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

bool is_iterator(Op op) {
  return op == Op::Map || op == Op::Filter || op == Op::Reduce || op == Op::All || op == Op::Some || op == Op::None;
}

// JS truthiness of a JSON value as written.
bool json_truthy(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return false;
    case Json::value_t::boolean: return j.get_ref<const bool&>();
    case Json::value_t::string: return !j.get_ref<const std::string&>().empty();
    case Json::value_t::number_integer: return j.get_ref<const std::int64_t&>() != 0;
    case Json::value_t::number_unsigned: return j.get_ref<const std::uint64_t&>() != 0;
    case Json::value_t::number_float: return j.get_ref<const double&>() != 0;
    default: return true;
  }
}

// String(x) for a JSON value as written.
std::string json_string(const Json& j, Arena& arena) { return js::to_string(arena.adopt(j)); }

// json-logic-engine's isDeterministic: a rule whose result does not depend on the data.
bool is_deterministic(const Json& logic, bool inside_iterator, Arena& arena) {
  if (logic.is_array()) {
    return std::all_of(logic.begin(), logic.end(), [&](const Json& item) { return is_deterministic(item, inside_iterator, arena); });
  }
  if (!logic.is_object() || logic.empty()) return true;
  const std::string& name = logic.begin().key();
  const Json& lower = logic.begin().value();
  if (find_custom_operator(name)) return false;
  const OperatorInfo* info = find_operator(name);
  if (!info) return false;
  switch (info->op) {
    case Op::VarData: return inside_iterator && json_string(lower, arena).find("../../") == std::string::npos;
    case Op::Missing: return lower.is_array() && lower.empty();
    case Op::MissingSome: return false;
    default: break;
  }
  if (is_iterator(info->op)) {
    if (!lower.is_array()) return true;
    const bool selector = lower.size() < 1 || is_deterministic(lower[0], inside_iterator, arena);
    return selector && (lower.size() < 2 || is_deterministic(lower[1], true, arena));
  }
  return is_deterministic(lower, inside_iterator, arena);
}

class Compiler {
public:
  explicit Compiler(RuleStorage& storage) : storage_(storage) {}

  const Node* optimize(const Json& logic) {
    if (logic.is_array()) return optimize_array(logic);
    if (!logic.is_object()) return literal(storage_.arena().adopt(logic));
    if (logic.empty()) return literal(Value::object(storage_.arena().new_object()));
    if (logic.size() > 1) return poisoned_fail();  // json-logic-engine: "Unknown Operator"
    const std::string& name = logic.begin().key();
    const Json& lower = logic.begin().value();
    if (const Node* idiom = optimize_idiom(name, lower)) return idiom;
    return optimize_method(logic, name, lower);
  }

private:
  Node& make(Op op) {
    Node& node = storage_.new_node();
    node.op = op;
    return node;
  }

  const Node* literal(Value value) {
    Node& node = make(Op::Literal);
    node.literal = value;
    return &node;
  }

  const Node* poisoned_fail() {
    Node& node = make(Op::Fail);
    node.poisoned = true;
    return &node;
  }

  static bool any_poisoned(const std::vector<const Node*>& nodes) {
    return std::any_of(nodes.begin(), nodes.end(), [](const Node* n) { return n->poisoned; });
  }
  static bool all_literal(const std::vector<const Node*>& nodes) {
    return std::all_of(nodes.begin(), nodes.end(), [](const Node* n) { return n->op == Op::Literal; });
  }

  // Evaluates a data-independent node now, as json-logic-engine does while preparing it.
  const Node* fold(Node& node) {
    if (node.poisoned) return &node;
    const RootData nothing;
    Interpreter interpreter(nothing, storage_.arena());
    const auto result = interpreter.run(node);
    if (!result) {
      node.poisoned = true;
      return &node;
    }
    return literal(*result);
  }

  const Node* optimize_array(const Json& logic) {
    std::vector<const Node*> items;
    items.reserve(logic.size());
    for (const Json& item : logic) items.push_back(optimize(item));
    if (all_literal(items)) {
      ArrayData& array = storage_.arena().new_array();
      for (const Node* item : items) array.items.push_back(item->literal);
      return literal(Value::array(array));
    }
    Node& node = make(Op::ArrayLiteral);
    node.args = std::move(items);
    node.poisoned = any_poisoned(node.args);
    return &node;
  }

  const Node* optimize_idiom(const std::string& name, const Json& lower) {
    const OperatorInfo* info = find_operator(name);
    if (!info || !lower.is_array()) return nullptr;
    if (info->op == Op::If && lower.size() == 3) {
      const Node* condition = optimize(lower[0]);
      const Node* then_branch = optimize(lower[1]);
      const Node* else_branch = optimize(lower[2]);
      if (condition->poisoned || then_branch->poisoned || else_branch->poisoned) return poisoned_fail();
      if (condition->op == Op::Literal) return js::logic_truthy(condition->literal) ? then_branch : else_branch;
      Node& node = make(Op::If);
      node.args = {condition, then_branch, else_branch};
      return &node;
    }
    if (info->op == Op::Filter && lower.size() == 2) {
      const Node* test = optimize(lower[1]);
      if (test->poisoned) return poisoned_fail();
      if (test->op != Op::Literal) return nullptr;
      // a constant test keeps the whole collection, whatever it is, or nothing
      if (js::logic_truthy(test->literal)) return optimize(lower[0]);
      return literal(Value::array(storage_.arena().new_array()));
    }
    if (info->op == Op::Compare && (lower.size() == 2 || lower.size() == 3)) {
      Node& node = make(Op::Compare);
      node.comparison = info->comparison;
      for (const Json& operand : lower) node.args.push_back(optimize(operand));
      if (any_poisoned(node.args)) return poisoned_fail();
      if (all_literal(node.args)) return fold(node);
      return &node;
    }
    if (info->op == Op::Reduce) return optimize_reduce_idiom(lower);
    return nullptr;
  }

  // reduce whose mapper adds (or multiplies) accumulator and current becomes + (or *) over the list.
  const Node* optimize_reduce_idiom(const Json& lower) {
    if (lower.size() < 2 || lower[1].is_null()) return poisoned_fail();  // mapper['+'] of undefined
    const Json& mapper = lower[1];
    if (!mapper.is_object()) return nullptr;
    for (const char* op : {"+", "*"}) {
      const auto it = mapper.find(op);
      if (it == mapper.end() || !it->is_array() || it->size() != 2) continue;
      const auto var_of = [](const Json& operand) -> const Json* {
        if (!operand.is_object()) return nullptr;
        const auto var = operand.find("var");
        return var != operand.end() && json_truthy(*var) ? &*var : nullptr;
      };
      const Json* a = var_of((*it)[0]);
      const Json* b = var_of((*it)[1]);
      if (!a || !b) continue;
      const auto is = [](const Json* v, const char* text) { return v->is_string() && v->get_ref<const std::string&>() == text; };
      if (!(is(a, "accumulator") || is(b, "accumulator")) || !(is(a, "current") || is(b, "current"))) continue;
      Json initial;
      if (std::string_view(op) == "+") initial = lower.size() > 2 && json_truthy(lower[2]) ? lower[2] : Json(0);
      else initial = lower.size() > 2 ? lower[2] : Json(1);
      Json rewritten = Json::object();
      rewritten[op] = Json::array({Json{{op, lower[0]}}, initial});
      return optimize(rewritten);
    }
    return nullptr;
  }

  const Node* optimize_method(const Json& logic, const std::string& name, const Json& lower) {
    const bool deterministic = is_deterministic(logic, false, storage_.arena());
    if (CustomOperator custom = find_custom_operator(name)) {
      Node& node = make(Op::Custom);
      node.custom = custom;
      eager_args(node, lower, false);
      return &node;
    }
    const OperatorInfo& info = *find_operator(name);
    if (info.op == Op::VarData) return optimize_var(lower);
    Node* node;
    if (info.lazy) {
      node = &lazy_node(info, lower);
    } else {
      node = &make(info.op);
      eager_args(*node, lower, info.unary);
    }
    if (deterministic) return fold(*node);
    return node;
  }

  Node& lazy_node(const OperatorInfo& info, const Json& lower) {
    // lazy operators throw unless given an array; a comparison needs two operands
    if (!lower.is_array() || (info.op == Op::Compare && lower.size() < 2)) return make(Op::Fail);
    Node& node = make(info.op);
    node.comparison = info.comparison;
    for (const Json& arg : lower) node.args.push_back(optimize(arg));
    if (is_iterator(info.op)) {
      if (node.args.empty()) node.args.push_back(literal(Value{}));
      if (info.op == Op::Reduce) node.has_initial = node.args.size() > 2;
    }
    return node;
  }

  void eager_args(Node& node, const Json& lower, bool unary) {
    if (lower.is_array()) {
      if (unary && lower.size() == 1 && !lower[0].is_array()) {
        node.shape = ArgShape::Raw;
        node.args.push_back(optimize(lower[0]));
      } else {
        node.shape = ArgShape::List;
        for (const Json& arg : lower) node.args.push_back(optimize(arg));
      }
    } else if (!lower.is_object()) {
      node.shape = unary ? ArgShape::Raw : ArgShape::List;
      node.args.push_back(optimize(lower));
    } else {
      node.shape = unary ? ArgShape::Raw : ArgShape::Spread;
      node.args.push_back(optimize(lower));
    }
    node.poisoned = any_poisoned(node.args);
  }

  const Node* optimize_var(const Json& lower) {
    const Json* key = &lower;
    if (lower.is_array() && lower.size() == 1 && !lower[0].is_array()) key = &lower[0];
    if (key->is_array()) return optimize_var_list(*key);
    const Node* computed = optimize(*key);
    if (computed->poisoned) return poisoned_fail();
    if (computed->op != Op::Literal) {
      Node& node = make(Op::VarDynamic);
      node.args = {computed};
      return &node;
    }
    const Value k = computed->literal;
    if (!js::to_boolean(k)) return &make(Op::VarData);
    if (k.is_boolean() || k.is_object()) return poisoned_fail();  // key.includes is not a function
    const std::string text = js::to_string(k);
    if (k.is_number() || k.is_array() || text.find_first_of(".\\") == std::string::npos) {
      Node& node = make(Op::VarMember);
      node.path = {storage_.arena().keep(text)};
      return &node;
    }
    const std::vector<std::string> parts = Interpreter::split_path(text);
    const bool chain = text.rfind("../", 0) != 0 && (parts.size() == 2 || parts.size() == 3);
    Node& node = make(chain ? Op::VarChain : Op::VarPath);
    for (const std::string& part : parts) node.path.push_back(storage_.arena().keep(part));
    return &node;
  }

  // {"var": [key, default, ...]}: json-logic-engine's full var, default included
  const Node* optimize_var_list(const Json& list) {
    std::vector<const Node*> args;
    for (const Json& item : list) args.push_back(optimize(item));
    if (any_poisoned(args)) return poisoned_fail();
    const Node* fallback = args.size() > 1 ? args[1] : nullptr;
    const Node* key = args.empty() ? nullptr : args[0];
    if (!key || (key->op == Op::Literal && (key->literal.is_null() ||
                                            (key->literal.is_string() && key->literal.as_string().empty())))) {
      return &make(Op::VarData);
    }
    if (key->op == Op::Literal && (key->literal.is_string() || key->literal.is_number())) {
      const std::vector<std::string> parts = Interpreter::split_path(js::to_string(key->literal));
      if (parts.empty()) return &make(Op::VarData);
      Node& node = make(Op::VarPath);
      for (const std::string& part : parts) node.path.push_back(storage_.arena().keep(part));
      if (fallback) node.args = {fallback};
      return &node;
    }
    Node& node = make(Op::VarDynamic);
    node.key_and_default = true;
    node.args = {key};
    if (fallback) node.args.push_back(fallback);
    return &node;
  }

  RuleStorage& storage_;
};

void check(const Json& logic, const std::string& path, std::vector<LoadError>& errors) {
  if (logic.is_array()) {
    for (std::size_t i = 0; i < logic.size(); ++i) check(logic[i], pointer_append(path, std::to_string(i)), errors);
    return;
  }
  if (!logic.is_object() || logic.empty()) return;
  const std::string& name = logic.begin().key();
  if (name == "$ref") {
    // $evaluators references are expanded before this check: any left name nothing
    const Json& target = logic.begin().value();
    errors.push_back({path, target.is_string() ? "unknown $ref '" + target.get_ref<const std::string&>() + "'" : "malformed $ref"});
    return;
  }
  if (std::find(std::begin(kUnsupported), std::end(kUnsupported), name) != std::end(kUnsupported)) {
    errors.push_back({path, "operator '" + name + "' is not supported"});
    return;
  }
  if (!find_operator(name) && !find_custom_operator(name)) {
    errors.push_back({path, "unknown operator '" + name + "'"});
    return;
  }
  const Json& args = logic.begin().value();
  const std::string args_path = pointer_append(path, name);
  check(args, args_path, errors);
}

void collect(const Node& node, bool in_mapper, ContextNeeds& needs) {
  if (!in_mapper) {
    switch (node.op) {
      case Op::VarData:
      case Op::VarDynamic:
      case Op::Missing:
      case Op::MissingSome: needs.everything = true; break;
      case Op::VarMember:
      case Op::VarChain:
      case Op::VarPath: needs.keys.emplace_back(node.path[0]); break;
      default: break;
    }
  }
  for (std::size_t i = 0; i < node.args.size(); ++i) {
    const bool mapper = is_iterator(node.op) && i == 1;
    collect(*node.args[i], in_mapper || mapper, needs);
  }
}

}  // namespace

void check_operators(const Json& logic, const std::string& path, std::vector<LoadError>& errors) {
  check(logic, path, errors);
}

const Node& compile_rule(const Json& logic, RuleStorage& storage) {
  Compiler compiler(storage);
  return *compiler.optimize(logic);
}

void collect_context_needs(const Node& rule, ContextNeeds& needs) {
  collect(rule, false, needs);
  needs.keys.emplace_back("targetingKey");  // fractional hashes it
}

}  // namespace flagport::flags
