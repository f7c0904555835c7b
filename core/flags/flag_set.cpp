#include "core/flags/flag_set.hpp"

#include <algorithm>

#include "core/flags/ordered_json_parse.hpp"
#include "core/flags/text_words.hpp"
#include "core/flags/value.hpp"

namespace flagport::flags {
namespace {

using Json = nlohmann::ordered_json;

// Resolves {"$ref": "name"} against $evaluators, recursively, refusing unknown and cyclic names.
class RefResolver {
public:
  RefResolver(const Json* evaluators, std::vector<LoadError>& errors) : evaluators_(evaluators), errors_(errors) {}

  Json resolve(const Json& logic, const JsonPointer& at) {
    if (const std::string* name = ref_name(logic)) return expand(*name, at);
    if (logic.is_array()) {
      Json out = Json::array();
      for (std::size_t i = 0; i < logic.size(); ++i) out.push_back(resolve(logic[i], JsonPointer(at, i)));
      return out;
    }
    if (logic.is_object()) {
      Json out = Json::object();
      for (auto it = logic.begin(); it != logic.end(); ++it) out[it.key()] = resolve(it.value(), JsonPointer(at, it.key()));
      return out;
    }
    return logic;
  }

private:
  static const std::string* ref_name(const Json& logic) {
    if (!logic.is_object() || logic.size() != 1) return nullptr;
    const auto it = logic.find("$ref");
    if (it == logic.end() || !it->is_string()) return nullptr;
    return &it->get_ref<const std::string&>();
  }

  Json expand(const std::string& name, const JsonPointer& at) {
    const auto found = evaluators_ ? evaluators_->find(name) : Json::const_iterator{};
    if (!evaluators_ || found == evaluators_->end()) {
      errors_.push_back({at.str(), "unknown $ref '" + name + "'"});
      return nullptr;
    }
    if (std::find(active_.begin(), active_.end(), name) != active_.end()) {
      std::string cycle;
      for (const std::string& step : active_) cycle += "'" + step + "' -> ";
      errors_.push_back({at.str(), "cyclic $ref " + cycle + "'" + name + "'"});
      return nullptr;
    }
    active_.push_back(name);
    const JsonPointer root;
    const JsonPointer in_evaluators(root, "$evaluators");
    Json expanded = resolve(*found, JsonPointer(in_evaluators, name));
    active_.pop_back();
    return expanded;
  }

  const Json* evaluators_;
  std::vector<LoadError>& errors_;
  std::vector<std::string> active_;
};

}  // namespace

struct FlagSetBuilder {
  static LoadResult build(std::string_view text) {
    LoadResult result;
    auto& errors = result.errors;
    Json document = parse_ordered_json(text);
    if (document.is_discarded()) {
      errors.push_back({"", "not valid JSON"});
      return result;
    }
    if (!document.is_object()) {
      errors.push_back({"", "a flag set must be a JSON object"});
      return result;
    }
    auto data = std::make_shared<FlagSet::Data>();

    const Json* evaluators = nullptr;
    if (const auto it = document.find("$evaluators"); it != document.end()) {
      if (it->is_object()) evaluators = &*it;
      else errors.push_back({"/$evaluators", "must be an object"});
    }
    if (const auto it = document.find("metadata"); it != document.end()) {
      if (it->is_object()) data->metadata = *it;
      else errors.push_back({"/metadata", "must be an object"});
    }
    auto flags = document.find("flags");
    if (flags == document.end() || !flags->is_object()) {
      errors.push_back({"/flags", "must be an object of flags"});
      return result;
    }

    data->flags.reserve(flags->size());
    const JsonPointer root;
    const JsonPointer in_flags(root, "flags");
    for (auto it = flags->begin(); it != flags->end(); ++it) {
      Flag flag;
      flag.key = it.key();
      if (load_flag(it.value(), JsonPointer(in_flags, it.key()), evaluators, *data, flag, errors)) {
        data->flags.push_back(std::move(flag));
      }
    }
    if (!errors.empty()) return result;
    index_keys(*data);

    data->needs.seal(data->rules);
    FlagSet set;
    set.data_ = std::move(data);
    result.flag_set = std::move(set);
    return result;
  }

  static void index_keys(FlagSet::Data& data) {
    std::size_t size = 1;
    while (size < 2 * data.flags.size()) size *= 2;
    data.slots.assign(size, 0);
    for (std::size_t n = 0; n < data.flags.size(); ++n) {
      std::size_t i = text_hash(data.flags[n].key) & (size - 1);
      while (data.slots[i] != 0) i = (i + 1) & (size - 1);
      data.slots[i] = static_cast<std::uint32_t>(n + 1);
    }
  }

  // Takes the flag's parts out of `definition` rather than copying them.
  static bool load_flag(Json& definition, const JsonPointer& at, const Json* evaluators, FlagSet::Data& data,
                        Flag& flag, std::vector<LoadError>& errors) {
    const std::size_t errors_before = errors.size();
    if (!definition.is_object()) {
      errors.push_back({at.str(), "a flag must be an object"});
      return false;
    }
    const auto state = definition.find("state");
    if (state == definition.end() || !state->is_string() ||
        (state->get_ref<const std::string&>() != "ENABLED" && state->get_ref<const std::string&>() != "DISABLED")) {
      errors.push_back({JsonPointer(at, "state").str(), "must be \"ENABLED\" or \"DISABLED\""});
    } else {
      flag.enabled = state->get_ref<const std::string&>() == "ENABLED";
    }
    const auto variants = definition.find("variants");
    if (variants == definition.end() || !variants->is_object() || variants->empty()) {
      errors.push_back({JsonPointer(at, "variants").str(), "must be a non-empty object"});
    } else {
      flag.variants = std::move(*variants);
      flag.variant_list.reserve(flag.variants.size());
      for (auto v = flag.variants.begin(); v != flag.variants.end(); ++v) flag.variant_list.push_back({v.key(), &v.value()});
    }
    if (const auto it = definition.find("defaultVariant"); it != definition.end() && !it->is_null()) {
      if (!it->is_string()) {
        errors.push_back({JsonPointer(at, "defaultVariant").str(), "must be a string or null"});
      } else if (const std::string& name = it->get_ref<const std::string&>(); !name.empty()) {
        flag.default_variant = flag.variant(name);
        if (flag.variants.is_object() && !flag.default_variant) {
          errors.push_back({JsonPointer(at, "defaultVariant").str(), "names no variant of this flag"});
        }
      }
    }
    flag.metadata = data.metadata;
    if (const auto it = definition.find("metadata"); it != definition.end()) {
      if (!it->is_object()) {
        errors.push_back({JsonPointer(at, "metadata").str(), "must be an object"});
      } else {
        for (auto m = it->begin(); m != it->end(); ++m) flag.metadata[m.key()] = m.value();
      }
    }
    if (const auto it = definition.find("targeting"); it != definition.end() && !it->is_null()) {
      const JsonPointer targeting_at(at, "targeting");
      if (!it->is_object()) {
        errors.push_back({targeting_at.str(), "must be a JsonLogic object"});
      } else if (!it->empty()) {
        const std::size_t before = errors.size();
        const Json logic = evaluators ? RefResolver(evaluators, errors).resolve(*it, targeting_at) : std::move(*it);
        if (errors.size() == before) check_operators(logic, targeting_at, errors);
        if (errors.size() == before) {
          flag.targeting = &compile_rule(logic, data.rules);
          collect_context_needs(*flag.targeting, data.needs);
        }
      }
    }
    return errors.size() == errors_before;
  }
};

LoadResult load_flag_set(std::string_view json_text) { return FlagSetBuilder::build(json_text); }

}  // namespace flagport::flags
