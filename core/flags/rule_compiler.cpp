#include "core/flags/rule_compiler.hpp"

#include <algorithm>
#include <cmath>

#include "core/flags/engine_errors.hpp"
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
    // json-logic-engine's own
    {"val", Op::ValDynamic, false, true},
    {"exists", Op::Exists, false, false},
    {"length", Op::Length, true, false},
    {"keys", Op::Keys, false, false},
    {"get", Op::Get, false, false},
    {"pipe", Op::Pipe, true, false},
    {"eachKey", Op::EachKey, true, false},
    {"try", Op::Try, true, false},
    {"throw", Op::Throw, false, true},
    {"preserve", Op::Literal, true, false},
};

// The engine's method table is a plain object: `name in methods` also finds what every
// object inherits, so flagd-core accepts these names as operators. Called without a `this`,
// toString answers "[object Undefined]", constructor (Object) the argument list, the others throw.
struct InheritedInfo {
  std::string_view name;
  std::string_view throws;  // empty: it answers
};

constexpr InheritedInfo kInherited[] = {
    {"constructor", ""},
    {"toString", ""},
    {"__proto__", engine_errors::kCalledNotFunction},
    {"toLocaleString", engine_errors::kToLocaleString},
    {"valueOf", engine_errors::kNullToObject},
    {"hasOwnProperty", engine_errors::kNullToObject},
    {"isPrototypeOf", engine_errors::kNullToObject},
    {"propertyIsEnumerable", engine_errors::kNullToObject},
    {"__defineGetter__", engine_errors::kNullToObject},
    {"__defineSetter__", engine_errors::kNullToObject},
    {"__lookupGetter__", engine_errors::kNullToObject},
    {"__lookupSetter__", engine_errors::kNullToObject},
};

const InheritedInfo* find_inherited(std::string_view name) {
  for (const InheritedInfo& info : kInherited) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const OperatorInfo* find_operator(std::string_view name) {
  for (const OperatorInfo& info : kOperators) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

bool is_iterator(Op op) {
  return op == Op::Map || op == Op::Filter || op == Op::Reduce || op == Op::All || op == Op::Some || op == Op::None;
}

// The operator of a rule object: its first key in JS order (Object.keys puts array-index
// keys first, ascending).
Json::const_iterator first_key(const Json& logic) {
  auto first = logic.begin();
  std::optional<std::size_t> lowest;
  for (auto it = logic.begin(); it != logic.end(); ++it) {
    const auto index = js::array_index(it.key());
    if (index && (!lowest || *index < *lowest)) {
      lowest = index;
      first = it;
    }
  }
  return first;
}

// Object.keys of a JSON object or array as written.
std::vector<std::string> own_keys(const Json& j) {
  std::vector<std::string> keys;
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) keys.push_back(std::to_string(i));
    return keys;
  }
  std::vector<std::string_view> written;
  for (auto it = j.begin(); it != j.end(); ++it) written.push_back(it.key());
  for (std::size_t position : js::key_order(written)) keys.emplace_back(written[position]);
  return keys;
}

// The member of an object or array that own_keys named.
const Json& member_at(const Json& j, const std::string& key) {
  return j.is_array() ? j[*js::array_index(key)] : *j.find(key);
}

// A JSON value as written, kept as data (preserve, pipe's arguments), keys in JS order.
Value preserved(const Json& j, Arena& arena) {
  if (j.is_array()) {
    ArrayData& array = arena.new_array();
    for (const Json& item : j) array.items.push_back(preserved(item, arena));
    return Value::array(array);
  }
  if (!j.is_object()) return arena.adopt(j);
  ObjectData& object = arena.new_object();
  for (const std::string& key : own_keys(j)) object.members.push_back({arena.keep(key), preserved(member_at(j, key), arena)});
  return Value::object(object);
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

// Where json-logic-engine's isDeterministic is looking from.
struct Purity {
  bool inside_iterator = false;  // the data is an element (or try's error): var no longer reads the context
  bool inside_try = false;       // throw is constant here
};

// json-logic-engine's isDeterministic: a rule whose result does not depend on the data. It
// throws for eachKey without an object, try of null and unknown operators: `throws` gets
// the message.
bool is_deterministic(const Json& logic, Purity purity, Arena& arena, std::string_view& throws) {
  if (logic.is_array()) {
    for (const Json& item : logic) {
      if (!is_deterministic(item, purity, arena, throws)) return false;
    }
    return true;
  }
  if (!logic.is_object() || logic.empty()) return true;
  const auto first = first_key(logic);
  const std::string& name = first.key();
  const Json& lower = first.value();
  if (find_custom_operator(name) || find_inherited(name)) return false;
  const OperatorInfo* info = find_operator(name);
  if (!info) {
    throws = engine_errors::kUnknownOperator;
    return false;
  }
  const Purity element{true, purity.inside_try};
  switch (info->op) {
    case Op::VarData: return purity.inside_iterator && json_string(lower, arena).find("../../") == std::string::npos;
    case Op::ValDynamic: {
      if (!purity.inside_iterator) return false;
      // climbing two scopes or more reads the context
      if (!lower.is_array() || lower.empty() || !lower[0].is_array()) return true;
      const double levels = lower[0].empty() ? NAN : js::to_number(arena.adopt(lower[0][0]));
      return !(std::fabs(levels) >= 2);
    }
    case Op::Missing: return lower.is_array() && lower.empty();
    case Op::MissingSome:
    case Op::Exists: return false;
    case Op::Literal: return true;  // preserve
    case Op::Throw: return purity.inside_try && is_deterministic(lower, purity, arena, throws);
    case Op::Try: {
      if (lower.is_null()) {  // it reads data[0] first
        throws = engine_errors::kTryOfNull;
        return false;
      }
      const Purity trying{purity.inside_iterator, true};
      if (lower.is_array() && !lower.empty() && !is_deterministic(lower[0], trying, arena, throws)) return false;
      return is_deterministic(lower, {true, true}, arena, throws);
    }
    case Op::Pipe: {
      if (!lower.is_array()) return false;
      for (std::size_t i = 0; i < lower.size(); ++i) {
        if (!is_deterministic(lower[i], i == 0 ? purity : element, arena, throws)) return false;
      }
      return true;
    }
    case Op::EachKey: {
      if (!lower.is_object() && !lower.is_array()) {
        throws = engine_errors::kInvalidArguments;
        return false;
      }
      for (const std::string& key : own_keys(lower)) {
        const Json& item = member_at(lower, key);
        if (!is_deterministic(item, purity, arena, throws)) return false;
      }
      return true;
    }
    default: break;
  }
  if (is_iterator(info->op)) {
    if (!lower.is_array()) return true;
    if (lower.size() >= 1 && !is_deterministic(lower[0], purity, arena, throws)) return false;
    return lower.size() < 2 || is_deterministic(lower[1], element, arena, throws);
  }
  return is_deterministic(lower, purity, arena, throws);
}

class Compiler {
public:
  explicit Compiler(RuleStorage& storage) : storage_(storage) {}

  const Node* optimize(const Json& logic) {
    if (logic.is_array()) return optimize_array(logic);
    if (!logic.is_object()) return literal(storage_.arena().adopt(logic));
    if (logic.empty()) return literal(Value::object(storage_.arena().new_object()));
    if (logic.size() > 1) return poisoned_fail(engine_errors::kUnknownOperator);
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

  const Node* poisoned_fail(const Thrown& thrown) {
    Node& node = make(Op::Fail);
    node.poisoned = true;
    node.thrown = thrown;
    return &node;
  }
  const Node* poisoned_fail(std::string_view message) { return poisoned_fail(Thrown{Value::string(message), true}); }

  // The engine prepares arguments in order: the first that throws is what the rule throws.
  static const Node* first_poisoned(const std::vector<const Node*>& nodes) {
    const auto it = std::find_if(nodes.begin(), nodes.end(), [](const Node* n) { return n->poisoned; });
    return it == nodes.end() ? nullptr : *it;
  }
  static bool any_poisoned(const std::vector<const Node*>& nodes) { return first_poisoned(nodes) != nullptr; }
  static void inherit_poison(Node& node) {
    if (const Node* poisoned = first_poisoned(node.args)) {
      node.poisoned = true;
      node.thrown = poisoned->thrown;
    }
  }
  static bool all_literal(const std::vector<const Node*>& nodes) {
    return std::all_of(nodes.begin(), nodes.end(), [](const Node* n) { return n->op == Op::Literal; });
  }

  // Evaluates a data-independent node now, as json-logic-engine does while preparing it.
  const Node* fold(Node& node) {
    if (node.poisoned) return &node;
    const RootData nothing;
    Interpreter interpreter(nothing, storage_.arena());
    const auto result = interpreter.run_without_data(node);
    if (!result) {
      node.poisoned = true;
      node.thrown = interpreter.thrown();
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
    inherit_poison(node);
    return &node;
  }

  const Node* optimize_idiom(const std::string& name, const Json& lower) {
    const OperatorInfo* info = find_operator(name);
    if (!info || !lower.is_array()) return nullptr;
    if (info->op == Op::ValDynamic && !lower.empty() && lower.size() <= 3 &&
        std::none_of(lower.begin(), lower.end(), [](const Json& key) { return key.is_null() || key.is_structured(); })) {
      // val with one to three constant keys: `data && data[a] && data[a][b]`
      Node& node = make(Op::VarChain);
      for (const Json& key : lower) node.path.push_back(storage_.arena().keep(json_string(key, storage_.arena())));
      return &node;
    }
    if (info->op == Op::If && lower.size() == 3) {
      const Node* condition = optimize(lower[0]);
      const Node* then_branch = optimize(lower[1]);
      const Node* else_branch = optimize(lower[2]);
      if (const Node* poisoned = first_poisoned({condition, then_branch, else_branch})) return poisoned_fail(poisoned->thrown);
      if (condition->op == Op::Literal) return js::logic_truthy(condition->literal) ? then_branch : else_branch;
      Node& node = make(Op::If);
      node.args = {condition, then_branch, else_branch};
      return &node;
    }
    if (info->op == Op::Filter && lower.size() == 2) {
      const Node* test = optimize(lower[1]);
      if (test->poisoned) return poisoned_fail(test->thrown);
      if (test->op != Op::Literal) return nullptr;
      // a constant test keeps the whole collection, whatever it is, or nothing
      if (js::logic_truthy(test->literal)) return optimize(lower[0]);
      return literal(Value::array(storage_.arena().new_array()));
    }
    if (info->op == Op::Compare && (lower.size() == 2 || lower.size() == 3)) {
      Node& node = make(Op::Compare);
      node.comparison = info->comparison;
      for (const Json& operand : lower) node.args.push_back(optimize(operand));
      if (const Node* poisoned = first_poisoned(node.args)) return poisoned_fail(poisoned->thrown);
      if (all_literal(node.args)) return fold(node);
      return &node;
    }
    if (info->op == Op::Reduce) return optimize_reduce_idiom(lower);
    return nullptr;
  }

  // reduce whose mapper adds (or multiplies) accumulator and current becomes + (or *) over the list.
  const Node* optimize_reduce_idiom(const Json& lower) {
    if (lower.size() < 2) return poisoned_fail(engine_errors::kReduceMapperUndefined);  // mapper['+']
    if (lower[1].is_null()) return poisoned_fail(engine_errors::kReduceMapperNull);
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
    std::string_view throws;
    const bool deterministic = is_deterministic(logic, {}, storage_.arena(), throws);
    if (!throws.empty()) return poisoned_fail(throws);
    if (CustomOperator custom = find_custom_operator(name)) {
      Node& node = make(Op::Custom);
      node.custom = custom;
      eager_args(node, lower, false);
      return &node;
    }
    if (const InheritedInfo* inherited = find_inherited(name)) return inherited_node(*inherited, lower);
    const OperatorInfo* found = find_operator(name);
    if (!found) return poisoned_fail(engine_errors::kUnknownOperator);
    const OperatorInfo& info = *found;
    if (info.op == Op::VarData) return optimize_var(lower);
    if (info.op == Op::ValDynamic) return optimize_val(lower);
    Node* node;
    if (const auto extra = extra_node(info.op, lower)) {
      node = *extra;
    } else if (info.lazy) {
      node = &lazy_node(info, lower);
    } else {
      node = &make(info.op);
      eager_args(*node, lower, info.unary);
    }
    if (deterministic) return fold(*node);
    if (info.op == Op::In) hash_string_list(*node);
    return node;
  }

  // {"in": [x, ["a", "b", ...]]}: the list is looked up in a hash set rather than scanned.
  void hash_string_list(Node& node) {
    if (node.poisoned || node.shape != ArgShape::List || node.args.size() != 2) return;
    const Node& list = *node.args[1];
    if (list.op != Op::Literal || !list.literal.is_array()) return;
    const auto& items = list.literal.as_array().items;
    if (!std::all_of(items.begin(), items.end(), [](const Value& item) { return item.is_string(); })) return;
    node.strings = &storage_.new_string_set(items);
  }

  Node& fail_node(std::string_view message) {
    Node& node = make(Op::Fail);
    node.thrown = Thrown{Value::string(message), true};
    return node;
  }

  // Operators that receive their arguments as written and shape them their own way.
  std::optional<Node*> extra_node(Op op, const Json& lower) {
    switch (op) {
      case Op::Literal: {  // preserve: its argument as data
        Node& node = make(Op::Literal);
        node.literal = preserved(lower, storage_.arena());
        return &node;
      }
      case Op::Length: {
        if (!json_truthy(lower)) return &fail_node(engine_errors::kInvalidArguments);
        Node& node = make(Op::Length);
        node.shape = lower.is_array() ? ArgShape::List : ArgShape::Raw;  // List: measure the first element
        node.args.push_back(optimize(lower));
        return &node;
      }
      case Op::Pipe: {
        if (!lower.is_array()) return &fail_node(engine_errors::kPipeNeedsArray);
        Node& node = make(Op::Pipe);
        node.literal = preserved(lower, storage_.arena());  // every stage sees the arguments in `above`
        for (const Json& stage : lower) node.args.push_back(optimize(stage));
        return &node;
      }
      case Op::EachKey: {  // is_deterministic refused anything but an object or an array
        Node& node = make(Op::EachKey);
        for (const std::string& key : own_keys(lower)) {
          node.path.push_back(storage_.arena().keep(key));
          node.args.push_back(optimize(member_at(lower, key)));
        }
        return &node;
      }
      case Op::Try: {
        Node& node = make(Op::Try);
        if (lower.is_array()) {
          for (const Json& attempt : lower) node.args.push_back(optimize(attempt));
        } else {
          node.args.push_back(optimize(lower));
        }
        return &node;
      }
      default: return std::nullopt;
    }
  }

  const Node* inherited_node(const InheritedInfo& info, const Json& lower) {
    Node& node = make(info.name == "constructor" ? Op::ArgumentList : Op::Inherited);
    if (info.name == "toString") node.literal = Value::string("[object Undefined]");
    if (!info.throws.empty()) node.thrown = Thrown{Value::string(info.throws), true};
    eager_args(node, lower, false);
    return &node;
  }

  // val without the constant-keys idiom
  const Node* optimize_val(const Json& lower) {
    const Json* key = &lower;
    if (lower.is_array() && lower.size() == 1 && !lower[0].is_array()) key = &lower[0];
    if (key->is_array()) {
      Node& node = make(Op::ValPath);
      for (const Json& item : *key) node.args.push_back(optimize(item));
      inherit_poison(node);
      return &node;
    }
    const Node* computed = optimize(*key);
    if (computed->poisoned) return poisoned_fail(computed->thrown);
    if (computed->op == Op::Literal) {  // one constant key, as is: data[key]
      Node& node = make(Op::VarMember);
      node.path = {storage_.arena().keep(js::to_string(computed->literal))};
      return &node;
    }
    Node& node = make(Op::ValDynamic);
    node.args = {computed};
    return &node;
  }

  Node& lazy_node(const OperatorInfo& info, const Json& lower) {
    // lazy operators throw unless given an array; a comparison needs two operands
    if (!lower.is_array() || (info.op == Op::Compare && lower.size() < 2)) return fail_node(engine_errors::kInvalidArguments);
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
    inherit_poison(node);
  }

  const Node* optimize_var(const Json& lower) {
    const Json* key = &lower;
    if (lower.is_array() && lower.size() == 1 && !lower[0].is_array()) key = &lower[0];
    if (key->is_array()) return optimize_var_list(*key);
    const Node* computed = optimize(*key);
    if (computed->poisoned) return poisoned_fail(computed->thrown);
    if (computed->op != Op::Literal) {
      Node& node = make(Op::VarDynamic);
      node.args = {computed};
      return &node;
    }
    const Value k = computed->literal;
    if (!js::to_boolean(k)) return &make(Op::VarData);
    if (k.is_boolean() || k.is_object()) return poisoned_fail(engine_errors::kKeyIncludesNotFunction);
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
    if (const Node* poisoned = first_poisoned(args)) return poisoned_fail(poisoned->thrown);
    const Node* fallback = args.size() > 1 ? args[1] : nullptr;
    const Node* key = args.empty() ? nullptr : args[0];
    if (!key || (key->op == Op::Literal && (key->literal.is_nullish() ||
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

void check(const Json& logic, const JsonPointer& at, std::vector<LoadError>& errors) {
  if (logic.is_array()) {
    for (std::size_t i = 0; i < logic.size(); ++i) {
      // only objects and arrays hold operators: no path is built for the constants
      if (logic[i].is_structured()) check(logic[i], JsonPointer(at, i), errors);
    }
    return;
  }
  if (!logic.is_object() || logic.empty()) return;
  const auto first = first_key(logic);
  const std::string& name = first.key();
  if (name == "$ref") {
    // $evaluators references are expanded before this check: any left name nothing
    const Json& target = first.value();
    errors.push_back({at.str(), target.is_string() ? "unknown $ref '" + target.get_ref<const std::string&>() + "'" : "malformed $ref"});
    return;
  }
  if (!find_operator(name) && !find_custom_operator(name) && !find_inherited(name)) {
    errors.push_back({at.str(), "unknown operator '" + name + "'"});
    return;
  }
  // like flagd-core, only the operator's own arguments: eachKey's other keys are not looked at
  const Json& args = first.value();
  if (args.is_structured()) check(args, JsonPointer(at, name), errors);
}

void collect(const Node& node, bool in_mapper, ContextNeeds& needs) {
  // val's climbs and computed paths, and exists' `in`, may reach the context from anywhere
  if (node.op == Op::ValPath || node.op == Op::ValDynamic || node.op == Op::Exists) needs.everything = true;
  if (!in_mapper) {
    switch (node.op) {
      case Op::VarData:
      case Op::VarDynamic:
      case Op::Missing:
      case Op::MissingSome: needs.everything = true; break;
      case Op::VarMember:
      case Op::VarChain:
      case Op::VarPath: needs.add(node.path[0]); break;
      default: break;
    }
  }
  for (std::size_t i = 0; i < node.args.size(); ++i) {
    // pipe's later stages read the previous answer. try's later arguments read the error, or
    // the context itself when what was thrown is null or undefined, so they count as reading it.
    const bool mapper = (is_iterator(node.op) && i == 1) || (node.op == Op::Pipe && i > 0);
    collect(*node.args[i], in_mapper || mapper, needs);
  }
}

}  // namespace

void check_operators(const Json& logic, const JsonPointer& at, std::vector<LoadError>& errors) {
  check(logic, at, errors);
}

const Node& compile_rule(const Json& logic, RuleStorage& storage) {
  Compiler compiler(storage);
  return *compiler.optimize(logic);
}

void collect_context_needs(const Node& rule, ContextNeeds& needs) {
  collect(rule, false, needs);
  needs.add("targetingKey");  // fractional hashes it
}

}  // namespace flagport::flags
