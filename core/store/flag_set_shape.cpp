#include "core/store/flag_set_shape.hpp"

#include "core/http/limits.hpp"

namespace flagport::store {

using nlohmann::json;

std::string pointer_child(const std::string& parent, const std::string& key) {
  std::string out = parent + "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

namespace {

bool valid_key(const std::string& key) {
  if (key.empty() || key.size() > limits::kMaxFlagKeyBytes) return false;
  for (unsigned char c : key)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

void check_flag(const std::string& path, const json& flag, std::vector<FieldError>& errors) {
  if (!flag.is_object()) {
    errors.push_back({path, "a flag must be an object"});
    return;
  }
  auto state = flag.find("state");
  if (state == flag.end()) {
    errors.push_back({path + "/state", "required: ENABLED or DISABLED"});
  } else if (!state->is_string() || (state->get_ref<const std::string&>() != "ENABLED" &&
                                     state->get_ref<const std::string&>() != "DISABLED")) {
    errors.push_back({path + "/state", "must be ENABLED or DISABLED"});
  }
  auto variants = flag.find("variants");
  if (variants == flag.end()) {
    errors.push_back({path + "/variants", "required: an object of variant name to value"});
  } else if (!variants->is_object() || variants->empty()) {
    errors.push_back({path + "/variants", "must be a non-empty object"});
  } else {
    for (auto it = variants->begin(); it != variants->end(); ++it)
      if (!valid_key(it.key()))
        errors.push_back({pointer_child(path + "/variants", it.key()),
                          "variant names are 1 to 256 bytes without control characters"});
  }
  if (auto dv = flag.find("defaultVariant"); dv != flag.end() && !dv->is_null()) {
    if (!dv->is_string()) {
      errors.push_back({path + "/defaultVariant", "must be a string naming a variant, or null"});
    } else if (variants != flag.end() && variants->is_object() && !variants->contains(dv->get_ref<const std::string&>())) {
      errors.push_back({path + "/defaultVariant", "names no variant of this flag"});
    }
  }
  if (auto targeting = flag.find("targeting"); targeting != flag.end() && !targeting->is_object())
    errors.push_back({path + "/targeting", "must be a JsonLogic object"});
  if (auto metadata = flag.find("metadata"); metadata != flag.end() && !metadata->is_object())
    errors.push_back({path + "/metadata", "must be an object"});
}

}  // namespace

std::vector<FieldError> check_flag_set_shape(const json& document) {
  std::vector<FieldError> errors;
  if (!document.is_object()) {
    errors.push_back({"", "a flag set must be a JSON object"});
    return errors;
  }
  auto flags = document.find("flags");
  if (flags == document.end()) {
    errors.push_back({"/flags", "required: an object of flag key to flag"});
  } else if (!flags->is_object()) {
    errors.push_back({"/flags", "must be an object"});
  } else {
    for (auto it = flags->begin(); it != flags->end(); ++it) {
      std::string path = pointer_child("/flags", it.key());
      if (!valid_key(it.key())) errors.push_back({path, "flag keys are 1 to 256 bytes without control characters"});
      check_flag(path, it.value(), errors);
    }
  }
  if (auto evaluators = document.find("$evaluators"); evaluators != document.end() && !evaluators->is_object())
    errors.push_back({"/$evaluators", "must be an object"});
  if (auto metadata = document.find("metadata"); metadata != document.end() && !metadata->is_object())
    errors.push_back({"/metadata", "must be an object"});
  return errors;
}

}  // namespace flagport::store
